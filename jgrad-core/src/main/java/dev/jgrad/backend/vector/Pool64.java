package dev.jgrad.backend.vector;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * float64 max pooling over 2 x 2 windows with stride 2 (the common case), L windows at a time: the even and
 * odd columns of both input rows are split apart with a shuffle, and the running maximum and its position
 * are updated with blends in the window's row-major order, so ties keep the first maximum and NaN (largest)
 * the first NaN, as the scalar reference does. Positions are written by a scalar loop (a double vector has
 * fewer lanes than an int vector of the same width). See {@link Pool32}.
 */
final class Pool64 {

    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    private static final VectorShuffle<Double> EVEN = VectorShuffle.fromOp(S, i -> 2 * i);
    private static final VectorShuffle<Double> ODD = VectorShuffle.fromOp(S, i -> 2 * i + 1);

    private Pool64() {
    }

    /** Whether v replaces the running maximum b: v &gt; b, or v is NaN while b is not. */
    private static VectorMask<Double> beats(DoubleVector v, DoubleVector b) {
        return v.compare(VectorOperators.LE, b).not().and(b.compare(VectorOperators.EQ, b));
    }

    /**
     * 2 x 2, stride 2 max pooling of one (h, w) plane (see {@code Kernels.maxPool2d}): whole vectors of windows
     * per output row (the last one masked), and a scalar loop for the windows near the end of the array.
     */
    static void maxPool2x2(double[] x, int xo, int h, int w, double[] out, int oo, int[] index, int io, int base) {
        int oh = h / 2;
        int ow = w / 2;
        DoubleVector one = DoubleVector.broadcast(S, 1.0);
        DoubleVector down = DoubleVector.broadcast(S, w);
        DoubleVector diagonal = DoubleVector.broadcast(S, w + 1.0);
        double[] offsets = new double[L];
        int[] rest = {1, w, w + 1};  // the window's other elements, in row-major order
        for (int y = 0; y < oh; y++) {
            int r0 = 2 * y * w;
            int z = 0;
            // Whole rows of windows, the last vector masked; a vector's unused lanes read past the row (never
            // past the array: the windows left near its end go to the scalar loop below).
            for (; z < ow && xo + r0 + 2 * z + w + 2 * L <= x.length; z += L) {
                int p = xo + r0 + 2 * z;
                DoubleVector a = DoubleVector.fromArray(S, x, p);
                DoubleVector b = DoubleVector.fromArray(S, x, p + L);
                DoubleVector c = DoubleVector.fromArray(S, x, p + w);
                DoubleVector d = DoubleVector.fromArray(S, x, p + w + L);
                DoubleVector best = a.rearrange(EVEN, b);
                DoubleVector at = DoubleVector.zero(S);  // offset of the maximum within its window, exact
                DoubleVector v = a.rearrange(ODD, b);
                VectorMask<Double> m = beats(v, best);
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
                int lanes = Math.min(L, ow - z);
                best.intoArray(out, oo + y * ow + z, S.indexInRange(0, lanes));
                at.intoArray(offsets, 0);
                int first = base + r0 + 2 * z;
                for (int i = 0; i < lanes; i++) {
                    index[io + y * ow + z + i] = first + 2 * i + (int) offsets[i];
                }
            }
            for (; z < ow; z++) {
                int q = r0 + 2 * z;
                int at = q;
                double best = x[xo + q];
                for (int next : rest) {
                    int p = q + next;
                    double v = x[xo + p];
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
}
