package dev.jgrad.backend.vector;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * float64 transpose (the layout of {@code Kernels.transpose}) with gathers: one vector load collects a column's
 * values from L consecutive source rows, and is stored as L adjacent values of the destination. With AVX-512
 * gathers this is 2.4x the scalar loop (measured in float64 on 64 x 196, the weight gradient's dout of
 * cnn128's second conv layer). Narrower x86 gathers are not faster than scalar loads, so {@link #GATHER} is
 * false there and the caller runs the reference loop.
 */
final class Transpose64 {

    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    /** Whether gathers pay: on 512-bit vectors. */
    static final boolean GATHER = S.vectorBitSize() >= 512;

    private Transpose64() {
    }

    static void transpose(double[] src, int so, int rows, int cols, double[] dst, int dd) {
        int[] rowStarts = new int[L];  // the gather's offsets: L rows, cols apart
        for (int t = 0; t < L; t++) {
            rowStarts[t] = t * cols;
        }
        int vr = rows / L * L;
        for (int r0 = 0; r0 < vr; r0 += L) {
            for (int c = 0; c < cols; c++) {
                DoubleVector.fromArray(S, src, so + r0 * cols + c, rowStarts, 0).intoArray(dst, dd + c * rows + r0);
            }
        }
        for (int c = 0; c < cols; c++) {
            for (int r = vr; r < rows; r++) {
                dst[dd + c * rows + r] = src[so + r * cols + c];
            }
        }
    }
}
