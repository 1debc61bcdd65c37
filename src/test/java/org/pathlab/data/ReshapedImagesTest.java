package org.pathlab.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Fashion-MNIST as the CIFAR ResNet-18 wants it: each real image repeated over 3 channels and padded, centred, to 32×32. */
class ReshapedImagesTest {

  @Test
  void realImagesAreRepeatedOverThreeChannelsAndPaddedWithZerosCentred() {
    RawImages test = Datasets.load("fashion-mnist", List.of())[1];
    RawImages shaped = test.reshaped(3, 32);
    assertEquals(List.of(test.count(), 3, 32, 32), List.of(shaped.count(), shaped.channels(), shaped.height(), shaped.width()));
    assertSame(test.labels(), shaped.labels());
    for (int n : new int[] {0, 1, test.count() - 1}) {
      long before = 0;
      long after = 0;
      for (int i = 0; i < 28 * 28; i++) before += test.pixels()[n * 784 + i] & 0xff;
      for (int k = 0; k < 3; k++) {
        for (int y = 0; y < 32; y++) {
          for (int x = 0; x < 32; x++) {
            int v = shaped.pixels()[((n * 3 + k) * 32 + y) * 32 + x] & 0xff;
            after += v;
            boolean inside = y >= 2 && y < 30 && x >= 2 && x < 30;
            assertEquals(inside ? test.pixels()[n * 784 + (y - 2) * 28 + (x - 2)] & 0xff : 0, v,
                "image " + n + " channel " + k + " at (" + y + ", " + x + ")");
          }
        }
      }
      assertEquals(3 * before, after, "every pixel kept, three times");
    }
  }

  @Test
  void imagesAsTheyAreStayTheSameObjectAndNothingIsCroppedOrMerged() {
    RawImages one = new RawImages(1, 1, 2, 3, new byte[] {1, 2, 3, 4, 5, 6}, new int[] {7});
    assertSame(one, one.reshaped(0, 0));
    assertSame(one, one.reshaped(1, 0));
    RawImages padded = one.reshaped(0, 5);
    // 2×3 into 5×5: one row above (two below), one column left (one right)
    assertEquals(0, padded.pixels()[0]);
    assertEquals(1, padded.pixels()[5 + 1]);
    assertEquals(6, padded.pixels()[2 * 5 + 3]);
    assertThrows(IllegalArgumentException.class, () -> one.reshaped(0, 2), "cropping");
    RawImages three = new RawImages(1, 3, 1, 1, new byte[] {1, 2, 3}, new int[] {0});
    assertThrows(IllegalArgumentException.class, () -> three.reshaped(1, 0), "3 channels into 1");
  }
}
