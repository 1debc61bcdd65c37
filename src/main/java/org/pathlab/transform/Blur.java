package org.pathlab.transform;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * The learning-path blur: shrink the image, then stretch it back, both bilinear with
 * align_corners=false and no antialiasing (PyTorch's {@code F.interpolate(mode='bilinear')}), so the
 * detail lost on the way down is what the net must learn to do without.
 *
 * <p>DJL's {@code interpolation(size, 1, false)} is not used: on DJL 0.33.0 / PyTorch 2.5.1 it
 * downsamples with antialiasing (it matches {@code _upsample_bilinear2d_aa}, see BlurTest), which
 * is a different, much softer blur. Bilinear resizing is linear and separable, so down-then-up is
 * applied instead as one H×H and one W×W matrix built here with PyTorch's sampling formula.
 */
public final class Blur {

    private Blur() {}

    /** {@code max(1, round(size·(1 − 0.75·level)))}: level 1 keeps a quarter of each side. */
    public static int blurredSize(int size, double level) {
        checkLevel(level);
        if (size <= 0) {
            throw new IllegalArgumentException("size must be positive, was " + size);
        }
        return (int) Math.max(1, Math.round(size * (1 - 0.75 * level)));
    }

    /**
     * Blurs a floating-point N×C×H×W batch. Level 0 returns {@code nchw} itself. Otherwise the result
     * is a new array on {@code nchw}'s manager, which the caller owns; nothing else is left behind.
     */
    public static NDArray apply(NDArray nchw, double level) {
        checkLevel(level);
        Shape shape = nchw.getShape();
        if (shape.dimension() != 4) {
            throw new IllegalArgumentException("blur needs an N×C×H×W array, got shape " + shape);
        }
        int h = Math.toIntExact(shape.get(2));
        int w = Math.toIntExact(shape.get(3));
        int smallH = blurredSize(h, level);
        int smallW = blurredSize(w, level);
        if (smallH == h && smallW == w) {
            return nchw;
        }
        NDManager owner = nchw.getManager();
        // PyTorch's matMul attaches its result to the left operand's manager, so the operators and
        // the half-blurred array live on a scratch manager and only the result is moved out
        try (NDManager scratch = owner.newSubManager(nchw.getDevice())) {
            NDArray rowsT = operator(scratch, w, smallW, true, nchw);
            NDArray cols = operator(scratch, h, smallH, false, nchw);
            NDArray half = nchw.matMul(rowsT);
            half.attach(scratch);
            NDArray out = cols.matMul(half);
            out.attach(owner);
            return out;
        }
    }

    /** The size×size matrix of resizing size→small→size along one axis, transposed if asked. */
    private static NDArray operator(
            NDManager manager, int size, int small, boolean transposed, NDArray like) {
        double[][] down = resizeMatrix(size, small);
        double[][] up = resizeMatrix(small, size);
        float[] m = new float[size * size];
        for (int i = 0; i < size; i++) {
            for (int j = 0; j < size; j++) {
                double sum = 0;
                for (int k = 0; k < small; k++) {
                    sum += up[i][k] * down[k][j];
                }
                m[transposed ? j * size + i : i * size + j] = (float) sum;
            }
        }
        NDArray op = manager.create(m, new Shape(size, size));
        return op.getDataType() == like.getDataType() ? op : op.toType(like.getDataType(), false);
    }

    /**
     * out×in weights of PyTorch's upsample_bilinear2d along one axis with align_corners=false:
     * source = (dst + 0.5)·in/out − 0.5, clamped at 0, the upper neighbour clamped to the edge.
     */
    static double[][] resizeMatrix(int in, int out) {
        double[][] r = new double[out][in];
        double scale = (double) in / out;
        for (int o = 0; o < out; o++) {
            double src = Math.max(0, (o + 0.5) * scale - 0.5);
            int i0 = Math.min((int) src, in - 1);
            int i1 = Math.min(i0 + 1, in - 1);
            double t = src - i0;
            r[o][i0] += 1 - t;
            r[o][i1] += t;
        }
        return r;
    }

    private static void checkLevel(double level) {
        if (!(level >= 0 && level <= 1)) {
            throw new IllegalArgumentException("blur level must be in [0,1], was " + level);
        }
    }
}
