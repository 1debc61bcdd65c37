package org.pathlab.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** npz datasets: files numpy.savez wrote (Debian's python3-numpy) and files in its exact format with every defect named. */
class NpzImagesTest {

  @TempDir Path dir;

  /** numpy.savez of the first {@code n} Fashion-MNIST training images in layout {@code layout}: "nhw", "nhwc", "nchw" or "float". */
  static Path numpyWrites(Path file, int n, String layout) throws Exception {
    String script = """
        import gzip, sys, numpy as np
        src = '/usr/share/datasets/fashion-mnist/'
        x = np.frombuffer(gzip.open(src + 'train-images-idx3-ubyte.gz').read(), np.uint8, offset=16).reshape(-1, 28, 28)[:COUNT]
        y = np.frombuffer(gzip.open(src + 'train-labels-idx1-ubyte.gz').read(), np.uint8, offset=8)[:COUNT].astype(np.int64)
        layout = sys.argv[2]
        if layout == 'nhwc': x = x[..., None]
        if layout == 'nchw': x = x[:, None]
        if layout == 'float': x = x.astype(np.float32) / 255
        np.savez(sys.argv[1], x_train=x[: COUNT // 2], y_train=y[: COUNT // 2], x_test=x[COUNT // 2 :], y_test=y[COUNT // 2 :])
        """.replace("COUNT", String.valueOf(n));
    Process p = new ProcessBuilder("/usr/bin/python3", "-c", script, file.toString(), layout).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, "numpy (python3-numpy, which ops/test installs): " + out);
    return file;
  }

  @Test
  void whatNumpyWritesReadsAsTheImagesItHolds() throws Exception {
    RawImages[] fashion = Datasets.load(Datasets.FASHION_MNIST, List.of());
    for (String layout : List.of("nhw", "nhwc", "nchw", "float")) {
      Path file = numpyWrites(dir.resolve(layout + ".npz"), 40, layout);
      RawImages[] read = NpzImages.read(file);
      assertEquals(20, read[0].count(), layout);
      assertEquals(1, read[0].channels(), layout);
      assertArrayEquals(Arrays.copyOfRange(fashion[0].pixels(), 0, 20 * 784), read[0].pixels(), layout + ": the same pixels");
      assertArrayEquals(Arrays.copyOfRange(fashion[0].labels(), 20, 40), read[1].labels(), layout);
      NpzImages.Summary s = NpzImages.summary(file);
      assertEquals(new NpzImages.Summary(20, 20, 1, 28, 28, s.classes()), s);
      assertTrue(s.classes() <= 10 && s.classes() >= 2, s.toString());
    }
  }

  /** One .npy array in numpy's format (version 1.0, C order, little-endian). */
  private static byte[] npy(String dtype, int[] shape, byte[] data) {
    StringBuilder dims = new StringBuilder();
    for (int d : shape) dims.append(d).append(", ");
    String dict = "{'descr': '" + dtype + "', 'fortran_order': False, 'shape': (" + dims.toString().replaceAll(", $", shape.length == 1 ? "," : "")
        + "), }";
    int total = 10 + dict.length() + 1;
    String header = dict + " ".repeat((64 - total % 64) % 64) + "\n";
    ByteBuffer out = ByteBuffer.allocate(10 + header.length() + data.length).order(ByteOrder.LITTLE_ENDIAN);
    out.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.US_ASCII)).put((byte) 1).put((byte) 0).putShort((short) header.length());
    out.put(header.getBytes(StandardCharsets.US_ASCII)).put(data);
    return out.array();
  }

  private Path npz(Map<String, byte[]> arrays) throws Exception {
    Path file = dir.resolve("data-" + arrays.hashCode() + ".npz");
    try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
      for (var e : arrays.entrySet()) {
        zip.putNextEntry(new ZipEntry(e.getKey() + ".npy"));
        zip.write(e.getValue());
        zip.closeEntry();
      }
    }
    return file;
  }

  private static byte[] labels(int... values) {
    ByteBuffer b = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
    for (int v : values) b.putLong(v);
    return b.array();
  }

  private Map<String, byte[]> valid() {
    Map<String, byte[]> a = new LinkedHashMap<>();
    a.put("x_train", npy("|u1", new int[] {3, 4, 4}, new byte[48]));
    a.put("y_train", npy("<i8", new int[] {3}, labels(0, 1, 2)));
    a.put("x_test", npy("|u1", new int[] {2, 4, 4}, new byte[32]));
    a.put("y_test", npy("<i8", new int[] {2}, labels(1, 0)));
    return a;
  }

  private String problem(Map<String, byte[]> arrays) throws Exception {
    Path file = npz(arrays);
    return assertThrows(DatasetException.class, () -> NpzImages.read(file)).getMessage();
  }

  @Test
  void eachDefectIsNamedWithTheFileAndArray() throws Exception {
    assertEquals(3, NpzImages.summary(npz(valid())).classes());
    Map<String, byte[]> missing = valid();
    missing.remove("y_test");
    String m = problem(missing);
    assertTrue(m.contains("has no array y_test") && m.contains("[x_test, x_train, y_train]"), m);

    Map<String, byte[]> lengths = valid();
    lengths.put("y_train", npy("<i8", new int[] {2}, labels(0, 1)));
    String l = problem(lengths);
    assertTrue(l.contains("x_train holds 3 images but y_train 2 labels"), l);

    Map<String, byte[]> range = valid();
    ByteBuffer f = ByteBuffer.allocate(48 * 4).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < 48; i++) f.putFloat(i == 5 ? 255f : 0.5f);
    range.put("x_train", npy("<f4", new int[] {3, 4, 4}, f.array()));
    String r = problem(range);
    assertTrue(r.contains("x_train holds 255.0") && r.contains("must lie in [0, 1]"), r);

    Map<String, byte[]> dtype = valid();
    dtype.put("x_test", npy("<f8", new int[] {2, 4, 4}, new byte[256]));
    assertTrue(problem(dtype).contains("x_test has dtype <f8; images must be uint8 or float32"), problem(dtype));

    Map<String, byte[]> shape = valid();
    shape.put("x_train", npy("|u1", new int[] {3, 2, 4, 4}, new byte[96]));
    assertTrue(problem(shape).contains("images must be N×H×W, N×H×W×C or N×C×H×W with C = 1 or 3"), problem(shape));

    Map<String, byte[]> cut = valid();
    cut.put("x_train", Arrays.copyOf(cut.get("x_train"), cut.get("x_train").length - 10));
    assertTrue(problem(cut).contains("x_train is cut short"), problem(cut));

    Path notZip = Files.writeString(dir.resolve("plain.npz"), "not a zip");
    String z = assertThrows(DatasetException.class, () -> NpzImages.read(notZip)).getMessage();
    assertTrue(z.startsWith(notZip + " is not an npz file"), z);
  }
}
