package org.pathlab.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Reads image/label pairs in the IDX format of MNIST and Fashion-MNIST (big-endian int32 header,
 * then unsigned bytes), gzipped or raw.
 */
public final class IdxFiles {

    static final int IMAGES_MAGIC = 2051;
    static final int LABELS_MAGIC = 2049;
    static final int MAX_LABEL = 9;

    private static final int BUFFER = 1 << 16;
    private static final String FIX =
            "replace it with the official file (run `ops/datasets fashion-mnist`)";

    private IdxFiles() {}

    public static RawImages read(Path images, Path labels) {
        int[] labelValues = readLabels(labels);
        try (DataInputStream in = open(images)) {
            int magic = readHeaderInt(in, images);
            if (magic != IMAGES_MAGIC) {
                throw wrongMagic(images, magic, IMAGES_MAGIC, "an IDX image file");
            }
            int count = readHeaderInt(in, images);
            int rows = readHeaderInt(in, images);
            int cols = readHeaderInt(in, images);
            if (count < 0 || rows <= 0 || cols <= 0) {
                throw new DatasetException(
                        images + ": header declares " + count + " images of " + rows + "×" + cols
                                + ", which is not a valid image set; " + FIX);
            }
            long size = (long) count * rows * cols;
            if (size > Integer.MAX_VALUE - 8) {
                throw new DatasetException(
                        images + ": header declares " + size + " pixels, more than one Java array"
                                + " holds; " + FIX);
            }
            if (count != labelValues.length) {
                throw new DatasetException(
                        images + " holds " + count + " images but " + labels + " holds "
                                + labelValues.length + " labels; the two files do not belong"
                                + " together, replace them with the official pair (run"
                                + " `ops/datasets fashion-mnist`)");
            }
            byte[] pixels = readBytes(in, (int) size, images, "pixel");
            return new RawImages(count, 1, rows, cols, pixels, labelValues);
        } catch (IOException e) {
            throw unreadable(images, e);
        }
    }

    private static int[] readLabels(Path labels) {
        try (DataInputStream in = open(labels)) {
            int magic = readHeaderInt(in, labels);
            if (magic != LABELS_MAGIC) {
                throw wrongMagic(labels, magic, LABELS_MAGIC, "an IDX label file");
            }
            int count = readHeaderInt(in, labels);
            if (count < 0) {
                throw new DatasetException(
                        labels + ": header declares " + count + " labels; " + FIX);
            }
            byte[] raw = readBytes(in, count, labels, "label");
            int[] values = new int[count];
            for (int i = 0; i < count; i++) {
                int v = raw[i] & 0xff;
                if (v > MAX_LABEL) {
                    throw new DatasetException(
                            labels + ": label " + v + " at index " + i + " is outside 0.."
                                    + MAX_LABEL + "; " + FIX);
                }
                values[i] = v;
            }
            return values;
        } catch (IOException e) {
            throw unreadable(labels, e);
        }
    }

    /** Decides gzip by its magic bytes, since downloads are often renamed or pre-extracted. */
    private static DataInputStream open(Path file) throws IOException {
        InputStream raw;
        try {
            raw = Files.newInputStream(file);
        } catch (NoSuchFileException e) {
            throw new DatasetException(
                    file + ": file not found; run `ops/datasets fashion-mnist` or point the"
                            + " dataset root at a directory holding it");
        }
        BufferedInputStream buffered = new BufferedInputStream(raw, BUFFER);
        buffered.mark(2);
        int b0 = buffered.read();
        int b1 = buffered.read();
        buffered.reset();
        if (b0 == 0x1f && b1 == 0x8b) {
            return new DataInputStream(
                    new BufferedInputStream(new GZIPInputStream(buffered, BUFFER), BUFFER));
        }
        return new DataInputStream(buffered);
    }

    private static int readHeaderInt(DataInputStream in, Path file) throws IOException {
        try {
            return in.readInt();
        } catch (EOFException e) {
            throw new DatasetException(
                    file + ": truncated, the file ends inside its IDX header; " + FIX);
        }
    }

    private static byte[] readBytes(DataInputStream in, int n, Path file, String unit)
            throws IOException {
        byte[] bytes;
        try {
            bytes = in.readNBytes(n);
        } catch (EOFException e) {
            // a cut-off gzip stream fails inside the inflater rather than returning short
            throw new DatasetException(
                    file + ": truncated, the compressed data ends before the " + n + " " + unit
                            + " bytes its header promises; " + FIX, e);
        }
        if (bytes.length < n) {
            throw truncated(file, n, bytes.length, unit);
        }
        return bytes;
    }

    private static DatasetException wrongMagic(Path file, int found, int expected, String what) {
        return new DatasetException(
                file + ": magic number " + found + " where " + expected + " (" + what
                        + ") was expected; check that image and label files are not swapped, or "
                        + FIX);
    }

    private static DatasetException truncated(Path file, long promised, long found, String unit) {
        return new DatasetException(
                file + ": truncated, the header promises " + promised + " " + unit
                        + " bytes but only " + found + " follow; " + FIX);
    }

    private static DatasetException unreadable(Path file, IOException e) {
        return new DatasetException(
                file + ": cannot be read (" + e + "); check permissions or " + FIX, e);
    }
}
