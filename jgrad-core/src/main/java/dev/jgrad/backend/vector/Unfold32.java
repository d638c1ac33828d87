package dev.jgrad.backend.vector;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * float32 im2col and col2im for stride 1 (what 3x3 and 5x5 "same" convolutions use), in the layout of
 * {@code Kernels.im2col}. The image is first copied into a zero-padded per-thread buffer; then every patch
 * row is a run of OW adjacent values, copied with whole vectors. The last vector of a run may spill past
 * it into values this call writes later (the next run, or the next row of cols), which saves a scalar tail
 * on every run; only a spill past the end of this call's output falls back to scalar copies. Runs are
 * typically 7-28 values: too short for an arraycopy call to pay off.
 */
final class Unfold32 {

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    private static final ThreadLocal<float[][]> PADDED = ThreadLocal.withInitial(() -> new float[1][0]);

    private Unfold32() {
    }

    static void im2col(float[] x, int xo, int c, int h, int w, int kh, int kw, int pad, float[] cols, int co) {
        int hp = h + 2 * pad;
        int wp = w + 2 * pad;
        float[] src = x;
        int so = xo;
        if (pad > 0) {
            src = padded(c * hp * wp);
            so = 0;
            for (int ch = 0; ch < c; ch++) {
                for (int y = 0; y < h; y++) {
                    System.arraycopy(x, xo + (ch * h + y) * w, src, (ch * hp + y + pad) * wp + pad, w);
                }
            }
        }
        int oh = hp - kh + 1;
        int ow = wp - kw + 1;
        int end = co + c * kh * kw * oh * ow;  // this call's output ends here: no spill past it
        int vl = ow / L * L;
        for (int ch = 0, d = co; ch < c; ch++) {
            for (int i = 0; i < kh; i++) {
                for (int j = 0; j < kw; j++) {
                    for (int oy = 0; oy < oh; oy++, d += ow) {
                        int s = so + (ch * hp + oy + i) * wp + j;
                        int t = 0;
                        for (; t < vl; t += L) {
                            FloatVector.fromArray(S, src, s + t).intoArray(cols, d + t);
                        }
                        if (t < ow && d + t + L <= end && s + t + L <= src.length) {
                            FloatVector.fromArray(S, src, s + t).intoArray(cols, d + t);
                        } else {
                            for (; t < ow; t++) {
                                cols[d + t] = src[s + t];
                            }
                        }
                    }
                }
            }
        }
    }

    /**
     * col2im for stride 1: adds each row of cols back onto the image pixels it was copied from. A patch row's
     * pixels inside the image are a run of at most OW adjacent values, added as whole vectors and a masked
     * last one (a spill would add into pixels that are not this row's).
     */
    static void col2im(float[] cols, int co, int c, int h, int w, int kh, int kw, int pad, float[] x, int xo) {
        int oh = h + 2 * pad - kh + 1;
        int ow = w + 2 * pad - kw + 1;
        int l = oh * ow;
        for (int ch = 0; ch < c; ch++) {
            for (int i = 0; i < kh; i++) {
                int y0 = Math.max(0, pad - i);
                int y1 = Math.min(oh, h + pad - i);
                for (int j = 0; j < kw; j++) {
                    int x0 = Math.max(0, pad - j);
                    int n = Math.min(ow, w + pad - j) - x0;  // the run inside the image
                    if (n <= 0) {
                        continue;
                    }
                    int vl = n / L * L;
                    VectorMask<Float> last = S.indexInRange(vl, n);
                    int row = co + ((ch * kh + i) * kw + j) * l + x0;
                    for (int oy = y0; oy < y1; oy++) {
                        int s = row + oy * ow;
                        int d = xo + (ch * h + oy - pad + i) * w - pad + j + x0;
                        int t = 0;
                        for (; t < vl; t += L) {
                            FloatVector.fromArray(S, x, d + t).add(FloatVector.fromArray(S, cols, s + t))
                                    .intoArray(x, d + t);
                        }
                        if (t < n) {
                            FloatVector.fromArray(S, x, d + t, last).add(FloatVector.fromArray(S, cols, s + t, last))
                                    .intoArray(x, d + t, last);
                        }
                    }
                }
            }
        }
    }

    /** The per-thread padded buffer: {@code size} zeros, and L values of slack for the last vector's reads. */
    private static float[] padded(int size) {
        float[][] holder = PADDED.get();
        if (holder[0].length < size + L) {
            holder[0] = new float[size + L];
        } else {
            java.util.Arrays.fill(holder[0], 0, size, 0f);
        }
        return holder[0];
    }
}
