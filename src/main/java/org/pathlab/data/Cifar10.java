package org.pathlab.data;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * The binary version of CIFAR-10: five training batches and one test batch, each a sequence of
 * records of one label byte (0–9) followed by 3072 pixel bytes, 1024 red, 1024 green, 1024 blue,
 * each plane row-major 32×32. That is already C×H×W, so a record's pixels are copied as they are.
 * Read from the extracted files or straight from the official archive.
 */
public final class Cifar10 {

  public static final List<String> TRAIN_FILES =
      List.of(
          "data_batch_1.bin",
          "data_batch_2.bin",
          "data_batch_3.bin",
          "data_batch_4.bin",
          "data_batch_5.bin");
  public static final String TEST_FILE = "test_batch.bin";
  /** The six batch files, training batches first. */
  public static final List<String> FILE_NAMES = concat(TRAIN_FILES, TEST_FILE);
  /** The folder the official archive extracts to. */
  public static final String FOLDER = "cifar-10-batches-bin";
  /** The official archive of the binary version. */
  public static final String ARCHIVE = "cifar-10-binary.tar.gz";

  static final int CHANNELS = 3;
  static final int SIZE = 32;
  static final int IMAGE_BYTES = CHANNELS * SIZE * SIZE;
  static final int RECORD_BYTES = 1 + IMAGE_BYTES;
  static final int MAX_LABEL = 9;

  static final String LAYOUT =
      "all of " + FILE_NAMES + " (directly or in " + FOLDER + "/), or " + ARCHIVE;

  private static final int BUFFER = 1 << 16;
  private static final String FIX =
      "replace it with the official file (run `ops/datasets " + Datasets.CIFAR_10 + "`)";

  private Cifar10() {}

  /** Whether {@code dir} holds the six batches, directly or in {@link #FOLDER}, or the archive. */
  static boolean holds(Path dir) {
    return source(dir) != null;
  }

  /**
   * Returns {train, test} from {@code dir}: the batch files directly in it, else in its {@link
   * #FOLDER} subfolder, else the archive {@link #ARCHIVE} in it.
   */
  public static RawImages[] read(Path dir) {
    Path source = source(dir);
    if (source == null) {
      throw new DatasetException(
          dir + ": holds neither " + LAYOUT + ". " + DatasetLocator.howToGet(Datasets.CIFAR_10));
    }
    return Files.isDirectory(source) ? readBatches(source) : readArchive(source);
  }

  /**
   * What {@link #read} reads in {@code dir}: the directory holding the six batches (a directory)
   * or the archive (a file); null if neither is there. The checksum report relies on this order.
   */
  static Path source(Path dir) {
    if (holdsBatches(dir)) {
      return dir;
    }
    if (holdsBatches(dir.resolve(FOLDER))) {
      return dir.resolve(FOLDER);
    }
    Path archive = dir.resolve(ARCHIVE);
    return Files.isRegularFile(archive) ? archive : null;
  }

  /** Returns {train, test} from the six batch files in {@code dir}. */
  public static RawImages[] readBatches(Path dir) {
    Map<String, RawImages> batches = new LinkedHashMap<>();
    for (String name : FILE_NAMES) {
      batches.put(name, readBatch(dir.resolve(name)));
    }
    return assemble(batches, dir);
  }

  /** Returns {train, test} from the official archive, without extracting it. */
  public static RawImages[] readArchive(Path archive) {
    Map<String, RawImages> batches = new LinkedHashMap<>();
    try (InputStream raw = Files.newInputStream(archive);
        InputStream tar = new GZIPInputStream(new BufferedInputStream(raw, BUFFER), BUFFER)) {
      TarReader.forEachFile(
          tar,
          (name, size, content) -> {
            String base = name.substring(name.lastIndexOf('/') + 1);
            if (FILE_NAMES.contains(base) && !batches.containsKey(base)) {
              batches.put(base, parse(content, size, archive + " (member " + name + ")"));
            }
          });
    } catch (NoSuchFileException e) {
      throw notFound(archive);
    } catch (EOFException e) {
      // a cut-off gzip stream fails inside the inflater, a cut-off tar inside an entry
      throw new DatasetException(
          archive + ": truncated, the archive ends early (" + e.getMessage() + "); " + FIX, e);
    } catch (IOException e) {
      throw new DatasetException(
          archive + ": not a readable gzipped tar archive (" + e.getMessage() + "); it is"
              + " damaged or of another kind, " + FIX, e);
    }
    List<String> missing = new ArrayList<>();
    for (String name : FILE_NAMES) {
      if (!batches.containsKey(name)) {
        missing.add(FOLDER + "/" + name);
      }
    }
    if (!missing.isEmpty()) {
      throw new DatasetException(
          archive + ": the archive lacks " + missing + "; it is incomplete or not the binary"
              + " version of CIFAR-10 (the python and matlab versions hold other files); " + FIX);
    }
    return assemble(batches, archive);
  }

