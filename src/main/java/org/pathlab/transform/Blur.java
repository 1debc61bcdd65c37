package org.pathlab.transform;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * The learning-path blur: shrink the image with a {@link BlurFilter}, then stretch it back
 * bilinearly (align_corners=false), so the detail lost on the way down is what the net must learn
 * to do without. The default filter, {@link BlurFilter#BILINEAR}, shrinks with plain bilinear and
 * no antialiasing (PyTorch's {@code F.interpolate(mode='bilinear')}): what pathlab has always done.
 *
 * <p>Every filter's shrink and the bilinear stretch are linear and separable, so down-then-up is
 * applied as one H×H and one W×W matrix per batch, built here from PyTorch's formulas (checked
 * against PyTorch itself in BlurTest): two batched matrix products on the batch's device, whatever
 * the filter. DJL's {@code interpolation(size, 1, false)} is not used even for the antialiased
 * filter: on DJL 0.33.0 / PyTorch 2.5.1 it antialiases without being asked to (it matches
 * {@code _upsample_bilinear2d_aa}, see BlurTest), which is nothing to build the default on, and
 * one code path for all filters keeps them comparable.
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

    /** {@link #apply(NDArray, double, BlurFilter)} with the default filter. */
    public static NDArray apply(NDArray nchw, double level) {
        return apply(nchw, level, BlurFilter.DEFAULT);
    }

    /**
     * Blurs a floating-point N×C×H×W batch, shrinking with {@code filter}. Level 0 returns
     * {@code nchw} itself. Otherwise the result is a new array on {@code nchw}'s manager, which the
     * caller owns; nothing else is left behind.
     */
    public static NDArray apply(NDArray nchw, double level, BlurFilter filter) {
        checkLevel(level);
        if (filter == null) {
            throw new IllegalArgumentException("blur filter is null; use one of " + BlurFilter.ids());
        }
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
            NDArray rowsT = operator(scratch, w, smallW, filter, true, nchw);
            NDArray cols = operator(scratch, h, smallH, filter, false, nchw);
            NDArray half = nchw.matMul(rowsT);
            half.attach(scratch);
            NDArray out = cols.matMul(half);
            out.attach(owner);
            return out;
        }
    }

    /** The size×size matrix of resizing size→small→size along one axis, transposed if asked. */
    private static NDArray operator(
            NDManager manager, int size, int small, BlurFilter filter, boolean transposed, NDArray like) {
        double[][] down = shrinkMatrix(filter, size, small);
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

    /** out×in weights of shrinking one axis from {@code in} to {@code out} pixels with {@code filter}. */
    static double[][] shrinkMatrix(BlurFilter filter, int in, int out) {
        return switch (filter) {
            case BILINEAR -> resizeMatrix(in, out);
            case AREA -> areaMatrix(in, out);
            case ANTIALIAS -> antialiasMatrix(in, out);
        };
    }

    /**
     * out×in weights of PyTorch's adaptive_avg_pool2d (what {@code F.interpolate(mode='area')}
     * calls): output o averages inputs floor(o·in/out) to ceil((o+1)·in/out) − 1, equally weighted.
     */
    static double[][] areaMatrix(int in, int out) {
        double[][] r = new double[out][in];
        for (int o = 0; o < out; o++) {
            int start = Math.floorDiv(o * in, out);
            int end = -Math.floorDiv(-(o + 1) * in, out);
            for (int i = start; i < end; i++) {
                r[o][i] = 1.0 / (end - start);
            }
        }
        return r;
    }

    /**
     * out×in weights of PyTorch's antialiased bilinear ({@code _upsample_bilinear2d_aa},
     * align_corners=false): when shrinking by scale = in/out, the triangle filter 1 − |x| is
     * stretched to a support of ±scale input pixels around the centre scale·(o + 0.5), taps
     * truncated at the edges, weights normalized to sum to 1. When enlarging it is plain bilinear.
     */
    static double[][] antialiasMatrix(int in, int out) {
        double[][] r = new double[out][in];
        double scale = (double) in / out;
        double support = scale >= 1 ? scale : 1;
        double invScale = scale >= 1 ? 1 / scale : 1;
        for (int o = 0; o < out; o++) {
            double center = scale * (o + 0.5);
            // (int) truncates toward zero, as PyTorch's int64 cast does; max(…, 0) makes it a floor
            int min = Math.max((int) (center - support + 0.5), 0);
            int max = Math.min((int) (center + support + 0.5), in);
            double total = 0;
            for (int i = min; i < max; i++) {
                double w = Math.max(0, 1 - Math.abs((i - center + 0.5) * invScale));
                r[o][i] = w;
                total += w;
            }
            for (int i = min; i < max && total != 0; i++) {
                r[o][i] /= total;
            }
        }
        return r;
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
