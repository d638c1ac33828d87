package dev.jgrad.backend.vector;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * float32 products at most two vectors wide (see {@code Gemm32.direct}), which packing would not pay for:
 * C = alpha op(A) op(B) + beta C, computed where the operands are stored. Four rows of C at a time against a
 * strip of two vectors of its columns, or eight rows against one vector (eight independent chains of
 * multiply-adds either way, as many as two FMA units keep busy), then the remaining rows by fewer: each
 * element of op(A) is broadcast, and the rows of op(B) are read in place (a transposed B is first copied into
 * rows, k x n values); the columns past the last whole vector go through a mask, so none falls to a scalar
 * loop. Each element of C is its k products summed in order by fused multiply-adds from zero, then times
 * alpha (when alpha is not 1), plus beta C (when beta is not 0): the same bits whichever kernel computes it.
 */
final class Small32 {

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    /** Rows of C per kernel call. */
    private static final int R = 4;

    private Small32() {
    }

    /**
     * C = alpha op(A) op(B) + beta C, operands as in {@code Gemm32.gemm}; {@code rows} holds at least k x n
     * values when transB (op(B) is copied into it, row-major), and is not used otherwise.
     */
    static void gemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
                     float[] a, int ao, int lda, float[] b, int bo, int ldb,
                     float beta, float[] c, int co, int ldc, float[] rows) {
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

    private static void rows4x2(int k, float[] a, int ai, int ars, int acs, float[] b, int bj, int ldb,
                                int j, int n, float alpha, float beta, float[] c, int ci, int ldc) {
        VectorMask<Float> m0 = S.indexInRange(j, n);
        VectorMask<Float> m1 = S.indexInRange(j + L, n);
        FloatVector c00 = FloatVector.zero(S);
        FloatVector c01 = c00;
        FloatVector c10 = c00;
        FloatVector c11 = c00;
        FloatVector c20 = c00;
        FloatVector c21 = c00;
        FloatVector c30 = c00;
        FloatVector c31 = c00;
        for (int p = 0; p < k; p++) {
            int bp = bj + p * ldb;
            FloatVector b0 = FloatVector.fromArray(S, b, bp, m0);
            FloatVector b1 = FloatVector.fromArray(S, b, bp + L, m1);
            int ap = ai + p * acs;
            FloatVector a0 = FloatVector.broadcast(S, a[ap]);
            c00 = b0.fma(a0, c00);
            c01 = b1.fma(a0, c01);
            FloatVector a1 = FloatVector.broadcast(S, a[ap + ars]);
            c10 = b0.fma(a1, c10);
            c11 = b1.fma(a1, c11);
            FloatVector a2 = FloatVector.broadcast(S, a[ap + 2 * ars]);
            c20 = b0.fma(a2, c20);
            c21 = b1.fma(a2, c21);
            FloatVector a3 = FloatVector.broadcast(S, a[ap + 3 * ars]);
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

    private static void rows8x1(int k, float[] a, int ai, int ars, int acs, float[] b, int bj, int ldb,
                                int j, int n, float alpha, float beta, float[] c, int ci, int ldc) {
        VectorMask<Float> m0 = S.indexInRange(j, n);
        FloatVector c0 = FloatVector.zero(S);
        FloatVector c1 = c0;
        FloatVector c2 = c0;
        FloatVector c3 = c0;
        FloatVector c4 = c0;
        FloatVector c5 = c0;
        FloatVector c6 = c0;
        FloatVector c7 = c0;
        for (int p = 0; p < k; p++) {
            FloatVector b0 = FloatVector.fromArray(S, b, bj + p * ldb, m0);
            int ap = ai + p * acs;
            c0 = b0.fma(FloatVector.broadcast(S, a[ap]), c0);
            c1 = b0.fma(FloatVector.broadcast(S, a[ap + ars]), c1);
            c2 = b0.fma(FloatVector.broadcast(S, a[ap + 2 * ars]), c2);
            c3 = b0.fma(FloatVector.broadcast(S, a[ap + 3 * ars]), c3);
            c4 = b0.fma(FloatVector.broadcast(S, a[ap + 4 * ars]), c4);
            c5 = b0.fma(FloatVector.broadcast(S, a[ap + 5 * ars]), c5);
            c6 = b0.fma(FloatVector.broadcast(S, a[ap + 6 * ars]), c6);
            c7 = b0.fma(FloatVector.broadcast(S, a[ap + 7 * ars]), c7);
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

    private static void rows4x1(int k, float[] a, int ai, int ars, int acs, float[] b, int bj, int ldb,
                                int j, int n, float alpha, float beta, float[] c, int ci, int ldc) {
        VectorMask<Float> m0 = S.indexInRange(j, n);
        FloatVector c0 = FloatVector.zero(S);
        FloatVector c1 = c0;
        FloatVector c2 = c0;
        FloatVector c3 = c0;
        for (int p = 0; p < k; p++) {
            FloatVector b0 = FloatVector.fromArray(S, b, bj + p * ldb, m0);
            int ap = ai + p * acs;
            c0 = b0.fma(FloatVector.broadcast(S, a[ap]), c0);
            c1 = b0.fma(FloatVector.broadcast(S, a[ap + ars]), c1);
            c2 = b0.fma(FloatVector.broadcast(S, a[ap + 2 * ars]), c2);
            c3 = b0.fma(FloatVector.broadcast(S, a[ap + 3 * ars]), c3);
        }
        store(c0, alpha, beta, c, ci, m0);
        store(c1, alpha, beta, c, ci + ldc, m0);
        store(c2, alpha, beta, c, ci + 2 * ldc, m0);
        store(c3, alpha, beta, c, ci + 3 * ldc, m0);
    }

    private static void row1x2(int k, float[] a, int ai, int acs, float[] b, int bj, int ldb,
                               int j, int n, float alpha, float beta, float[] c, int ci) {
        VectorMask<Float> m0 = S.indexInRange(j, n);
        VectorMask<Float> m1 = S.indexInRange(j + L, n);
        FloatVector c0 = FloatVector.zero(S);
        FloatVector c1 = c0;
        for (int p = 0; p < k; p++) {
            int bp = bj + p * ldb;
            FloatVector av = FloatVector.broadcast(S, a[ai + p * acs]);
            c0 = FloatVector.fromArray(S, b, bp, m0).fma(av, c0);
            c1 = FloatVector.fromArray(S, b, bp + L, m1).fma(av, c1);
        }
        store(c0, alpha, beta, c, ci, m0);
        store(c1, alpha, beta, c, ci + L, m1);
    }

    private static void row1x1(int k, float[] a, int ai, int acs, float[] b, int bj, int ldb,
                               int j, int n, float alpha, float beta, float[] c, int ci) {
        VectorMask<Float> m0 = S.indexInRange(j, n);
        FloatVector c0 = FloatVector.zero(S);
        for (int p = 0; p < k; p++) {
            c0 = FloatVector.fromArray(S, b, bj + p * ldb, m0).fma(FloatVector.broadcast(S, a[ai + p * acs]), c0);
        }
        store(c0, alpha, beta, c, ci, m0);
    }

    /** C = alpha s, or alpha s + beta C; with beta 0 C's old values are not read (NaN included). */
    private static void store(FloatVector s, float alpha, float beta, float[] c, int ci, VectorMask<Float> m) {
        FloatVector v = alpha == 1f ? s : s.mul(alpha);
        if (beta != 0f) {
            v = v.add(FloatVector.fromArray(S, c, ci, m).mul(beta));
        }
        v.intoArray(c, ci, m);
    }
}
