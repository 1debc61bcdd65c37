package org.pathlab.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.pathlab.data.DatasetFiles.PATTERN;
import static org.pathlab.data.DatasetFiles.assertMentions;
import static org.pathlab.data.DatasetFiles.at;
import static org.pathlab.data.DatasetFiles.write;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import us.hebi.matlab.mat.format.Mat5;
import us.hebi.matlab.mat.types.MatFile;
import us.hebi.matlab.mat.types.MatlabType;
import us.hebi.matlab.mat.types.Matrix;

/** SVHN's .mat files, small but written as MATLAB writes them: X 32×32×3×N uint8, y N×1. */
class SvhnTest {

  /** Digits as SVHN labels them: 10 is the digit 0. */
  private static final int[] TRAIN_Y = {1, 10, 5, 9, 10};
  private static final int[] TEST_Y = {3, 10};

  @TempDir Path tmp;

  @Test
  void readsExactlyWhatWasWrittenInNchwOrder() throws IOException {
    Path dir = tmp.resolve("svhn");
    writeMat(dir.resolve(Svhn.TRAIN_FILE), x(new int[] {32, 32, 3, 5}), y(TRAIN_Y));
    writeMat(dir.resolve(Svhn.TEST_FILE), x(new int[] {32, 32, 3, 2}), y(TEST_Y));
    RawImages[] both = Datasets.load("svhn", List.of(tmp));
    RawImages train = both[0];
    RawImages test = both[1];
    assertEquals(5, train.count());
    assertEquals(2, test.count());
    assertEquals(3, train.channels());
    assertEquals(32, train.height());
    assertEquals(32, train.width());
    assertArrayEquals(new int[] {1, 0, 5, 9, 0}, train.labels(), "label 10 is the digit 0");
    assertArrayEquals(new int[] {3, 0}, test.labels());
    // X(row 3, col 17, channel 2, image 4) in MATLAB's 1-based terms is X(4, 18, 3, 5)
    assertEquals(PATTERN.at(4, 2, 3, 17), train.pixels()[at(train, 4, 2, 3, 17)] & 0xff);
    // transposition would show here: row and column differ
    assertEquals(PATTERN.at(1, 0, 0, 31), test.pixels()[at(test, 1, 0, 0, 31)] & 0xff);
    assertEquals(PATTERN.at(1, 0, 31, 0), test.pixels()[at(test, 1, 0, 31, 0)] & 0xff);
    for (int n = 0; n < 5; n++) {
      for (int c = 0; c < 3; c++) {
        for (int h = 0; h < 32; h++) {
          for (int w = 0; w < 32; w++) {
            assertEquals(PATTERN.at(n, c, h, w), train.pixels()[at(train, n, c, h, w)] & 0xff);
          }
        }
      }
    }
  }

  @Test
  void uint8LabelsAndASingleImageAreRead() throws IOException {
    // MATLAB drops the trailing singleton: one image is saved as 32×32×3
    Matrix y = Mat5.newMatrix(1, 1, MatlabType.UInt8);
    y.setInt(0, 10);
    Path file = writeMat(tmp.resolve("one.mat"), x(new int[] {32, 32, 3}), y);
    RawImages one = Svhn.readFile(file);
    assertEquals(1, one.count());
    assertArrayEquals(new int[] {0}, one.labels());
    assertEquals(PATTERN.at(0, 1, 30, 2), one.pixels()[at(one, 0, 1, 30, 2)] & 0xff);
  }

  @Test
  void missingFileNamesIt() throws IOException {
    Path dir = tmp.resolve("svhn");
    writeMat(dir.resolve(Svhn.TRAIN_FILE), x(new int[] {32, 32, 3, 5}), y(TRAIN_Y));
    DatasetException e = assertThrows(DatasetException.class, () -> Svhn.read(dir));
    assertMentions(e, dir.resolve(Svhn.TEST_FILE).toString(), "not found", "ops/datasets svhn");
    e = assertThrows(DatasetException.class, () -> Datasets.load("svhn", List.of(tmp)));
    assertMentions(e, "dataset 'svhn' not found", dir.toString());
  }

  @Test
  void truncatedFileNamesIt() throws IOException {
    Path file = writeMat(tmp.resolve("cut.mat"), x(new int[] {32, 32, 3, 5}), y(TRAIN_Y));
    byte[] whole = Files.readAllBytes(file);
    write(file, Arrays.copyOf(whole, whole.length / 2));
    DatasetException e = assertThrows(DatasetException.class, () -> Svhn.readFile(file));
    assertMentions(e, file.toString(), "truncated", "ops/datasets svhn");
    // cut right after the 128-byte header: a valid but empty file
    write(file, Arrays.copyOf(whole, 130));
    e = assertThrows(DatasetException.class, () -> Svhn.readFile(file));
    assertMentions(e, file.toString(), "no variable 'X'", "truncated");
  }

