package dev.jgrad.backend.vector;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link Small32} and {@link Small64} to the bit: each element of C is its k products summed in order by fused
 * multiply-adds, then scaled, whichever of the four-row and one-row kernels computes it and whether its
 * columns are whole vectors or masked; every transpose combination, leading dimensions wider than the
 * operands, offsets, and beta 0 ignoring NaN in C. And {@code direct} sends the products it names to them.
 */
class SmallTest {

    /** rows, columns, k: rows in whole groups of four and not, one to two vectors of columns and masked parts. */
    private static final int[][] SHAPES = {
            {1, 1, 1}, {3, 2, 5}, {4, 16, 3}, {5, 17, 2}, {6, 4, 128}, {7, 31, 9}, {9, 32, 40}, {11, 15, 1},
            {13, 20, 0}, {2, 10, 784}, {30, 8, 33}, {64, 24, 100}};

    private static float fmaRow(boolean ta, boolean tb, float[] a, int ao, int lda, float[] b, int bo, int ldb,
                                int i, int j, int k) {
        float s = 0f;
        for (int p = 0; p < k; p++) {
            s = Math.fma(ta ? a[ao + p * lda + i] : a[ao + i * lda + p], tb ? b[bo + j * ldb + p] : b[bo + p * ldb + j], s);
        }
        return s;
    }

    private static double fmaRow(boolean ta, boolean tb, double[] a, int ao, int lda, double[] b, int bo, int ldb,
                                 int i, int j, int k) {
        double s = 0;
        for (int p = 0; p < k; p++) {
            s = Math.fma(ta ? a[ao + p * lda + i] : a[ao + i * lda + p], tb ? b[bo + j * ldb + p] : b[bo + p * ldb + j], s);
        }
        return s;
    }

    @Test
    void float32ElementsAreOrderedFusedSumsInEveryKernel() {
        SplittableRandom rnd = new SplittableRandom(41);
        float[][] alphaBeta = {{1f, 0f}, {-0.5f, 0f}, {2f, 1f}, {1f, -1.5f}};
        for (int[] s : SHAPES) {
            int m = s[0], n = s[1], k = s[2];
            for (int t = 0; t < 4; t++) {
                boolean ta = t >= 2, tb = t % 2 == 1;
                for (float[] ab : alphaBeta) {
                    int pad = 3, off = 2;
                    int lda = (ta ? m : k) + pad, ldb = (tb ? k : n) + pad, ldc = n + pad;
                    float[] a = new float[off + (ta ? k : m) * lda];
                    float[] b = new float[off + (tb ? n : k) * ldb];
                    float[] c = new float[off + m * ldc];
                    for (int i = 0; i < a.length; i++) {
                        a[i] = (float) rnd.nextDouble(-1, 1);
                    }
                    for (int i = 0; i < b.length; i++) {
                        b[i] = (float) rnd.nextDouble(-1, 1);
                    }
                    for (int i = 0; i < c.length; i++) {
                        c[i] = ab[1] == 0f ? Float.NaN : (float) rnd.nextDouble(-1, 1);
                    }
                    float[] before = c.clone();
                    Small32.gemm(ta, tb, m, n, k, ab[0], a, off, lda, b, off, ldb, ab[1], c, off, ldc, new float[k * n]);
                    for (int i = 0; i < c.length; i++) {
                        int r = (i - off) / ldc, col = (i - off) % ldc;
                        String at = "[" + m + ", " + n + ", " + k + "] ta=" + ta + " tb=" + tb + " alpha=" + ab[0]
                                + " beta=" + ab[1] + " at " + i;
                        if (i < off || col >= n) {
                            assertEquals(Float.floatToRawIntBits(before[i]), Float.floatToRawIntBits(c[i]),
                                    at + ": outside C, written");
                            continue;
                        }
                        float v = fmaRow(ta, tb, a, off, lda, b, off, ldb, r, col, k);
                        v = ab[0] == 1f ? v : v * ab[0];
                        if (ab[1] != 0f) {
                            v = v + before[i] * ab[1];
                        }
                        assertEquals(Float.floatToIntBits(v), Float.floatToIntBits(c[i]), at);
                    }
                }
            }
        }
    }

    @Test
    void float64ElementsAreOrderedFusedSumsInEveryKernel() {
        SplittableRandom rnd = new SplittableRandom(42);
        double[][] alphaBeta = {{1, 0}, {-0.5, 0}, {2, 1}, {1, -1.5}};
        for (int[] s : SHAPES) {
            int m = s[0], n = s[1], k = s[2];
            for (int t = 0; t < 4; t++) {
                boolean ta = t >= 2, tb = t % 2 == 1;
                for (double[] ab : alphaBeta) {
                    int pad = 3, off = 2;
                    int lda = (ta ? m : k) + pad, ldb = (tb ? k : n) + pad, ldc = n + pad;
                    double[] a = rnd.doubles(off + (ta ? k : m) * lda, -1, 1).toArray();
                    double[] b = rnd.doubles(off + (tb ? n : k) * ldb, -1, 1).toArray();
                    double[] c = ab[1] == 0 ? new double[off + m * ldc] : rnd.doubles(off + m * ldc, -1, 1).toArray();
                    if (ab[1] == 0) {
                        java.util.Arrays.fill(c, Double.NaN);
                    }
                    double[] before = c.clone();
                    Small64.gemm(ta, tb, m, n, k, ab[0], a, off, lda, b, off, ldb, ab[1], c, off, ldc, new double[k * n]);
                    for (int i = 0; i < c.length; i++) {
                        int r = (i - off) / ldc, col = (i - off) % ldc;
                        String at = "[" + m + ", " + n + ", " + k + "] ta=" + ta + " tb=" + tb + " alpha=" + ab[0]
                                + " beta=" + ab[1] + " at " + i;
                        if (i < off || col >= n) {
                            assertEquals(Double.doubleToRawLongBits(before[i]), Double.doubleToRawLongBits(c[i]),
                                    at + ": outside C, written");
                            continue;
                        }
                        double v = fmaRow(ta, tb, a, off, lda, b, off, ldb, r, col, k);
                        v = ab[0] == 1 ? v : v * ab[0];
                        if (ab[1] != 0) {
                            v = v + before[i] * ab[1];
                        }
                        assertEquals(Double.doubleToLongBits(v), Double.doubleToLongBits(c[i]), at);
                    }
                }
            }
        }
    }

    @Test
    void directTakesNarrowProductsTooSmallToSplit() {
        int l = Gemm32.L;
        assertTrue(Gemm32.direct(16, 16, 16), "a tiny cube");
        assertTrue(Gemm32.direct(128, 10, 100), "a classifier's last layer");
        assertTrue(Gemm32.direct(1, 10, 784), "one row, fewer columns than a vector");
        assertTrue(Gemm32.direct(100, 3, 20), "three columns, short k");
        assertTrue(Gemm32.direct(7, 2 * l, 9), "two whole vectors");
        assertTrue(Gemm32.direct(5, 5, 0), "k = 0");
        assertFalse(Gemm32.direct(7, 2 * l + 1, 9), "wider than two vectors");
        assertFalse(Gemm32.direct(300, 1, 200), "one column, long k: the matrix-vector path");
        assertFalse(Gemm32.direct(1000, 20, 20), "large enough to split");
        assertFalse(Gemm64.direct(7, 2 * Gemm64.L + 1, 9), "float64: wider than two vectors");
        assertTrue(Gemm64.direct(20, 2 * Gemm64.L, 20), "float64: two whole vectors");
    }
}
