package org.pathlab.transform;

/** A resize the blur tests check the engine against, computed in plain Java. */
final class PlainBilinear {

    private PlainBilinear() {}

    /** PyTorch's bilinear, align_corners=false, written independently from its documented formula. */
    static float[] resize(float[] in, int inH, int inW, int outH, int outW) {
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
