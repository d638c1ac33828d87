package dev.jgrad.backend.vector;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * float64 products at most two vectors wide (see {@code Gemm64.direct}), which packing would not pay for:
 * C = alpha op(A) op(B) + beta C, computed where the operands are stored. Four rows of C at a time against a
 * strip of two vectors of its columns, or eight rows against one vector (eight independent chains of
 * multiply-adds either way, as many as two FMA units keep busy), then the remaining rows by fewer: each
 * element of op(A) is broadcast, and the rows of op(B) are read in place (a transposed B is first copied into
 * rows, k x n values); the columns past the last whole vector go through a mask, so none falls to a scalar
 * loop. Each element of C is its k products summed in order by fused multiply-adds from zero, then times
 * alpha (when alpha is not 1), plus beta C (when beta is not 0): the same bits whichever kernel computes it.
 */
final class Small64 {

    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    /** Rows of C per kernel call. */
    private static final int R = 4;

    private Small64() {
    }

    /**
     * C = alpha op(A) op(B) + beta C, operands as in {@code Gemm64.gemm}; {@code rows} holds at least k x n
     * values when transB (op(B) is copied into it, row-major), and is not used otherwise.
     */
    static void gemm(boolean transA, boolean transB, int m, int n, int k, double alpha,
                     double[] a, int ao, int lda, double[] b, int bo, int ldb,
                     double beta, double[] c, int co, int ldc, double[] rows) {
        if (transB) {
            for (int j = 0; j < n; j++) {
                for (int p = 0; p < k; p++) {
                    rows[p * n + j] = b[bo + j * ldb + p];
                }
            }
            b = rows;
            bo = 0;
            ldb = n;
        }
        int ars = transA ? 1 : lda;  // op(A)[i][p] = a[ao + i * ars + p * acs]
        int acs = transA ? lda : 1;
        for (int j = 0; j < n; j += 2 * L) {
            int bj = bo + j;
            int cj = co + j;
            if (j + L < n) {
                int i = 0;
                for (; i + R <= m; i += R) {
                    rows4x2(k, a, ao + i * ars, ars, acs, b, bj, ldb, j, n, alpha, beta, c, cj + i * ldc, ldc);
                }
                for (; i < m; i++) {
                    row1x2(k, a, ao + i * ars, acs, b, bj, ldb, j, n, alpha, beta, c, cj + i * ldc);
                }
            } else {
                int i = 0;
                for (; i + 2 * R <= m; i += 2 * R) {
                    rows8x1(k, a, ao + i * ars, ars, acs, b, bj, ldb, j, n, alpha, beta, c, cj + i * ldc, ldc);
                }
                for (; i + R <= m; i += R) {
                    rows4x1(k, a, ao + i * ars, ars, acs, b, bj, ldb, j, n, alpha, beta, c, cj + i * ldc, ldc);
                }
                for (; i < m; i++) {
                    row1x1(k, a, ao + i * ars, acs, b, bj, ldb, j, n, alpha, beta, c, cj + i * ldc);
                }
            }
        }
    }

    private static void rows4x2(int k, double[] a, int ai, int ars, int acs, double[] b, int bj, int ldb,
                                int j, int n, double alpha, double beta, double[] c, int ci, int ldc) {
        VectorMask<Double> m0 = S.indexInRange(j, n);
        VectorMask<Double> m1 = S.indexInRange(j + L, n);
        DoubleVector c00 = DoubleVector.zero(S);
        DoubleVector c01 = c00;
        DoubleVector c10 = c00;
        DoubleVector c11 = c00;
        DoubleVector c20 = c00;
        DoubleVector c21 = c00;
        DoubleVector c30 = c00;
        DoubleVector c31 = c00;
        for (int p = 0; p < k; p++) {
            int bp = bj + p * ldb;
            DoubleVector b0 = DoubleVector.fromArray(S, b, bp, m0);
            DoubleVector b1 = DoubleVector.fromArray(S, b, bp + L, m1);
            int ap = ai + p * acs;
            DoubleVector a0 = DoubleVector.broadcast(S, a[ap]);
            c00 = b0.fma(a0, c00);
            c01 = b1.fma(a0, c01);
            DoubleVector a1 = DoubleVector.broadcast(S, a[ap + ars]);
            c10 = b0.fma(a1, c10);
            c11 = b1.fma(a1, c11);
            DoubleVector a2 = DoubleVector.broadcast(S, a[ap + 2 * ars]);
            c20 = b0.fma(a2, c20);
            c21 = b1.fma(a2, c21);
            DoubleVector a3 = DoubleVector.broadcast(S, a[ap + 3 * ars]);
            c30 = b0.fma(a3, c30);
            c31 = b1.fma(a3, c31);
        }
        store(c00, alpha, beta, c, ci, m0);
        store(c01, alpha, beta, c, ci + L, m1);
        store(c10, alpha, beta, c, ci + ldc, m0);
        store(c11, alpha, beta, c, ci + ldc + L, m1);
        store(c20, alpha, beta, c, ci + 2 * ldc, m0);
        store(c21, alpha, beta, c, ci + 2 * ldc + L, m1);
        store(c30, alpha, beta, c, ci + 3 * ldc, m0);
        store(c31, alpha, beta, c, ci + 3 * ldc + L, m1);
    }

