package dev.jgrad.backend.vector;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * float64 transpose (the layout of {@code Kernels.transpose}) in register blocks of 8 x 8: 8 row
 * loads, log2(8) = 3 rounds of two-vector permutes that swap the off-diagonal halves of ever smaller
 * sub-blocks, 8 column stores. Rows and columns past the last whole block run the scalar loop. This
 * replaced a gather per column of 8 rows, which was 2-3 times slower in place (conv weight gradients
 * transpose every image's output gradient). Only for 8-lane vectors ({@link #BLOCKS}); elsewhere the
 * caller runs the reference loop.
 */
final class Transpose64 {

    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    /** The register block's side. */
    static final int B = 8;
    /** Whether the register blocks apply: vectors of B lanes (512 bits). */
    static final boolean BLOCKS = S.length() == B;

    private static final DoubleVector LO4 = index(4, false);
    private static final DoubleVector HI4 = index(4, true);
    private static final DoubleVector LO2 = index(2, false);
    private static final DoubleVector HI2 = index(2, true);
    private static final DoubleVector LO1 = index(1, false);
    private static final DoubleVector HI1 = index(1, true);

    private Transpose64() {
    }

    /**
     * The permute of one round for sub-blocks of {@code s}: for the row pair (i, i + s), the new row i keeps
     * its lanes j with bit s clear and takes row i + s's lanes j - s into the others; the new row i + s
     * ({@code high}) takes row i's lanes j + s into the lanes with bit s clear and keeps its own.
     * Indexes count lanes of the pair, the second row's from 8.
     */
    private static DoubleVector index(int s, boolean high) {
        double[] idx = new double[S.length()];
        for (int j = 0; j < idx.length; j++) {
            boolean clear = (j & s) == 0;
            idx[j] = high ? (clear ? j + s : 8 + j) : (clear ? j : 8 + j - s);
        }
        return DoubleVector.fromArray(S, idx, 0);
    }

    static void transpose(double[] src, int so, int rows, int cols, double[] dst, int dd) {
        int vr = rows / 8 * 8;
        int vc = cols / 8 * 8;
        for (int r0 = 0; r0 < vr; r0 += 8) {
            for (int c0 = 0; c0 < vc; c0 += 8) {
                block(src, so + r0 * cols + c0, cols, dst, dd + c0 * rows + r0, rows);
            }
            for (int c = vc; c < cols; c++) {
                for (int r = r0; r < r0 + 8; r++) {
                    dst[dd + c * rows + r] = src[so + r * cols + c];
                }
            }
        }
        for (int r = vr; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                dst[dd + c * rows + r] = src[so + r * cols + c];
            }
        }
    }

    /** dst block (8 x 8 at di, row stride ldd) = the transpose of the src block at si (row stride lds). */
    static void block(double[] src, int si, int lds, double[] dst, int di, int ldd) {
        DoubleVector v0 = DoubleVector.fromArray(S, src, si);
        DoubleVector v1 = DoubleVector.fromArray(S, src, si + lds);
        DoubleVector v2 = DoubleVector.fromArray(S, src, si + 2 * lds);
        DoubleVector v3 = DoubleVector.fromArray(S, src, si + 3 * lds);
        DoubleVector v4 = DoubleVector.fromArray(S, src, si + 4 * lds);
        DoubleVector v5 = DoubleVector.fromArray(S, src, si + 5 * lds);
        DoubleVector v6 = DoubleVector.fromArray(S, src, si + 6 * lds);
        DoubleVector v7 = DoubleVector.fromArray(S, src, si + 7 * lds);
        DoubleVector t;
        // blocks of 4
        t = LO4.selectFrom(v0, v4); v4 = HI4.selectFrom(v0, v4); v0 = t;
        t = LO4.selectFrom(v1, v5); v5 = HI4.selectFrom(v1, v5); v1 = t;
        t = LO4.selectFrom(v2, v6); v6 = HI4.selectFrom(v2, v6); v2 = t;
        t = LO4.selectFrom(v3, v7); v7 = HI4.selectFrom(v3, v7); v3 = t;
        // blocks of 2
        t = LO2.selectFrom(v0, v2); v2 = HI2.selectFrom(v0, v2); v0 = t;
        t = LO2.selectFrom(v1, v3); v3 = HI2.selectFrom(v1, v3); v1 = t;
        t = LO2.selectFrom(v4, v6); v6 = HI2.selectFrom(v4, v6); v4 = t;
        t = LO2.selectFrom(v5, v7); v7 = HI2.selectFrom(v5, v7); v5 = t;
        // blocks of 1
        t = LO1.selectFrom(v0, v1); v1 = HI1.selectFrom(v0, v1); v0 = t;
        t = LO1.selectFrom(v2, v3); v3 = HI1.selectFrom(v2, v3); v2 = t;
        t = LO1.selectFrom(v4, v5); v5 = HI1.selectFrom(v4, v5); v4 = t;
        t = LO1.selectFrom(v6, v7); v7 = HI1.selectFrom(v6, v7); v6 = t;
        v0.intoArray(dst, di);
        v1.intoArray(dst, di + ldd);
        v2.intoArray(dst, di + 2 * ldd);
        v3.intoArray(dst, di + 3 * ldd);
        v4.intoArray(dst, di + 4 * ldd);
        v5.intoArray(dst, di + 5 * ldd);
        v6.intoArray(dst, di + 6 * ldd);
        v7.intoArray(dst, di + 7 * ldd);
    }
}
