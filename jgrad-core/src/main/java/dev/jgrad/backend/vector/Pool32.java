package dev.jgrad.backend.vector;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * float32 max pooling over 2 x 2 windows with stride 2 (the common case), L windows at a time: the even and
 * odd columns of both input rows are split apart with a shuffle, and the running maximum and its position
 * are updated with blends in the window's row-major order, so ties keep the first maximum and NaN (largest)
 * the first NaN, as the scalar reference does. A scalar loop over the branches costs a misprediction per
 * window; this has none.
 */
final class Pool32 {

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Integer> I = S.withLanes(int.class);
    private static final int L = S.length();
    private static final VectorShuffle<Float> EVEN = VectorShuffle.fromOp(S, i -> 2 * i);
    private static final VectorShuffle<Float> ODD = VectorShuffle.fromOp(S, i -> 2 * i + 1);
    /** 2 i in lane i: the first column of window i relative to the block's first window. */
    private static final IntVector TWICE = IntVector.fromArray(I, twice(), 0);

    private Pool32() {
    }

    private static int[] twice() {
        int[] t = new int[L];
        for (int i = 0; i < L; i++) {
            t[i] = 2 * i;
        }
        return t;
    }

    /** Whether v replaces the running maximum b: v &gt; b, or v is NaN while b is not. */
    private static VectorMask<Float> beats(FloatVector v, FloatVector b) {
        return v.compare(VectorOperators.LE, b).not().and(b.compare(VectorOperators.EQ, b));
    }

    /**
     * 2 x 2, stride 2 max pooling of one (h, w) plane (see {@code Kernels.maxPool2d}): whole vectors of windows
     * per output row (the last one masked), and a scalar loop for the windows near the end of the array.
     */
    static void maxPool2x2(float[] x, int xo, int h, int w, float[] out, int oo, int[] index, int io, int base) {
        int oh = h / 2;
        int ow = w / 2;
        FloatVector one = FloatVector.broadcast(S, 1f);
        FloatVector down = FloatVector.broadcast(S, w);
        FloatVector diagonal = FloatVector.broadcast(S, w + 1f);
        int[] rest = {1, w, w + 1};  // the window's other elements, in row-major order
        for (int y = 0; y < oh; y++) {
            int r0 = 2 * y * w;
            int z = 0;
            // Whole rows of windows, the last vector masked; a vector's unused lanes read past the row (never
            // past the array: the windows left near its end go to the scalar loop below).
            for (; z < ow && xo + r0 + 2 * z + w + 2 * L <= x.length; z += L) {
                int p = xo + r0 + 2 * z;
                FloatVector a = FloatVector.fromArray(S, x, p);
                FloatVector b = FloatVector.fromArray(S, x, p + L);
                FloatVector c = FloatVector.fromArray(S, x, p + w);
                FloatVector d = FloatVector.fromArray(S, x, p + w + L);
                FloatVector best = a.rearrange(EVEN, b);
                FloatVector at = FloatVector.zero(S);  // offset of the maximum within its window, exact in float
                FloatVector v = a.rearrange(ODD, b);
                VectorMask<Float> m = beats(v, best);
                best = best.blend(v, m);
                at = at.blend(one, m);
                v = c.rearrange(EVEN, d);
                m = beats(v, best);
                best = best.blend(v, m);
                at = at.blend(down, m);
                v = c.rearrange(ODD, d);
                m = beats(v, best);
                best = best.blend(v, m);
                at = at.blend(diagonal, m);
                IntVector pos = ((IntVector) at.convert(VectorOperators.F2I, 0)).add(TWICE).add(base + r0 + 2 * z);
                if (z + L <= ow) {
                    best.intoArray(out, oo + y * ow + z);
                    pos.intoArray(index, io + y * ow + z);
                } else {
                    VectorMask<Float> keep = S.indexInRange(z, ow);
                    best.intoArray(out, oo + y * ow + z, keep);
                    pos.intoArray(index, io + y * ow + z, keep.cast(I));
                }
            }
            for (; z < ow; z++) {
                int q = r0 + 2 * z;
                int at = q;
                float best = x[xo + q];
                for (int next : rest) {
                    int p = q + next;
                    float v = x[xo + p];
                    if (v > best || (v != v && best == best)) {
                        at = p;
                        best = v;
                    }
                }
                out[oo + y * ow + z] = best;
                index[io + y * ow + z] = base + at;
            }
        }
    }

    /**
     * See {@code Kernels.maxPool2x2Channels}; c a multiple of L. A window's L channels at a time: each of its
     * four positions holds them in one vector, so every lane is used whatever the plane's width, and the
     * maxima and positions are scattered to their planes (lane i to plane j0 + i, ph pw values on).
     */
    static void maxPool2x2Channels(float[] x, int xo, int h, int w, int c, boolean relu, float[] out, int oo,
                                   int[] index, int io, int base) {
        int ph = h / 2;
        int pw = w / 2;
        int pl = ph * pw;
        int[] planes = new int[L];  // lane i's plane, as a scatter's offsets
        for (int i = 0; i < L; i++) {
            planes[i] = i * pl;
        }
        IntVector plane = IntVector.zero(I).addIndex(h * w);  // lane i's plane start in the positions
        FloatVector zero = FloatVector.zero(S);
        for (int y = 0; y < ph; y++) {
            for (int z = 0; z < pw; z++) {
                int first = 2 * y * w + 2 * z;
                int p0 = xo + first * c;
                int p1 = p0 + w * c;
                int q = y * pw + z;
                for (int j0 = 0; j0 < c; j0 += L) {
                    FloatVector best = FloatVector.fromArray(S, x, p0 + j0);
                    FloatVector v = FloatVector.fromArray(S, x, p0 + c + j0);
                    FloatVector d = FloatVector.fromArray(S, x, p1 + j0);
                    FloatVector e = FloatVector.fromArray(S, x, p1 + c + j0);
                    if (relu) {  // x where x > 0, else 0 (NaN gives 0), as Unary.RELU
                        best = zero.blend(best, best.compare(VectorOperators.GT, 0f));
                        v = zero.blend(v, v.compare(VectorOperators.GT, 0f));
                        d = zero.blend(d, d.compare(VectorOperators.GT, 0f));
                        e = zero.blend(e, e.compare(VectorOperators.GT, 0f));
                    }
                    FloatVector at = zero;  // offset of the maximum within its window, exact in float
                    VectorMask<Float> m = beats(v, best);
                    best = best.blend(v, m);
                    at = at.blend(1f, m);
                    m = beats(d, best);
                    best = best.blend(d, m);
                    at = at.blend(w, m);
                    m = beats(e, best);
                    best = best.blend(e, m);
                    at = at.blend(w + 1f, m);
                    IntVector pos = ((IntVector) at.convert(VectorOperators.F2I, 0)).add(plane)
                            .add(base + j0 * h * w + first);
                    best.intoArray(out, oo + j0 * pl + q, planes, 0);
                    pos.intoArray(index, io + j0 * pl + q, planes, 0);
                }
            }
        }
    }
}