  /** Reads one batch file (any whole number of records). */
  public static RawImages readBatch(Path file) {
    long size;
    try {
      size = Files.size(file);
    } catch (NoSuchFileException e) {
      throw notFound(file);
    } catch (IOException e) {
      throw unreadable(file, e);
    }
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file), BUFFER)) {
      return parse(in, size, file.toString());
    } catch (EOFException e) {
      throw truncated(file.toString(), e);
    } catch (IOException e) {
      throw unreadable(file, e);
    }
  }

  /** Reads {@code size} bytes of records from {@code in}; {@code source} names them in errors. */
  private static RawImages parse(InputStream in, long size, String source) throws IOException {
    if (size <= 0 || size % RECORD_BYTES != 0) {
      throw new DatasetException(
          source + ": " + size + " bytes is not a whole number of " + RECORD_BYTES + "-byte"
              + " records (1 label byte + 3072 pixel bytes; the official batches hold 10000, "
              + (10_000L * RECORD_BYTES) + " bytes); the file is truncated or not a CIFAR-10"
              + " binary batch, " + FIX);
    }
    long records = size / RECORD_BYTES;
    if (records * IMAGE_BYTES > Integer.MAX_VALUE - 8) {
      throw new DatasetException(
          source + ": " + records + " records are more than one Java array holds; " + FIX);
    }
    int n = (int) records;
    byte[] pixels = new byte[n * IMAGE_BYTES];
    int[] labels = new int[n];
    for (int r = 0; r < n; r++) {
      int label = in.read();
      int got = label < 0 ? 0 : in.readNBytes(pixels, r * IMAGE_BYTES, IMAGE_BYTES);
      if (got < IMAGE_BYTES) {
        throw new DatasetException(
            source + ": truncated, its " + size + " bytes end inside record " + r + "; " + FIX);
      }
      if (label > MAX_LABEL) {
        throw new DatasetException(
            source + ": label " + label + " of record " + r + " is outside 0.." + MAX_LABEL
                + "; the file is damaged or not a CIFAR-10 batch (CIFAR-100 records have two"
                + " label bytes), " + FIX);
      }
      labels[r] = label;
    }
    return new RawImages(n, CHANNELS, SIZE, SIZE, pixels, labels);
  }

  /** Checks that all batches agree in size and joins the five training batches. */
  private static RawImages[] assemble(Map<String, RawImages> batches, Path where) {
    String first = FILE_NAMES.get(0);
    int perBatch = batches.get(first).count();
    for (String name : FILE_NAMES) {
      int count = batches.get(name).count();
      if (count != perBatch) {
        throw new DatasetException(
            where + ": " + name + " holds " + count + " records but " + first + " holds "
                + perBatch + "; every CIFAR-10 batch holds the same number (10000 in the official"
                + " set), so one of them is truncated or from another copy; " + FIX);
      }
    }
    int total = perBatch * TRAIN_FILES.size();
    byte[] pixels = new byte[Math.multiplyExact(total, IMAGE_BYTES)];
    int[] labels = new int[total];
    int k = 0;
    for (String name : TRAIN_FILES) {
      RawImages b = batches.get(name);
      System.arraycopy(b.pixels(), 0, pixels, k * IMAGE_BYTES, b.pixels().length);
      System.arraycopy(b.labels(), 0, labels, k, b.count());
      k += b.count();
    }
    RawImages train = new RawImages(total, CHANNELS, SIZE, SIZE, pixels, labels);
    return new RawImages[] {train, batches.get(TEST_FILE)};
  }

  private static boolean holdsBatches(Path dir) {
    if (!Files.isDirectory(dir)) {
      return false;
    }
    for (String name : FILE_NAMES) {
      if (!Files.isRegularFile(dir.resolve(name))) {
        return false;
      }
    }
    return true;
  }

  private static List<String> concat(List<String> a, String b) {
    List<String> all = new ArrayList<>(a);
    all.add(b);
    return List.copyOf(all);
  }

  private static DatasetException notFound(Path file) {
    return new DatasetException(
        file + ": file not found; run `ops/datasets " + Datasets.CIFAR_10 + "` or point the"
            + " dataset root at a directory holding it");
  }

  private static DatasetException truncated(String source, EOFException e) {
    // a cut-off gzip stream fails inside the inflater rather than returning short
    return new DatasetException(
        source + ": truncated, the data ends before the records its size promises; " + FIX, e);
  }

  private static DatasetException unreadable(Path file, IOException e) {
    return new DatasetException(
        file + ": cannot be read (" + e + "); check permissions or " + FIX, e);
  }
}
