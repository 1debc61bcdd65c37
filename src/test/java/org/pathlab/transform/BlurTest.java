package org.pathlab.transform;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.pathlab.data.DatasetLocator;
import org.pathlab.data.FashionMnist;
import org.pathlab.data.RawImages;

class BlurTest {

    private static final int N = 16;
    private static final int SIDE = 28;
    private static float[] images;

    @BeforeAll
    static void load() {
        RawImages test =
                FashionMnist.load(DatasetLocator.locate(DatasetLocator.FASHION_MNIST, List.of()))[1];
        images = new float[N * SIDE * SIDE];
        for (int i = 0; i < images.length; i++) {
            images[i] = (test.pixels()[i] & 0xff) / 255f;
        }
    }

    @Test
    void sizes() {
        assertEquals(7, Blur.blurredSize(28, 1));
        assertEquals(8, Blur.blurredSize(32, 1));
        assertEquals(28, Blur.blurredSize(28, 0));
        int half = Blur.blurredSize(28, 0.5);
        assertTrue(half > 7 && half < 28, "level 0.5 gives " + half);
        assertEquals(18, half); // 28 · 0.625 = 17.5, rounded up
        assertEquals(1, Blur.blurredSize(2, 1));
    }

    @Test
    void levelOutsideUnitIntervalRejected() {
        try (NDManager manager = NDManager.newBaseManager("PyTorch");
                NDArray x = manager.create(images, new Shape(N, 1, SIDE, SIDE))) {
            assertThrows(IllegalArgumentException.class, () -> Blur.apply(x, -0.01));
            assertThrows(IllegalArgumentException.class, () -> Blur.apply(x, 1.01));
            assertThrows(IllegalArgumentException.class, () -> Blur.apply(x, Double.NaN));
            assertThrows(IllegalArgumentException.class, () -> Blur.blurredSize(28, 2));
        }
    }

    @Test
    void levelZeroIsIdentity() {
        try (NDManager manager = NDManager.newBaseManager("PyTorch");
                NDArray x = manager.create(images, new Shape(N, 1, SIDE, SIDE))) {
            NDArray y = Blur.apply(x, 0);
            assertSame(x, y);
            assertArrayEquals(images, y.toFloatArray());
        }
    }

    @Test
    void levelOneMatchesPlainJavaBilinear() {
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            NDArray x = manager.create(images, new Shape(N, 1, SIDE, SIDE));
            int before = manager.getManagedArrays().size();
            NDArray y = Blur.apply(x, 1);
            // only the result is added: the 7×7 intermediate was closed
            assertEquals(before + 1, manager.getManagedArrays().size());
            assertSame(manager, y.getManager());
            assertEquals(new Shape(N, 1, SIDE, SIDE), y.getShape());
            float[] got = y.toFloatArray();
            float[] expected = new float[images.length];
            for (int n = 0; n < N; n++) {
                float[] img = new float[SIDE * SIDE];
                System.arraycopy(images, n * SIDE * SIDE, img, 0, img.length);
                float[] small = resize(img, SIDE, SIDE, 7, 7);
                System.arraycopy(resize(small, 7, 7, SIDE, SIDE), 0, expected, n * SIDE * SIDE, img.length);
            }
            double maxDiff = 0;
            for (int i = 0; i < got.length; i++) {
                maxDiff = Math.max(maxDiff, Math.abs(got[i] - expected[i]));
            }
            assertTrue(maxDiff < 1e-5, "max difference " + maxDiff);
            // and it really blurs: the result differs clearly from the sharp input
            double change = 0;
            for (int i = 0; i < got.length; i++) {
                change = Math.max(change, Math.abs(got[i] - images[i]));
            }
            assertTrue(change > 0.1, "blur changed pixels by at most " + change);
        }
    }

    @Test
    void intermediateLevelKeepsShape() {
        try (NDManager manager = NDManager.newBaseManager("PyTorch");
                NDArray x = manager.create(images, new Shape(N, 1, SIDE, SIDE));
                NDArray y = Blur.apply(x, 0.5)) {
            assertEquals(x.getShape(), y.getShape());
            float[] small = resize(slice(images, 0), SIDE, SIDE, 18, 18);
            float[] expected = resize(small, 18, 18, SIDE, SIDE);
            float[] got = slice(y.toFloatArray(), 0);
            for (int i = 0; i < expected.length; i++) {
                assertEquals(expected[i], got[i], 1e-5);
            }
        }
    }

    @Test
    void djlInterpolationAntialiasesWhichIsWhyBlurDoesNotUseIt() {
        // 8×8 ramp v = 8·row + col, shrunk to 2×2: plain bilinear samples (1.5, 1.5) → 13.5, the
        // antialiased triangle filter averages rows/cols 0..5 with weights → 9·(6.625/3.5)
        float[] ramp = new float[64];
        for (int i = 0; i < ramp.length; i++) {
            ramp[i] = i;
        }
        try (NDManager manager = NDManager.newBaseManager("PyTorch");
                NDArray x = manager.create(ramp, new Shape(1, 1, 8, 8));
                NDArray djl = x.getNDArrayInternal().interpolation(new long[] {2, 2}, 1, false)) {
            assertEquals(9 * 6.625 / 3.5, djl.toFloatArray()[0], 1e-4);
            assertEquals(13.5, resize(ramp, 8, 8, 2, 2)[0], 1e-6);
            assertSame(manager, djl.getManager());
        }
    }

    private static float[] slice(float[] all, int n) {
        float[] img = new float[SIDE * SIDE];
        System.arraycopy(all, n * SIDE * SIDE, img, 0, img.length);
        return img;
    }

    /** PyTorch's bilinear, align_corners=false, written independently from its documented formula. */
    private static float[] resize(float[] in, int inH, int inW, int outH, int outW) {
        float[] out = new float[outH * outW];
        for (int oy = 0; oy < outH; oy++) {
            double sy = Math.max(0, (oy + 0.5) * inH / outH - 0.5);
            int y0 = (int) Math.floor(sy);
            int y1 = Math.min(y0 + 1, inH - 1);
            double wy = sy - y0;
            for (int ox = 0; ox < outW; ox++) {
                double sx = Math.max(0, (ox + 0.5) * inW / outW - 0.5);
                int x0 = (int) Math.floor(sx);
                int x1 = Math.min(x0 + 1, inW - 1);
                double wx = sx - x0;
                double top = (1 - wx) * in[y0 * inW + x0] + wx * in[y0 * inW + x1];
                double bottom = (1 - wx) * in[y1 * inW + x0] + wx * in[y1 * inW + x1];
                out[oy * outW + ox] = (float) ((1 - wy) * top + wy * bottom);
            }
        }
        return out;
    }
}
