package org.pathlab.transform;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * Blur.apply as it was before blur filters existed (commit f95acb8), frozen here: the default
 * filter must keep producing exactly these bits.
 */
final class LegacyBlur {

    private LegacyBlur() {}

    static NDArray apply(NDArray nchw, double level) {
        Shape shape = nchw.getShape();
        int h = Math.toIntExact(shape.get(2));
        int w = Math.toIntExact(shape.get(3));
        int smallH = (int) Math.max(1, Math.round(h * (1 - 0.75 * level)));
        int smallW = (int) Math.max(1, Math.round(w * (1 - 0.75 * level)));
        if (smallH == h && smallW == w) {
            return nchw;
        }
        NDManager owner = nchw.getManager();
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

    private static NDArray operator(NDManager manager, int size, int small, boolean transposed, NDArray like) {
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

    private static double[][] resizeMatrix(int in, int out) {
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
}