    private static void rows8x1(int k, double[] a, int ai, int ars, int acs, double[] b, int bj, int ldb,
                                int j, int n, double alpha, double beta, double[] c, int ci, int ldc) {
        VectorMask<Double> m0 = S.indexInRange(j, n);
        DoubleVector c0 = DoubleVector.zero(S);
        DoubleVector c1 = c0;
        DoubleVector c2 = c0;
        DoubleVector c3 = c0;
        DoubleVector c4 = c0;
        DoubleVector c5 = c0;
        DoubleVector c6 = c0;
        DoubleVector c7 = c0;
        for (int p = 0; p < k; p++) {
            DoubleVector b0 = DoubleVector.fromArray(S, b, bj + p * ldb, m0);
            int ap = ai + p * acs;
            c0 = b0.fma(DoubleVector.broadcast(S, a[ap]), c0);
            c1 = b0.fma(DoubleVector.broadcast(S, a[ap + ars]), c1);
            c2 = b0.fma(DoubleVector.broadcast(S, a[ap + 2 * ars]), c2);
            c3 = b0.fma(DoubleVector.broadcast(S, a[ap + 3 * ars]), c3);
            c4 = b0.fma(DoubleVector.broadcast(S, a[ap + 4 * ars]), c4);
            c5 = b0.fma(DoubleVector.broadcast(S, a[ap + 5 * ars]), c5);
            c6 = b0.fma(DoubleVector.broadcast(S, a[ap + 6 * ars]), c6);
            c7 = b0.fma(DoubleVector.broadcast(S, a[ap + 7 * ars]), c7);
        }
        store(c0, alpha, beta, c, ci, m0);
        store(c1, alpha, beta, c, ci + ldc, m0);
        store(c2, alpha, beta, c, ci + 2 * ldc, m0);
        store(c3, alpha, beta, c, ci + 3 * ldc, m0);
        store(c4, alpha, beta, c, ci + 4 * ldc, m0);
        store(c5, alpha, beta, c, ci + 5 * ldc, m0);
        store(c6, alpha, beta, c, ci + 6 * ldc, m0);
        store(c7, alpha, beta, c, ci + 7 * ldc, m0);
    }

    private static void rows4x1(int k, double[] a, int ai, int ars, int acs, double[] b, int bj, int ldb,
                                int j, int n, double alpha, double beta, double[] c, int ci, int ldc) {
        VectorMask<Double> m0 = S.indexInRange(j, n);
        DoubleVector c0 = DoubleVector.zero(S);
        DoubleVector c1 = c0;
        DoubleVector c2 = c0;
        DoubleVector c3 = c0;
        for (int p = 0; p < k; p++) {
            DoubleVector b0 = DoubleVector.fromArray(S, b, bj + p * ldb, m0);
            int ap = ai + p * acs;
            c0 = b0.fma(DoubleVector.broadcast(S, a[ap]), c0);
            c1 = b0.fma(DoubleVector.broadcast(S, a[ap + ars]), c1);
            c2 = b0.fma(DoubleVector.broadcast(S, a[ap + 2 * ars]), c2);
            c3 = b0.fma(DoubleVector.broadcast(S, a[ap + 3 * ars]), c3);
        }
        store(c0, alpha, beta, c, ci, m0);
        store(c1, alpha, beta, c, ci + ldc, m0);
        store(c2, alpha, beta, c, ci + 2 * ldc, m0);
        store(c3, alpha, beta, c, ci + 3 * ldc, m0);
    }

    private static void row1x2(int k, double[] a, int ai, int acs, double[] b, int bj, int ldb,
                               int j, int n, double alpha, double beta, double[] c, int ci) {
        VectorMask<Double> m0 = S.indexInRange(j, n);
        VectorMask<Double> m1 = S.indexInRange(j + L, n);
        DoubleVector c0 = DoubleVector.zero(S);
        DoubleVector c1 = c0;
        for (int p = 0; p < k; p++) {
            int bp = bj + p * ldb;
            DoubleVector av = DoubleVector.broadcast(S, a[ai + p * acs]);
            c0 = DoubleVector.fromArray(S, b, bp, m0).fma(av, c0);
            c1 = DoubleVector.fromArray(S, b, bp + L, m1).fma(av, c1);
        }
        store(c0, alpha, beta, c, ci, m0);
        store(c1, alpha, beta, c, ci + L, m1);
    }

    private static void row1x1(int k, double[] a, int ai, int acs, double[] b, int bj, int ldb,
                               int j, int n, double alpha, double beta, double[] c, int ci) {
        VectorMask<Double> m0 = S.indexInRange(j, n);
        DoubleVector c0 = DoubleVector.zero(S);
        for (int p = 0; p < k; p++) {
            c0 = DoubleVector.fromArray(S, b, bj + p * ldb, m0).fma(DoubleVector.broadcast(S, a[ai + p * acs]), c0);
        }
        store(c0, alpha, beta, c, ci, m0);
    }

    /** C = alpha s, or alpha s + beta C; with beta 0 C's old values are not read (NaN included). */
    private static void store(DoubleVector s, double alpha, double beta, double[] c, int ci, VectorMask<Double> m) {
        DoubleVector v = alpha == 1.0 ? s : s.mul(alpha);
        if (beta != 0.0) {
            v = v.add(DoubleVector.fromArray(S, c, ci, m).mul(beta));
        }
        v.intoArray(c, ci, m);
    }
}
