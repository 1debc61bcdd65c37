package org.pathlab.transform;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.pathlab.data.DatasetLocator;
import org.pathlab.data.Datasets;
import org.pathlab.data.IdxFiles;
import org.pathlab.data.RawImages;

class BlurTest {

    private static final int N = 16;
    private static final int SIDE = 28;
    private static float[] images;

    @BeforeAll
    static void load() {
        RawImages test =
                IdxFiles.readSet(DatasetLocator.locate(DatasetLocator.FASHION_MNIST, List.of()), Datasets.FASHION_MNIST)[1];
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
                float[] small = PlainBilinear.resize(img, SIDE, SIDE, 7, 7);
                System.arraycopy(PlainBilinear.resize(small, 7, 7, SIDE, SIDE), 0, expected, n * SIDE * SIDE, img.length);
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
            float[] small = PlainBilinear.resize(slice(images, 0), SIDE, SIDE, 18, 18);
            float[] expected = PlainBilinear.resize(small, 18, 18, SIDE, SIDE);
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
            assertEquals(13.5, PlainBilinear.resize(ramp, 8, 8, 2, 2)[0], 1e-6);
            assertSame(manager, djl.getManager());
        }
    }

    // ---- the blur filters (transforms.blur-filter) ----

    /** One line of blur-reference/blur-reference.txt: PyTorch's own down-then-up of one test image. */
    record Reference(BlurFilter filter, double level, int small, int image, float[] values) {
        @Override
        public String toString() {
            return filter.id() + " level " + level + " (→ " + small + " px) image " + image;
        }
    }

    static Stream<Reference> pytorchReference() throws IOException {
        return Files.readAllLines(Path.of("src/test/resources/blur-reference/blur-reference.txt")).stream()
                .filter(l -> !l.startsWith("#") && !l.isBlank())
                .map(l -> {
                    String[] f = l.split(" ");
                    float[] v = new float[f.length - 4];
                    for (int i = 0; i < v.length; i++) {
                        v[i] = Float.parseFloat(f[4 + i]);
                    }
                    return new Reference(BlurFilter.of(f[0]).orElseThrow(), Double.parseDouble(f[1]),
                            Integer.parseInt(f[2]), Integer.parseInt(f[3]), v);
                });
    }

    @Test
    void theReferenceCoversEveryFilter() throws IOException {
        assertEquals(java.util.Set.of(BlurFilter.values()),
                pytorchReference().map(Reference::filter).collect(java.util.stream.Collectors.toSet()));
    }

    @ParameterizedTest
    @MethodSource("pytorchReference")
    void eachFilterMatchesPyTorchOnARealImage(Reference ref) {
        assertEquals(ref.small(), Blur.blurredSize(SIDE, ref.level()), "the reference was made for this level's size");
        try (NDManager manager = NDManager.newBaseManager("PyTorch");
                NDArray x = manager.create(images, new Shape(N, 1, SIDE, SIDE));
                NDArray y = Blur.apply(x, ref.level(), ref.filter())) {
            float[] got = slice(y.toFloatArray(), ref.image());
            double maxDiff = 0;
            for (int i = 0; i < got.length; i++) {
                maxDiff = Math.max(maxDiff, Math.abs(got[i] - ref.values()[i]));
            }
            assertTrue(maxDiff < 1e-5, ref + ": max difference to PyTorch " + maxDiff);
        }
    }

    @Test
    void theFiltersGiveDifferentBlurs() {
        try (NDManager manager = NDManager.newBaseManager("PyTorch");
                NDArray x = manager.create(images, new Shape(N, 1, SIDE, SIDE))) {
            float[] bilinear = Blur.apply(x, 1, BlurFilter.BILINEAR).toFloatArray();
            float[] area = Blur.apply(x, 1, BlurFilter.AREA).toFloatArray();
            float[] antialias = Blur.apply(x, 1, BlurFilter.ANTIALIAS).toFloatArray();
            assertTrue(maxDiff(bilinear, area) > 0.05, "area vs bilinear " + maxDiff(bilinear, area));
            assertTrue(maxDiff(area, antialias) > 0.05, "antialias vs area " + maxDiff(area, antialias));
            // every filter keeps the mean brightness roughly and softens: less spread than the sharp image
            for (float[] blurred : List.of(bilinear, area, antialias)) {
                assertTrue(sd(blurred) < sd(images), "blurred sd " + sd(blurred) + " vs sharp " + sd(images));
            }
        }
    }

    @Test
    void areaShrinkIsTheEnginesAdaptiveAveragePool() {
        // a second, independent reference: the engine's own op on the same images, stretched back
        // by this test's plain-Java bilinear
        try (NDManager manager = NDManager.newBaseManager("PyTorch");
                NDArray x = manager.create(images, new Shape(N, 1, SIDE, SIDE))) {
            for (int small : new int[] {7, 18, 12}) {
                float[] pooled = JniUtils.adaptiveAvgPool((PtNDArray) x, new Shape(small, small)).toFloatArray();
                double level = (1 - (double) small / SIDE) / 0.75;
                assertEquals(small, Blur.blurredSize(SIDE, level));
                float[] got = Blur.apply(x, level, BlurFilter.AREA).toFloatArray();
                for (int n = 0; n < N; n++) {
                    float[] smallImage = new float[small * small];
                    System.arraycopy(pooled, n * small * small, smallImage, 0, smallImage.length);
                    float[] expected = PlainBilinear.resize(smallImage, small, small, SIDE, SIDE);
                    assertTrue(maxDiff(expected, slice(got, n)) < 1e-5, "image " + n + " at " + small + " px");
                }
            }
        }
    }

    @Test
    void antialiasShrinkIsTheEnginesInterpolation() {
        // DJL's interpolation op antialiases when shrinking (see below): the antialias filter must agree with it
        try (NDManager manager = NDManager.newBaseManager("PyTorch");
                NDArray x = manager.create(images, new Shape(N, 1, SIDE, SIDE))) {
            for (int small : new int[] {7, 18, 12}) {
                float[] shrunk = x.getNDArrayInternal().interpolation(new long[] {small, small}, 1, false).toFloatArray();
                double level = (1 - (double) small / SIDE) / 0.75;
                float[] got = Blur.apply(x, level, BlurFilter.ANTIALIAS).toFloatArray();
                for (int n = 0; n < N; n++) {
                    float[] smallImage = new float[small * small];
                    System.arraycopy(shrunk, n * small * small, smallImage, 0, smallImage.length);
                    float[] expected = PlainBilinear.resize(smallImage, small, small, SIDE, SIDE);
                    assertTrue(maxDiff(expected, slice(got, n)) < 1e-5, "image " + n + " at " + small + " px");
                }
            }
        }
    }

    @Test
    void theDefaultIsBitIdenticalToTheBlurBeforeFiltersExisted() {
        // earlier results and prefix keys assume the default blur is exactly the old one
        assertEquals(BlurFilter.BILINEAR, BlurFilter.DEFAULT);
        assertEquals(BlurFilter.BILINEAR, TransformSettings.defaults().blurFilter());
        try (NDManager manager = NDManager.newBaseManager("PyTorch");
                NDArray x = manager.create(images, new Shape(N, 1, SIDE, SIDE))) {
            for (double level : new double[] {1, 0.75, 0.5, 0.25, 0.1}) {
                float[] before = LegacyBlur.apply(x, level).toFloatArray();
                assertArrayEquals(before, Blur.apply(x, level, BlurFilter.BILINEAR).toFloatArray(), "level " + level);
                assertArrayEquals(before, Blur.apply(x, level).toFloatArray(), "level " + level);
                assertArrayEquals(before, Transforms.apply(x, t -> t.equals(Transforms.BLUR) ? level : 0,
                        TransformSettings.defaults(), new java.util.SplittableRandom(1)).toFloatArray(), "level " + level);
            }
        }
    }

    @Test
    void aMissingFilterIsRefused() {
        try (NDManager manager = NDManager.newBaseManager("PyTorch");
                NDArray x = manager.create(images, new Shape(N, 1, SIDE, SIDE))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Blur.apply(x, 1, null));
            assertTrue(e.getMessage().contains("bilinear, area, antialias"), e.getMessage());
        }
    }

    private static double maxDiff(float[] a, float[] b) {
        double d = 0;
        for (int i = 0; i < a.length; i++) {
            d = Math.max(d, Math.abs(a[i] - b[i]));
        }
        return d;
    }

    private static double sd(float[] a) {
        double mean = 0;
        for (float v : a) {
            mean += v;
        }
        mean /= a.length;
        double s = 0;
        for (float v : a) {
            s += (v - mean) * (v - mean);
        }
        return Math.sqrt(s / a.length);
    }

    private static float[] slice(float[] all, int n) {
        float[] img = new float[SIDE * SIDE];
        System.arraycopy(all, n * SIDE * SIDE, img, 0, img.length);
        return img;
    }
}
