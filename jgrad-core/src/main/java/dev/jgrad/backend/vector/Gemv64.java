package dev.jgrad.backend.vector;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

import java.util.Arrays;

/**
 * float64 GEMM where C has at most a few rows or a few columns (a batch of one, a layer with one output):
 * each row (or column) of C is a matrix-vector product computed straight from the operands, with no
 * packing, since packing would copy a whole operand to use each element only a few times.
 */
final class Gemv64 {

    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    /** Use this path when min(m, n) is at most this. */
    static final int MAX_SKINNY = 4;

    private Gemv64() {
    }

    static void gemm(boolean transA, boolean transB, int m, int n, int k, double alpha,
                     double[] a, int ao, int lda, double[] b, int bo, int ldb,
                     double beta, double[] c, int co, int ldc) {
        double[] t = new double[Math.max(m, n)];
        double[] gathered = new double[k];
        if (m <= n) {
            for (int i = 0; i < m; i++) {
                if (!transB) {
                    // Row i of C = sum over p of A(i, p) * (row p of B).
                    Arrays.fill(t, 0, n, 0.0);
                    for (int p = 0; p < k; p++) {
                        double aip = transA ? a[ao + p * lda + i] : a[ao + i * lda + p];
                        axpy(aip, b, bo + p * ldb, t, n);
                    }
                } else {
                    // B is stored n x k: C(i, j) = row i of op(A) . row j of B.
                    double[] row = a;
                    int ro = ao + i * lda;
                    if (transA) {
                        for (int p = 0; p < k; p++) {
                            gathered[p] = a[ao + p * lda + i];
                        }
                        row = gathered;
                        ro = 0;
                    }
                    for (int j = 0; j < n; j++) {
                        t[j] = dot(row, ro, b, bo + j * ldb, k);
                    }
                }
                merge(t, n, c, co + i * ldc, 1, alpha, beta);
            }
        } else {
            for (int j = 0; j < n; j++) {
                if (transA) {
                    // A is stored k x m: column j of C = sum over p of B(p, j) * (row p of A).
                    Arrays.fill(t, 0, m, 0.0);
                    for (int p = 0; p < k; p++) {
                        double bpj = transB ? b[bo + j * ldb + p] : b[bo + p * ldb + j];
                        axpy(bpj, a, ao + p * lda, t, m);
                    }
                } else {
                    // C(i, j) = row i of A . column j of op(B).
                    double[] col = b;
                    int cl = bo + j * ldb;
                    if (!transB) {
                        for (int p = 0; p < k; p++) {
                            gathered[p] = b[bo + p * ldb + j];
                        }
                        col = gathered;
                        cl = 0;
                    }
                    for (int i = 0; i < m; i++) {
                        t[i] = dot(a, ao + i * lda, col, cl, k);
                    }
                }
                merge(t, m, c, co + j, ldc, alpha, beta);
            }
        }
    }

    /** t[0..n) += s * x[xo..xo+n). */
    private static void axpy(double s, double[] x, int xo, double[] t, int n) {
        DoubleVector vs = DoubleVector.broadcast(S, s);
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            DoubleVector.fromArray(S, x, xo + i).fma(vs, DoubleVector.fromArray(S, t, i)).intoArray(t, i);
        }
        for (; i < n; i++) {
            t[i] = Math.fma(x[xo + i], s, t[i]);
        }
    }

    /** x[xo..xo+k) . y[yo..yo+k), with two accumulators. */
    private static double dot(double[] x, int xo, double[] y, int yo, int k) {
        DoubleVector s0 = DoubleVector.zero(S);
        DoubleVector s1 = DoubleVector.zero(S);
        int p = 0;
        for (int bound = k - 2 * L; p <= bound; p += 2 * L) {
            s0 = DoubleVector.fromArray(S, x, xo + p).fma(DoubleVector.fromArray(S, y, yo + p), s0);
            s1 = DoubleVector.fromArray(S, x, xo + p + L).fma(DoubleVector.fromArray(S, y, yo + p + L), s1);
        }
        for (int bound = S.loopBound(k); p < bound; p += L) {
            s0 = DoubleVector.fromArray(S, x, xo + p).fma(DoubleVector.fromArray(S, y, yo + p), s0);
        }
        double s = Reduce64.lanes(s0.add(s1));  // a fixed order, compiled or not
        for (; p < k; p++) {
            s = Math.fma(x[xo + p], y[yo + p], s);
        }
        return s;
    }

    /** C entries c[ci + r * stride] for r in [0, len) = alpha t[r] + beta C (beta == 0 ignores C, even NaN). */
    private static void merge(double[] t, int len, double[] c, int ci, int stride, double alpha, double beta) {
        for (int r = 0; r < len; r++) {
            int idx = ci + r * stride;
            c[idx] = beta == 0 ? alpha * t[r] : alpha * t[r] + beta * c[idx];
        }
    }
}
