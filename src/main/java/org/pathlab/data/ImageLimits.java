package org.pathlab.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * What an image-folder dataset may cost before anything is read into memory: each file's size
 * (hashed as a stream, but decoded whole), each image's dimensions (read from its header, before
 * the pixels are), the decoded dataset's bytes, and where its files lie (inside the folder after
 * every link is followed, as the folder itself lies inside a data root). Each refusal names the
 * file and the limit, never where a link leads.
 */
public final class ImageLimits {

  /** An image file larger than this is not a picture a network trains on: 64 MiB. */
  public static final long MAX_FILE_BYTES = 64L << 20;
  /** 4096 × 4096, the largest side dataset.size accepts, squared. */
  public static final long MAX_PIXELS = 4096L * 4096L;
  /** The decoded dataset (both splits, uint8, channels × height × width each): 768 MiB of a 2 GB heap. */
  public static final long MAX_DATASET_BYTES = 768L << 20;

  private ImageLimits() {}

  /** Refuses a file outside {@code realDir} once its links are followed, or one too large to decode. */
  static void checkFile(Path file, Path realDir) {
    String name = file.getFileName().toString();
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c < 0x20 || c >= 0x7f && c <= 0x9f || c >= 0x202a && c <= 0x202e || c >= 0x2066 && c <= 0x2069) {
        // the name itself is not printed: it is what could rewrite a terminal line
        throw new DatasetException(file.getParent() + " holds a file or folder whose name has a control character (U+"
            + String.format("%04X", (int) c) + "): rename it; names are printed in reports, logs and terminals");
      }
    }
    Path real;
    try {
      real = file.toRealPath();
    } catch (IOException e) {
      throw new DatasetException(file + " cannot be read (a broken link, or no permission): replace or remove it");
    }
    if (!real.startsWith(realDir)) {
      throw new DatasetException(file + " is a link that leads outside the dataset's folder; an image folder's files and class "
          + "folders must lie inside it: copy the files in, or remove the link");
    }
    if (Files.isRegularFile(real, LinkOption.NOFOLLOW_LINKS)) {
      long bytes;
      try {
        bytes = Files.size(real);
      } catch (IOException e) {
        throw new DatasetException(file + " cannot be read (" + e.getMessage() + ")");
      }
      if (bytes > MAX_FILE_BYTES) {
        throw new DatasetException(file + " is " + bytes + " bytes; an image file may be at most " + MAX_FILE_BYTES
            + " bytes (64 MiB): replace or remove it");
      }
    }
  }

  /** Refuses an image whose header declares more than {@link #MAX_PIXELS} pixels, before decoding it. */
  static void checkDimensions(Path file) {
    try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
      if (in == null) return; // not readable as an image: decoding names it
      Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
      if (!readers.hasNext()) return;
      ImageReader reader = readers.next();
      try {
        reader.setInput(in, true, true);
        long w = reader.getWidth(0);
        long h = reader.getHeight(0);
        if (w * h > MAX_PIXELS) {
          throw new DatasetException(file + " is " + w + "×" + h + " pixels (width×height); an image may have at most "
              + MAX_PIXELS + " pixels (4096 × 4096): make it smaller, or remove it");
        }
      } finally {
        reader.dispose();
      }
    } catch (IOException | RuntimeException e) {
      if (e instanceof DatasetException d) throw d;
      throw new DatasetException(file + " cannot be decoded as an image (" + e.getMessage() + "): replace or remove it");
    }
  }

  /** Refuses a dataset whose decoded images would exceed {@link #MAX_DATASET_BYTES}, before any is decoded. */
  public static void checkVolume(String what, long images, int channels, int height, int width) {
    long per = (long) channels * height * width;
    if (images > 0 && per > MAX_DATASET_BYTES / images) {
      throw new DatasetException(what + ": " + images + " images of " + channels + "×" + height + "×" + width + " would take "
          + (images * per >> 20) + " MiB decoded; a dataset may take at most " + (MAX_DATASET_BYTES >> 20)
          + " MiB: use fewer or smaller images (an image folder is resized by dataset.size)");
    }
  }
}