  @Test
  void notAMatFileNamesIt() throws IOException {
    Path file = write(tmp.resolve("junk.mat"), "hello, not MATLAB".repeat(20).getBytes());
    DatasetException e = assertThrows(DatasetException.class, () -> Svhn.readFile(file));
    assertMentions(e, file.toString(), "MATLAB v5", "ops/datasets svhn");

    byte[] v73 = new byte[512];
    byte[] text = "MATLAB 7.3 MAT-file, Platform: GLNXA64, HDF5 schema 1.00".getBytes(
        StandardCharsets.US_ASCII);
    System.arraycopy(text, 0, v73, 0, text.length);
    write(file, v73);
    e = assertThrows(DatasetException.class, () -> Svhn.readFile(file));
    assertMentions(e, file.toString(), "v7.3", "-v7");
  }

  @Test
  void wrongShapeOrClassOfXNamesIt() throws IOException {
    Path file = writeMat(tmp.resolve("mnist-like.mat"), x(new int[] {28, 28, 1, 2}), y(1, 2));
    DatasetException e = assertThrows(DatasetException.class, () -> Svhn.readFile(file));
    assertMentions(e, file.toString(), "X is 28×28×1×2", "32×32×3×N");

    Matrix doubles = Mat5.newMatrix(new int[] {32, 32, 3, 2}, MatlabType.Double);
    writeMat(file, doubles, y(1, 2));
    e = assertThrows(DatasetException.class, () -> Svhn.readFile(file));
    assertMentions(e, file.toString(), "class double", "uint8");

    MatFile noX = Mat5.newMatFile().addArray("y", y(1, 2));
    Mat5.writeToFile(noX, file.toFile());
    e = assertThrows(DatasetException.class, () -> Svhn.readFile(file));
    assertMentions(e, file.toString(), "no variable 'X'", "it holds y");
  }

  @Test
  void labelOutOfRangeNamesFileAndIndex() throws IOException {
    for (double bad : new double[] {0, 11, 2.5, Double.NaN}) {
      Matrix y = y(1, 2, 3);
      y.setDouble(1, bad);
      Path file = writeMat(tmp.resolve("labels.mat"), x(new int[] {32, 32, 3, 3}), y);
      DatasetException e = assertThrows(DatasetException.class, () -> Svhn.readFile(file));
      assertMentions(e, file.toString(), "y(2) = " + bad, "outside 1..10");
    }
  }

  @Test
  void imageLabelCountMismatchNamesIt() throws IOException {
    Path file = writeMat(tmp.resolve("mismatch.mat"), x(new int[] {32, 32, 3, 3}), y(1, 2));
    DatasetException e = assertThrows(DatasetException.class, () -> Svhn.readFile(file));
    assertMentions(e, file.toString(), "3 images", "y is 2×1");
  }

  /** X(row, col, ch, n) = PATTERN(n, ch, row, col), set by MATLAB subscripts. */
  private static Matrix x(int[] dims) {
    Matrix x = Mat5.newMatrix(dims, MatlabType.UInt8);
    int n = dims.length == 4 ? dims[3] : 1;
    int[] index = new int[dims.length];
    for (int img = 0; img < n; img++) {
      for (int ch = 0; ch < dims[2]; ch++) {
        for (int row = 0; row < dims[0]; row++) {
          for (int col = 0; col < dims[1]; col++) {
            index[0] = row;
            index[1] = col;
            index[2] = ch;
            if (dims.length == 4) {
              index[3] = img;
            }
            x.setByte(index, (byte) PATTERN.at(img, ch, row, col));
          }
        }
      }
    }
    return x;
  }

  /** Labels as MATLAB's default class, double, N×1. */
  private static Matrix y(int... labels) {
    Matrix y = Mat5.newMatrix(labels.length, 1);
    for (int i = 0; i < labels.length; i++) {
      y.setDouble(i, labels[i]);
    }
    return y;
  }

  private static Path writeMat(Path file, Matrix x, Matrix y) throws IOException {
    Files.createDirectories(file.getParent());
    try (MatFile mat = Mat5.newMatFile().addArray("X", x).addArray("y", y)) {
      Mat5.writeToFile(mat, file.toFile());
    }
    return file;
  }
}
