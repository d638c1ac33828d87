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
        if (m <= n && transB) {
            rowsAgainstRows(transA, m, n, k, alpha, a, ao, lda, b, bo, ldb, beta, c, co, ldc);
            return;
        }
        double[] t = new double[Math.max(m, n)];
        double[] gathered = new double[k];
        if (m <= n) {
            for (int i = 0; i < m; i++) {
                // Row i of C = sum over p of A(i, p) * (row p of B).
                Arrays.fill(t, 0, n, 0.0);
                for (int p = 0; p < k; p++) {
                    double aip = transA ? a[ao + p * lda + i] : a[ao + i * lda + p];
                    axpy(aip, b, bo + p * ldb, t, n);
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

    /**
     * C = alpha op(A) B^T + beta C for a few rows of op(A), B stored n x k: every C(i, j) is the dot product of
     * row i of op(A) and row j of B, four (or two, or one) rows of A at a time, so that each row of B is read
     * once for them. Against a pass over B per row of A, at 1 thread (Interleaved, both orders):
     * 2 x 784 x 256 0.44-0.48x the time, 3 x 784 x 256 0.78-0.92x, 4 x 784 x 256 0.54-0.60x, 4 x 3072 x 100 0.64x.
     */
    private static void rowsAgainstRows(boolean transA, int m, int n, int k, double alpha, double[] a, int ao, int lda,
                                        double[] b, int bo, int ldb, double beta, double[] c, int co, int ldc) {
        // The rows of op(A), k values each, from rs apart (gathered first when A is stored transposed); rows
        // past m repeat the last, and their sums are dropped.
        double[] rows = a;
        int r0 = ao;
        int rs = lda;
        if (transA) {
            rows = new double[m * k];
            for (int i = 0; i < m; i++) {
                for (int p = 0; p < k; p++) {
                    rows[i * k + p] = a[ao + p * lda + i];
                }
            }
            r0 = 0;
            rs = k;
        }
        double[] s = new double[4];
        double[] t = new double[m * n];
        for (int g = 0; g < m; g += 4) {  // four rows at a time
            int last = Math.min(m, g + 4) - 1;
            int x0 = r0 + g * rs;
            int x1 = r0 + Math.min(g + 1, last) * rs;
            int x2 = r0 + Math.min(g + 2, last) * rs;
            int x3 = r0 + Math.min(g + 3, last) * rs;
            for (int j = 0; j < n; j++) {
                if (last == g) {
                    s[0] = dot(rows, x0, b, bo + j * ldb, k);
                } else if (last - g == 1) {
                    dots2(rows, x0, x1, b, bo + j * ldb, k, s);
                } else {
                    dots4(rows, x0, x1, x2, x3, b, bo + j * ldb, k, s);
                }
                for (int i = g; i <= last; i++) {
                    t[i * n + j] = s[i - g];
                }
            }
        }
        for (int i = 0; i < m; i++) {
            merge(t, i * n, n, c, co + i * ldc, 1, alpha, beta);
        }
    }

    /** s[r] = x[xr..xr+k) . y[yo..yo+k) for the four rows x0 .. x3 of x, y read once. */
    private static void dots4(double[] x, int x0, int x1, int x2, int x3, double[] y, int yo, int k, double[] s) {
        DoubleVector s0 = DoubleVector.zero(S);
        DoubleVector s1 = DoubleVector.zero(S);
        DoubleVector s2 = DoubleVector.zero(S);
        DoubleVector s3 = DoubleVector.zero(S);
        int p = 0;
        for (int bound = S.loopBound(k); p < bound; p += L) {
            DoubleVector yv = DoubleVector.fromArray(S, y, yo + p);
            s0 = DoubleVector.fromArray(S, x, x0 + p).fma(yv, s0);
            s1 = DoubleVector.fromArray(S, x, x1 + p).fma(yv, s1);
            s2 = DoubleVector.fromArray(S, x, x2 + p).fma(yv, s2);
            s3 = DoubleVector.fromArray(S, x, x3 + p).fma(yv, s3);
        }
        // The lanes summed in a fixed order, compiled or not; then the last values past the whole vectors.
        double r0 = Reduce64.lanes(s0);
        double r1 = Reduce64.lanes(s1);
        double r2 = Reduce64.lanes(s2);
        double r3 = Reduce64.lanes(s3);
        for (; p < k; p++) {
            double yp = y[yo + p];
            r0 = Math.fma(x[x0 + p], yp, r0);
            r1 = Math.fma(x[x1 + p], yp, r1);
            r2 = Math.fma(x[x2 + p], yp, r2);
            r3 = Math.fma(x[x3 + p], yp, r3);
        }
        s[0] = r0;
        s[1] = r1;
        s[2] = r2;
        s[3] = r3;
    }

    /** s[r] = x[xr..xr+k) . y[yo..yo+k) for the two rows x0, x1 of x, y read once. */
    private static void dots2(double[] x, int x0, int x1, double[] y, int yo, int k, double[] s) {
        DoubleVector s0 = DoubleVector.zero(S);
        DoubleVector s1 = DoubleVector.zero(S);
        int p = 0;
        for (int bound = S.loopBound(k); p < bound; p += L) {
            DoubleVector yv = DoubleVector.fromArray(S, y, yo + p);
            s0 = DoubleVector.fromArray(S, x, x0 + p).fma(yv, s0);
            s1 = DoubleVector.fromArray(S, x, x1 + p).fma(yv, s1);
        }
        double r0 = Reduce64.lanes(s0);
        double r1 = Reduce64.lanes(s1);
        for (; p < k; p++) {
            double yp = y[yo + p];
            r0 = Math.fma(x[x0 + p], yp, r0);
            r1 = Math.fma(x[x1 + p], yp, r1);
        }
        s[0] = r0;
        s[1] = r1;
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
        merge(t, 0, len, c, ci, stride, alpha, beta);
    }

    /** The same from t[to..to+len). */
    private static void merge(double[] t, int to, int len, double[] c, int ci, int stride, double alpha, double beta) {
        for (int r = 0; r < len; r++) {
            int idx = ci + r * stride;
            c[idx] = beta == 0 ? alpha * t[to + r] : alpha * t[to + r] + beta * c[idx];
        }
    }
}
