package dev.jgrad.backend.vector;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * The float64 GEMM micro-kernels: an MR-row by NV-vector tile of C held in registers over one k-block.
 * Written out straight-line, every accumulator a local, so that C2 keeps them in vector registers: a
 * Vector passed to a method the JIT does not inline is boxed, which is ~15x slower.
 *
 * <p>Operands: A's value for tile row r at k step p is {@code a[ai + r * ars + p * acs]}, so the kernel
 * reads a packed micro-panel ({@code ars = 1, acs = MR}) or A in place, row-major ({@code ars = lda,
 * acs = 1}) or transposed ({@code ars = 1, acs = lda}). B is a packed micro-panel, NV * L values per k
 * step from {@code bi}; in the {@code r} kernels ({@code kernel6x4r} ...) B is read in place, its k steps
 * {@code brs} apart. The finished tile is stored at {@code c[ci + r * ldc ...]}, added to what is there
 * when {@code add} is set: C itself for full tiles, or a scratch tile ({@code ldc = NR}) that the caller
 * merges.
 *
 * <p>Each tiling has narrower kernels for its last column panel, so that a product whose column count is
 * not a multiple of the tile width (N = 100 against a 64-wide tile) computes at most one vector of padding
 * per row instead of a whole tile's.
 *
 * <p>The kernels {@code kernel6x4p1 .. p6} and {@code kernel6x2p1 .. p6} read A as a convolution's patches,
 * straight from the padded image (see {@code Patches64}): row r's value at k step p is
 * {@code a[at + off[fo + p] + r]}, plus {@code d} for the rows from the split on. Six base addresses, one per
 * row, ran at three quarters of the speed: with constant row offsets one address serves a run of rows.
 *
 * <p>The tail kernels ({@code dot6x4}, {@code dot1x4}, {@code cols6x4}, {@code cols1x4}) compute four
 * columns of C over all of k for the columns past the last whole vector (see {@code Gemm64.tail}): with the
 * lanes along k (A's rows contiguous; the caller sums each accumulator's lanes) or along m (A stored
 * transposed). They store their accumulators, one vector each, at {@code s[(r * 4 + j) * L]}.
 */
final class Micro64 {

    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    private Micro64() {
    }

    /** A tile of six rows by four vectors: 24 accumulators, for 32 vector registers (AVX-512, NEON). */
    static void kernel6x4(int kc, double[] a, int ai, int ars, int acs, double[] b, int bi,
                          double[] c, int ci, int ldc, boolean add) {
        DoubleVector c00 = DoubleVector.zero(S);
        DoubleVector c01 = DoubleVector.zero(S);
        DoubleVector c02 = DoubleVector.zero(S);
        DoubleVector c03 = DoubleVector.zero(S);
        DoubleVector c10 = DoubleVector.zero(S);
        DoubleVector c11 = DoubleVector.zero(S);
        DoubleVector c12 = DoubleVector.zero(S);
        DoubleVector c13 = DoubleVector.zero(S);
        DoubleVector c20 = DoubleVector.zero(S);
        DoubleVector c21 = DoubleVector.zero(S);
        DoubleVector c22 = DoubleVector.zero(S);
        DoubleVector c23 = DoubleVector.zero(S);
        DoubleVector c30 = DoubleVector.zero(S);
        DoubleVector c31 = DoubleVector.zero(S);
        DoubleVector c32 = DoubleVector.zero(S);
        DoubleVector c33 = DoubleVector.zero(S);
        DoubleVector c40 = DoubleVector.zero(S);
        DoubleVector c41 = DoubleVector.zero(S);
        DoubleVector c42 = DoubleVector.zero(S);
        DoubleVector c43 = DoubleVector.zero(S);
        DoubleVector c50 = DoubleVector.zero(S);
        DoubleVector c51 = DoubleVector.zero(S);
        DoubleVector c52 = DoubleVector.zero(S);
        DoubleVector c53 = DoubleVector.zero(S);
        for (int p = 0; p < kc; p++) {
            int ap = ai + p * acs;
            int bp = bi + p * (4 * L);
            DoubleVector b0 = DoubleVector.fromArray(S, b, bp);
            DoubleVector b1 = DoubleVector.fromArray(S, b, bp + L);
            DoubleVector b2 = DoubleVector.fromArray(S, b, bp + 2 * L);
            DoubleVector b3 = DoubleVector.fromArray(S, b, bp + 3 * L);
            DoubleVector a0 = DoubleVector.broadcast(S, a[ap]);
            c00 = a0.fma(b0, c00);
            c01 = a0.fma(b1, c01);
            c02 = a0.fma(b2, c02);
            c03 = a0.fma(b3, c03);
            DoubleVector a1 = DoubleVector.broadcast(S, a[ap + ars]);
            c10 = a1.fma(b0, c10);
            c11 = a1.fma(b1, c11);
            c12 = a1.fma(b2, c12);
            c13 = a1.fma(b3, c13);
            DoubleVector a2 = DoubleVector.broadcast(S, a[ap + 2 * ars]);
            c20 = a2.fma(b0, c20);
            c21 = a2.fma(b1, c21);
            c22 = a2.fma(b2, c22);
            c23 = a2.fma(b3, c23);
            DoubleVector a3 = DoubleVector.broadcast(S, a[ap + 3 * ars]);
            c30 = a3.fma(b0, c30);
            c31 = a3.fma(b1, c31);
            c32 = a3.fma(b2, c32);
            c33 = a3.fma(b3, c33);
            DoubleVector a4 = DoubleVector.broadcast(S, a[ap + 4 * ars]);
            c40 = a4.fma(b0, c40);
            c41 = a4.fma(b1, c41);
            c42 = a4.fma(b2, c42);
            c43 = a4.fma(b3, c43);
            DoubleVector a5 = DoubleVector.broadcast(S, a[ap + 5 * ars]);
            c50 = a5.fma(b0, c50);
            c51 = a5.fma(b1, c51);
            c52 = a5.fma(b2, c52);
            c53 = a5.fma(b3, c53);
        }
        if (add) {
            c00.add(DoubleVector.fromArray(S, c, ci)).intoArray(c, ci);
            c01.add(DoubleVector.fromArray(S, c, ci + L)).intoArray(c, ci + L);
            c02.add(DoubleVector.fromArray(S, c, ci + 2 * L)).intoArray(c, ci + 2 * L);
            c03.add(DoubleVector.fromArray(S, c, ci + 3 * L)).intoArray(c, ci + 3 * L);
            c10.add(DoubleVector.fromArray(S, c, ci + ldc)).intoArray(c, ci + ldc);
            c11.add(DoubleVector.fromArray(S, c, ci + ldc + L)).intoArray(c, ci + ldc + L);
            c12.add(DoubleVector.fromArray(S, c, ci + ldc + 2 * L)).intoArray(c, ci + ldc + 2 * L);
            c13.add(DoubleVector.fromArray(S, c, ci + ldc + 3 * L)).intoArray(c, ci + ldc + 3 * L);
            c20.add(DoubleVector.fromArray(S, c, ci + 2 * ldc)).intoArray(c, ci + 2 * ldc);
            c21.add(DoubleVector.fromArray(S, c, ci + 2 * ldc + L)).intoArray(c, ci + 2 * ldc + L);
            c22.add(DoubleVector.fromArray(S, c, ci + 2 * ldc + 2 * L)).intoArray(c, ci + 2 * ldc + 2 * L);
            c23.add(DoubleVector.fromArray(S, c, ci + 2 * ldc + 3 * L)).intoArray(c, ci + 2 * ldc + 3 * L);
            c30.add(DoubleVector.fromArray(S, c, ci + 3 * ldc)).intoArray(c, ci + 3 * ldc);
            c31.add(DoubleVector.fromArray(S, c, ci + 3 * ldc + L)).intoArray(c, ci + 3 * ldc + L);
            c32.add(DoubleVector.fromArray(S, c, ci + 3 * ldc + 2 * L)).intoArray(c, ci + 3 * ldc + 2 * L);
            c33.add(DoubleVector.fromArray(S, c, ci + 3 * ldc + 3 * L)).intoArray(c, ci + 3 * ldc + 3 * L);
            c40.add(DoubleVector.fromArray(S, c, ci + 4 * ldc)).intoArray(c, ci + 4 * ldc);
            c41.add(DoubleVector.fromArray(S, c, ci + 4 * ldc + L)).intoArray(c, ci + 4 * ldc + L);
            c42.add(DoubleVector.fromArray(S, c, ci + 4 * ldc + 2 * L)).intoArray(c, ci + 4 * ldc + 2 * L);
            c43.add(DoubleVector.fromArray(S, c, ci + 4 * ldc + 3 * L)).intoArray(c, ci + 4 * ldc + 3 * L);
            c50.add(DoubleVector.fromArray(S, c, ci + 5 * ldc)).intoArray(c, ci + 5 * ldc);
            c51.add(DoubleVector.fromArray(S, c, ci + 5 * ldc + L)).intoArray(c, ci + 5 * ldc + L);
            c52.add(DoubleVector.fromArray(S, c, ci + 5 * ldc + 2 * L)).intoArray(c, ci + 5 * ldc + 2 * L);
            c53.add(DoubleVector.fromArray(S, c, ci + 5 * ldc + 3 * L)).intoArray(c, ci + 5 * ldc + 3 * L);
        } else {
            c00.intoArray(c, ci);
            c01.intoArray(c, ci + L);
            c02.intoArray(c, ci + 2 * L);
            c03.intoArray(c, ci + 3 * L);
            c10.intoArray(c, ci + ldc);
            c11.intoArray(c, ci + ldc + L);
            c12.intoArray(c, ci + ldc + 2 * L);
            c13.intoArray(c, ci + ldc + 3 * L);
            c20.intoArray(c, ci + 2 * ldc);
            c21.intoArray(c, ci + 2 * ldc + L);
            c22.intoArray(c, ci + 2 * ldc + 2 * L);
            c23.intoArray(c, ci + 2 * ldc + 3 * L);
            c30.intoArray(c, ci + 3 * ldc);
            c31.intoArray(c, ci + 3 * ldc + L);
            c32.intoArray(c, ci + 3 * ldc + 2 * L);
            c33.intoArray(c, ci + 3 * ldc + 3 * L);
            c40.intoArray(c, ci + 4 * ldc);
            c41.intoArray(c, ci + 4 * ldc + L);
            c42.intoArray(c, ci + 4 * ldc + 2 * L);
            c43.intoArray(c, ci + 4 * ldc + 3 * L);
            c50.intoArray(c, ci + 5 * ldc);
            c51.intoArray(c, ci + 5 * ldc + L);
            c52.intoArray(c, ci + 5 * ldc + 2 * L);
            c53.intoArray(c, ci + 5 * ldc + 3 * L);
        }
    }

    /** Six rows by three vectors: the last column panel of the 6 x 4 tiling, when it is at most three vectors wide. */
    static void kernel6x3(int kc, double[] a, int ai, int ars, int acs, double[] b, int bi,
                          double[] c, int ci, int ldc, boolean add) {
        DoubleVector c00 = DoubleVector.zero(S);
        DoubleVector c01 = DoubleVector.zero(S);
        DoubleVector c02 = DoubleVector.zero(S);
        DoubleVector c10 = DoubleVector.zero(S);
        DoubleVector c11 = DoubleVector.zero(S);
        DoubleVector c12 = DoubleVector.zero(S);
        DoubleVector c20 = DoubleVector.zero(S);
        DoubleVector c21 = DoubleVector.zero(S);
        DoubleVector c22 = DoubleVector.zero(S);
        DoubleVector c30 = DoubleVector.zero(S);
        DoubleVector c31 = DoubleVector.zero(S);
        DoubleVector c32 = DoubleVector.zero(S);
        DoubleVector c40 = DoubleVector.zero(S);
        DoubleVector c41 = DoubleVector.zero(S);
        DoubleVector c42 = DoubleVector.zero(S);
        DoubleVector c50 = DoubleVector.zero(S);
        DoubleVector c51 = DoubleVector.zero(S);
        DoubleVector c52 = DoubleVector.zero(S);
        for (int p = 0; p < kc; p++) {
            int ap = ai + p * acs;
            int bp = bi + p * (3 * L);
            DoubleVector b0 = DoubleVector.fromArray(S, b, bp);
            DoubleVector b1 = DoubleVector.fromArray(S, b, bp + L);
            DoubleVector b2 = DoubleVector.fromArray(S, b, bp + 2 * L);
            DoubleVector a0 = DoubleVector.broadcast(S, a[ap]);
            c00 = a0.fma(b0, c00);
            c01 = a0.fma(b1, c01);
            c02 = a0.fma(b2, c02);
            DoubleVector a1 = DoubleVector.broadcast(S, a[ap + ars]);
            c10 = a1.fma(b0, c10);
            c11 = a1.fma(b1, c11);
            c12 = a1.fma(b2, c12);
            DoubleVector a2 = DoubleVector.broadcast(S, a[ap + 2 * ars]);
            c20 = a2.fma(b0, c20);
            c21 = a2.fma(b1, c21);
            c22 = a2.fma(b2, c22);
            DoubleVector a3 = DoubleVector.broadcast(S, a[ap + 3 * ars]);
            c30 = a3.fma(b0, c30);
            c31 = a3.fma(b1, c31);
            c32 = a3.fma(b2, c32);
            DoubleVector a4 = DoubleVector.broadcast(S, a[ap + 4 * ars]);
            c40 = a4.fma(b0, c40);
            c41 = a4.fma(b1, c41);
            c42 = a4.fma(b2, c42);
            DoubleVector a5 = DoubleVector.broadcast(S, a[ap + 5 * ars]);
            c50 = a5.fma(b0, c50);
            c51 = a5.fma(b1, c51);
            c52 = a5.fma(b2, c52);
        }
        if (add) {
            c00.add(DoubleVector.fromArray(S, c, ci)).intoArray(c, ci);
            c01.add(DoubleVector.fromArray(S, c, ci + L)).intoArray(c, ci + L);
            c02.add(DoubleVector.fromArray(S, c, ci + 2 * L)).intoArray(c, ci + 2 * L);
            c10.add(DoubleVector.fromArray(S, c, ci + ldc)).intoArray(c, ci + ldc);
            c11.add(DoubleVector.fromArray(S, c, ci + ldc + L)).intoArray(c, ci + ldc + L);
            c12.add(DoubleVector.fromArray(S, c, ci + ldc + 2 * L)).intoArray(c, ci + ldc + 2 * L);
            c20.add(DoubleVector.fromArray(S, c, ci + 2 * ldc)).intoArray(c, ci + 2 * ldc);
            c21.add(DoubleVector.fromArray(S, c, ci + 2 * ldc + L)).intoArray(c, ci + 2 * ldc + L);
            c22.add(DoubleVector.fromArray(S, c, ci + 2 * ldc + 2 * L)).intoArray(c, ci + 2 * ldc + 2 * L);
            c30.add(DoubleVector.fromArray(S, c, ci + 3 * ldc)).intoArray(c, ci + 3 * ldc);
            c31.add(DoubleVector.fromArray(S, c, ci + 3 * ldc + L)).intoArray(c, ci + 3 * ldc + L);
            c32.add(DoubleVector.fromArray(S, c, ci + 3 * ldc + 2 * L)).intoArray(c, ci + 3 * ldc + 2 * L);
            c40.add(DoubleVector.fromArray(S, c, ci + 4 * ldc)).intoArray(c, ci + 4 * ldc);
            c41.add(DoubleVector.fromArray(S, c, ci + 4 * ldc + L)).intoArray(c, ci + 4 * ldc + L);
            c42.add(DoubleVector.fromArray(S, c, ci + 4 * ldc + 2 * L)).intoArray(c, ci + 4 * ldc + 2 * L);
            c50.add(DoubleVector.fromArray(S, c, ci + 5 * ldc)).intoArray(c, ci + 5 * ldc);
            c51.add(DoubleVector.fromArray(S, c, ci + 5 * ldc + L)).intoArray(c, ci + 5 * ldc + L);
            c52.add(DoubleVector.fromArray(S, c, ci + 5 * ldc + 2 * L)).intoArray(c, ci + 5 * ldc + 2 * L);
        } else {
            c00.intoArray(c, ci);
            c01.intoArray(c, ci + L);
            c02.intoArray(c, ci + 2 * L);
            c10.intoArray(c, ci + ldc);
            c11.intoArray(c, ci + ldc + L);
            c12.intoArray(c, ci + ldc + 2 * L);
            c20.intoArray(c, ci + 2 * ldc);
            c21.intoArray(c, ci + 2 * ldc + L);
            c22.intoArray(c, ci + 2 * ldc + 2 * L);
            c30.intoArray(c, ci + 3 * ldc);
            c31.intoArray(c, ci + 3 * ldc + L);
            c32.intoArray(c, ci + 3 * ldc + 2 * L);
            c40.intoArray(c, ci + 4 * ldc);
            c41.intoArray(c, ci + 4 * ldc + L);
            c42.intoArray(c, ci + 4 * ldc + 2 * L);
            c50.intoArray(c, ci + 5 * ldc);
            c51.intoArray(c, ci + 5 * ldc + L);
            c52.intoArray(c, ci + 5 * ldc + 2 * L);
        }
    }

    /** Six rows by two vectors: a last column panel at most two vectors wide. */
    static void kernel6x2(int kc, double[] a, int ai, int ars, int acs, double[] b, int bi,
                          double[] c, int ci, int ldc, boolean add) {
        DoubleVector c00 = DoubleVector.zero(S);
        DoubleVector c01 = DoubleVector.zero(S);
        DoubleVector c10 = DoubleVector.zero(S);
        DoubleVector c11 = DoubleVector.zero(S);
        DoubleVector c20 = DoubleVector.zero(S);
        DoubleVector c21 = DoubleVector.zero(S);
        DoubleVector c30 = DoubleVector.zero(S);
        DoubleVector c31 = DoubleVector.zero(S);
        DoubleVector c40 = DoubleVector.zero(S);
        DoubleVector c41 = DoubleVector.zero(S);
        DoubleVector c50 = DoubleVector.zero(S);
        DoubleVector c51 = DoubleVector.zero(S);
        for (int p = 0; p < kc; p++) {
            int ap = ai + p * acs;
            int bp = bi + p * (2 * L);
            DoubleVector b0 = DoubleVector.fromArray(S, b, bp);
            DoubleVector b1 = DoubleVector.fromArray(S, b, bp + L);
            DoubleVector a0 = DoubleVector.broadcast(S, a[ap]);
            c00 = a0.fma(b0, c00);
            c01 = a0.fma(b1, c01);
            DoubleVector a1 = DoubleVector.broadcast(S, a[ap + ars]);
            c10 = a1.fma(b0, c10);
            c11 = a1.fma(b1, c11);
            DoubleVector a2 = DoubleVector.broadcast(S, a[ap + 2 * ars]);
            c20 = a2.fma(b0, c20);
            c21 = a2.fma(b1, c21);
            DoubleVector a3 = DoubleVector.broadcast(S, a[ap + 3 * ars]);
            c30 = a3.fma(b0, c30);
            c31 = a3.fma(b1, c31);
            DoubleVector a4 = DoubleVector.broadcast(S, a[ap + 4 * ars]);
            c40 = a4.fma(b0, c40);
            c41 = a4.fma(b1, c41);
            DoubleVector a5 = DoubleVector.broadcast(S, a[ap + 5 * ars]);
            c50 = a5.fma(b0, c50);
            c51 = a5.fma(b1, c51);
        }
        if (add) {
            c00.add(DoubleVector.fromArray(S, c, ci)).intoArray(c, ci);
            c01.add(DoubleVector.fromArray(S, c, ci + L)).intoArray(c, ci + L);
            c10.add(DoubleVector.fromArray(S, c, ci + ldc)).intoArray(c, ci + ldc);
            c11.add(DoubleVector.fromArray(S, c, ci + ldc + L)).intoArray(c, ci + ldc + L);
            c20.add(DoubleVector.fromArray(S, c, ci + 2 * ldc)).intoArray(c, ci + 2 * ldc);
            c21.add(DoubleVector.fromArray(S, c, ci + 2 * ldc + L)).intoArray(c, ci + 2 * ldc + L);
            c30.add(DoubleVector.fromArray(S, c, ci + 3 * ldc)).intoArray(c, ci + 3 * ldc);
            c31.add(DoubleVector.fromArray(S, c, ci + 3 * ldc + L)).intoArray(c, ci + 3 * ldc + L);
            c40.add(DoubleVector.fromArray(S, c, ci + 4 * ldc)).intoArray(c, ci + 4 * ldc);
            c41.add(DoubleVector.fromArray(S, c, ci + 4 * ldc + L)).intoArray(c, ci + 4 * ldc + L);
            c50.add(DoubleVector.fromArray(S, c, ci + 5 * ldc)).intoArray(c, ci + 5 * ldc);
            c51.add(DoubleVector.fromArray(S, c, ci + 5 * ldc + L)).intoArray(c, ci + 5 * ldc + L);
        } else {
            c00.intoArray(c, ci);
            c01.intoArray(c, ci + L);
            c10.intoArray(c, ci + ldc);
            c11.intoArray(c, ci + ldc + L);
            c20.intoArray(c, ci + 2 * ldc);
            c21.intoArray(c, ci + 2 * ldc + L);
            c30.intoArray(c, ci + 3 * ldc);
            c31.intoArray(c, ci + 3 * ldc + L);
            c40.intoArray(c, ci + 4 * ldc);
            c41.intoArray(c, ci + 4 * ldc + L);
            c50.intoArray(c, ci + 5 * ldc);
            c51.intoArray(c, ci + 5 * ldc + L);
        }
    }

    /** Six rows by one vector: a last column panel at most one vector wide. */
    static void kernel6x1(int kc, double[] a, int ai, int ars, int acs, double[] b, int bi,
                          double[] c, int ci, int ldc, boolean add) {
        DoubleVector c00 = DoubleVector.zero(S);
        DoubleVector c10 = DoubleVector.zero(S);
        DoubleVector c20 = DoubleVector.zero(S);
        DoubleVector c30 = DoubleVector.zero(S);
        DoubleVector c40 = DoubleVector.zero(S);
        DoubleVector c50 = DoubleVector.zero(S);
        for (int p = 0; p < kc; p++) {
            int ap = ai + p * acs;
            int bp = bi + p * L;
            DoubleVector b0 = DoubleVector.fromArray(S, b, bp);
            DoubleVector a0 = DoubleVector.broadcast(S, a[ap]);
            c00 = a0.fma(b0, c00);
            DoubleVector a1 = DoubleVector.broadcast(S, a[ap + ars]);
            c10 = a1.fma(b0, c10);
            DoubleVector a2 = DoubleVector.broadcast(S, a[ap + 2 * ars]);
            c20 = a2.fma(b0, c20);
            DoubleVector a3 = DoubleVector.broadcast(S, a[ap + 3 * ars]);
            c30 = a3.fma(b0, c30);
            DoubleVector a4 = DoubleVector.broadcast(S, a[ap + 4 * ars]);
            c40 = a4.fma(b0, c40);
            DoubleVector a5 = DoubleVector.broadcast(S, a[ap + 5 * ars]);
            c50 = a5.fma(b0, c50);
        }
        if (add) {
            c00.add(DoubleVector.fromArray(S, c, ci)).intoArray(c, ci);
            c10.add(DoubleVector.fromArray(S, c, ci + ldc)).intoArray(c, ci + ldc);
            c20.add(DoubleVector.fromArray(S, c, ci + 2 * ldc)).intoArray(c, ci + 2 * ldc);
            c30.add(DoubleVector.fromArray(S, c, ci + 3 * ldc)).intoArray(c, ci + 3 * ldc);
            c40.add(DoubleVector.fromArray(S, c, ci + 4 * ldc)).intoArray(c, ci + 4 * ldc);
            c50.add(DoubleVector.fromArray(S, c, ci + 5 * ldc)).intoArray(c, ci + 5 * ldc);
        } else {
            c00.intoArray(c, ci);
            c10.intoArray(c, ci + ldc);
            c20.intoArray(c, ci + 2 * ldc);
            c30.intoArray(c, ci + 3 * ldc);
            c40.intoArray(c, ci + 4 * ldc);
            c50.intoArray(c, ci + 5 * ldc);
        }
    }

    /**
     * A tile of four rows by two vectors: 8 accumulators, for the 16 registers of AVX2.
     * (6 x 2 spills one accumulator there, and the store-to-load chain halves the speed).
     */
    static void kernel4x2(int kc, double[] a, int ai, int ars, int acs, double[] b, int bi,
                          double[] c, int ci, int ldc, boolean add) {
        DoubleVector c00 = DoubleVector.zero(S);
        DoubleVector c01 = DoubleVector.zero(S);
        DoubleVector c10 = DoubleVector.zero(S);
        DoubleVector c11 = DoubleVector.zero(S);
        DoubleVector c20 = DoubleVector.zero(S);
        DoubleVector c21 = DoubleVector.zero(S);
        DoubleVector c30 = DoubleVector.zero(S);
        DoubleVector c31 = DoubleVector.zero(S);
        for (int p = 0; p < kc; p++) {
            int ap = ai + p * acs;
            int bp = bi + p * (2 * L);
            DoubleVector b0 = DoubleVector.fromArray(S, b, bp);
            DoubleVector b1 = DoubleVector.fromArray(S, b, bp + L);
            DoubleVector a0 = DoubleVector.broadcast(S, a[ap]);
            c00 = a0.fma(b0, c00);
            c01 = a0.fma(b1, c01);
            DoubleVector a1 = DoubleVector.broadcast(S, a[ap + ars]);
            c10 = a1.fma(b0, c10);
            c11 = a1.fma(b1, c11);
            DoubleVector a2 = DoubleVector.broadcast(S, a[ap + 2 * ars]);
            c20 = a2.fma(b0, c20);
            c21 = a2.fma(b1, c21);
            DoubleVector a3 = DoubleVector.broadcast(S, a[ap + 3 * ars]);
            c30 = a3.fma(b0, c30);
            c31 = a3.fma(b1, c31);
        }
        if (add) {
            c00.add(DoubleVector.fromArray(S, c, ci)).intoArray(c, ci);
            c01.add(DoubleVector.fromArray(S, c, ci + L)).intoArray(c, ci + L);
            c10.add(DoubleVector.fromArray(S, c, ci + ldc)).intoArray(c, ci + ldc);
            c11.add(DoubleVector.fromArray(S, c, ci + ldc + L)).intoArray(c, ci + ldc + L);
            c20.add(DoubleVector.fromArray(S, c, ci + 2 * ldc)).intoArray(c, ci + 2 * ldc);
            c21.add(DoubleVector.fromArray(S, c, ci + 2 * ldc + L)).intoArray(c, ci + 2 * ldc + L);
            c30.add(DoubleVector.fromArray(S, c, ci + 3 * ldc)).intoArray(c, ci + 3 * ldc);
            c31.add(DoubleVector.fromArray(S, c, ci + 3 * ldc + L)).intoArray(c, ci + 3 * ldc + L);
        } else {
            c00.intoArray(c, ci);
            c01.intoArray(c, ci + L);
            c10.intoArray(c, ci + ldc);
            c11.intoArray(c, ci + ldc + L);
            c20.intoArray(c, ci + 2 * ldc);
            c21.intoArray(c, ci + 2 * ldc + L);
            c30.intoArray(c, ci + 3 * ldc);
            c31.intoArray(c, ci + 3 * ldc + L);
        }
    }

    /** Four rows by one vector: the last column panel of the 4 x 2 tiling, when it is at most one vector wide. */
    static void kernel4x1(int kc, double[] a, int ai, int ars, int acs, double[] b, int bi,
                          double[] c, int ci, int ldc, boolean add) {
        DoubleVector c00 = DoubleVector.zero(S);
        DoubleVector c10 = DoubleVector.zero(S);
        DoubleVector c20 = DoubleVector.zero(S);
        DoubleVector c30 = DoubleVector.zero(S);
        for (int p = 0; p < kc; p++) {
            int ap = ai + p * acs;
            int bp = bi + p * L;
            DoubleVector b0 = DoubleVector.fromArray(S, b, bp);
            DoubleVector a0 = DoubleVector.broadcast(S, a[ap]);
            c00 = a0.fma(b0, c00);
            DoubleVector a1 = DoubleVector.broadcast(S, a[ap + ars]);
            c10 = a1.fma(b0, c10);
            DoubleVector a2 = DoubleVector.broadcast(S, a[ap + 2 * ars]);
            c20 = a2.fma(b0, c20);
            DoubleVector a3 = DoubleVector.broadcast(S, a[ap + 3 * ars]);
            c30 = a3.fma(b0, c30);
        }
        if (add) {
            c00.add(DoubleVector.fromArray(S, c, ci)).intoArray(c, ci);
            c10.add(DoubleVector.fromArray(S, c, ci + ldc)).intoArray(c, ci + ldc);
            c20.add(DoubleVector.fromArray(S, c, ci + 2 * ldc)).intoArray(c, ci + 2 * ldc);
            c30.add(DoubleVector.fromArray(S, c, ci + 3 * ldc)).intoArray(c, ci + 3 * ldc);
        } else {
            c00.intoArray(c, ci);
            c10.intoArray(c, ci + ldc);
            c20.intoArray(c, ci + 2 * ldc);
            c30.intoArray(c, ci + 3 * ldc);
        }
    }

    /** The 6 x 4 tile with B in place: its k steps brs apart. */
    static void kernel6x4r(int kc, double[] a, int ai, int ars, int acs, double[] b, int bi, int brs,
                           double[] c, int ci, int ldc, boolean add) {
        DoubleVector c00 = DoubleVector.zero(S);
        DoubleVector c01 = DoubleVector.zero(S);
        DoubleVector c02 = DoubleVector.zero(S);
        DoubleVector c03 = DoubleVector.zero(S);
        DoubleVector c10 = DoubleVector.zero(S);
        DoubleVector c11 = DoubleVector.zero(S);
        DoubleVector c12 = DoubleVector.zero(S);
        DoubleVector c13 = DoubleVector.zero(S);
        DoubleVector c20 = DoubleVector.zero(S);
        DoubleVector c21 = DoubleVector.zero(S);
        DoubleVector c22 = DoubleVector.zero(S);
        DoubleVector c23 = DoubleVector.zero(S);
        DoubleVector c30 = DoubleVector.zero(S);
        DoubleVector c31 = DoubleVector.zero(S);
        DoubleVector c32 = DoubleVector.zero(S);
        DoubleVector c33 = DoubleVector.zero(S);
        DoubleVector c40 = DoubleVector.zero(S);
        DoubleVector c41 = DoubleVector.zero(S);
        DoubleVector c42 = DoubleVector.zero(S);
        DoubleVector c43 = DoubleVector.zero(S);
        DoubleVector c50 = DoubleVector.zero(S);
        DoubleVector c51 = DoubleVector.zero(S);
        DoubleVector c52 = DoubleVector.zero(S);
        DoubleVector c53 = DoubleVector.zero(S);
        for (int p = 0; p < kc; p++) {
            int ap = ai + p * acs;
            int bp = bi + p * brs;
            DoubleVector b0 = DoubleVector.fromArray(S, b, bp);
            DoubleVector b1 = DoubleVector.fromArray(S, b, bp + L);
            DoubleVector b2 = DoubleVector.fromArray(S, b, bp + 2 * L);
            DoubleVector b3 = DoubleVector.fromArray(S, b, bp + 3 * L);
            DoubleVector a0 = DoubleVector.broadcast(S, a[ap]);
            c00 = a0.fma(b0, c00);
            c01 = a0.fma(b1, c01);
            c02 = a0.fma(b2, c02);
            c03 = a0.fma(b3, c03);
            DoubleVector a1 = DoubleVector.broadcast(S, a[ap + ars]);
            c10 = a1.fma(b0, c10);
            c11 = a1.fma(b1, c11);
            c12 = a1.fma(b2, c12);
            c13 = a1.fma(b3, c13);
            DoubleVector a2 = DoubleVector.broadcast(S, a[ap + 2 * ars]);
            c20 = a2.fma(b0, c20);
            c21 = a2.fma(b1, c21);
            c22 = a2.fma(b2, c22);
            c23 = a2.fma(b3, c23);
            DoubleVector a3 = DoubleVector.broadcast(S, a[ap + 3 * ars]);
            c30 = a3.fma(b0, c30);
            c31 = a3.fma(b1, c31);
            c32 = a3.fma(b2, c32);
            c33 = a3.fma(b3, c33);
            DoubleVector a4 = DoubleVector.broadcast(S, a[ap + 4 * ars]);
            c40 = a4.fma(b0, c40);
            c41 = a4.fma(b1, c41);
            c42 = a4.fma(b2, c42);
            c43 = a4.fma(b3, c43);
            DoubleVector a5 = DoubleVector.broadcast(S, a[ap + 5 * ars]);
            c50 = a5.fma(b0, c50);
            c51 = a5.fma(b1, c51);
            c52 = a5.fma(b2, c52);
            c53 = a5.fma(b3, c53);
        }
        if (add) {
            c00.add(DoubleVector.fromArray(S, c, ci)).intoArray(c, ci);
            c01.add(DoubleVector.fromArray(S, c, ci + L)).intoArray(c, ci + L);
            c02.add(DoubleVector.fromArray(S, c, ci + 2 * L)).intoArray(c, ci + 2 * L);
            c03.add(DoubleVector.fromArray(S, c, ci + 3 * L)).intoArray(c, ci + 3 * L);
            c10.add(DoubleVector.fromArray(S, c, ci + ldc)).intoArray(c, ci + ldc);
            c11.add(DoubleVector.fromArray(S, c, ci + ldc + L)).intoArray(c, ci + ldc + L);
            c12.add(DoubleVector.fromArray(S, c, ci + ldc + 2 * L)).intoArray(c, ci + ldc + 2 * L);
            c13.add(DoubleVector.fromArray(S, c, ci + ldc + 3 * L)).intoArray(c, ci + ldc + 3 * L);
            c20.add(DoubleVector.fromArray(S, c, ci + 2 * ldc)).intoArray(c, ci + 2 * ldc);
            c21.add(DoubleVector.fromArray(S, c, ci + 2 * ldc + L)).intoArray(c, ci + 2 * ldc + L);
            c22.add(DoubleVector.fromArray(S, c, ci + 2 * ldc + 2 * L)).intoArray(c, ci + 2 * ldc + 2 * L);
            c23.add(DoubleVector.fromArray(S, c, ci + 2 * ldc + 3 * L)).intoArray(c, ci + 2 * ldc + 3 * L);
            c30.add(DoubleVector.fromArray(S, c, ci + 3 * ldc)).intoArray(c, ci + 3 * ldc);
            c31.add(DoubleVector.fromArray(S, c, ci + 3 * ldc + L)).intoArray(c, ci + 3 * ldc + L);
            c32.add(DoubleVector.fromArray(S, c, ci + 3 * ldc + 2 * L)).intoArray(c, ci + 3 * ldc + 2 * L);
            c33.add(DoubleVector.fromArray(S, c, ci + 3 * ldc + 3 * L)).intoArray(c, ci + 3 * ldc + 3 * L);
            c40.add(DoubleVector.fromArray(S, c, ci + 4 * ldc)).intoArray(c, ci + 4 * ldc);
            c41.add(DoubleVector.fromArray(S, c, ci + 4 * ldc + L)).intoArray(c, ci + 4 * ldc + L);
            c42.add(DoubleVector.fromArray(S, c, ci + 4 * ldc + 2 * L)).intoArray(c, ci + 4 * ldc + 2 * L);
            c43.add(DoubleVector.fromArray(S, c, ci + 4 * ldc + 3 * L)).intoArray(c, ci + 4 * ldc + 3 * L);
            c50.add(DoubleVector.fromArray(S, c, ci + 5 * ldc)).intoArray(c, ci + 5 * ldc);
            c51.add(DoubleVector.fromArray(S, c, ci + 5 * ldc + L)).intoArray(c, ci + 5 * ldc + L);
            c52.add(DoubleVector.fromArray(S, c, ci + 5 * ldc + 2 * L)).intoArray(c, ci + 5 * ldc + 2 * L);
            c53.add(DoubleVector.fromArray(S, c, ci + 5 * ldc + 3 * L)).intoArray(c, ci + 5 * ldc + 3 * L);
        } else {
            c00.intoArray(c, ci);
            c01.intoArray(c, ci + L);
            c02.intoArray(c, ci + 2 * L);
            c03.intoArray(c, ci + 3 * L);
            c10.intoArray(c, ci + ldc);
            c11.intoArray(c, ci + ldc + L);
            c12.intoArray(c, ci + ldc + 2 * L);
            c13.intoArray(c, ci + ldc + 3 * L);
            c20.intoArray(c, ci + 2 * ldc);
            c21.intoArray(c, ci + 2 * ldc + L);
            c22.intoArray(c, ci + 2 * ldc + 2 * L);
            c23.intoArray(c, ci + 2 * ldc + 3 * L);
            c30.intoArray(c, ci + 3 * ldc);
            c31.intoArray(c, ci + 3 * ldc + L);
            c32.intoArray(c, ci + 3 * ldc + 2 * L);
            c33.intoArray(c, ci + 3 * ldc + 3 * L);
            c40.intoArray(c, ci + 4 * ldc);
            c41.intoArray(c, ci + 4 * ldc + L);
            c42.intoArray(c, ci + 4 * ldc + 2 * L);
            c43.intoArray(c, ci + 4 * ldc + 3 * L);
            c50.intoArray(c, ci + 5 * ldc);
            c51.intoArray(c, ci + 5 * ldc + L);
            c52.intoArray(c, ci + 5 * ldc + 2 * L);
            c53.intoArray(c, ci + 5 * ldc + 3 * L);
        }
    }

    /** The 6 x 3 tile with B in place: its k steps brs apart. */
    static void kernel6x3r(int kc, double[] a, int ai, int ars, int acs, double[] b, int bi, int brs,
                           double[] c, int ci, int ldc, boolean add) {
        DoubleVector c00 = DoubleVector.zero(S);
        DoubleVector c01 = DoubleVector.zero(S);
        DoubleVector c02 = DoubleVector.zero(S);
        DoubleVector c10 = DoubleVector.zero(S);
        DoubleVector c11 = DoubleVector.zero(S);
        DoubleVector c12 = DoubleVector.zero(S);
        DoubleVector c20 = DoubleVector.zero(S);
        DoubleVector c21 = DoubleVector.zero(S);
        DoubleVector c22 = DoubleVector.zero(S);
        DoubleVector c30 = DoubleVector.zero(S);
        DoubleVector c31 = DoubleVector.zero(S);
        DoubleVector c32 = DoubleVector.zero(S);
        DoubleVector c40 = DoubleVector.zero(S);
        DoubleVector c41 = DoubleVector.zero(S);
        DoubleVector c42 = DoubleVector.zero(S);
        DoubleVector c50 = DoubleVector.zero(S);
        DoubleVector c51 = DoubleVector.zero(S);
        DoubleVector c52 = DoubleVector.zero(S);
        for (int p = 0; p < kc; p++) {
            int ap = ai + p * acs;
            int bp = bi + p * brs;
            DoubleVector b0 = DoubleVector.fromArray(S, b, bp);
            DoubleVector b1 = DoubleVector.fromArray(S, b, bp + L);
            DoubleVector b2 = DoubleVector.fromArray(S, b, bp + 2 * L);
            DoubleVector a0 = DoubleVector.broadcast(S, a[ap]);
            c00 = a0.fma(b0, c00);
            c01 = a0.fma(b1, c01);
            c02 = a0.fma(b2, c02);
            DoubleVector a1 = DoubleVector.broadcast(S, a[ap + ars]);
            c10 = a1.fma(b0, c10);
            c11 = a1.fma(b1, c11);
            c12 = a1.fma(b2, c12);
            DoubleVector a2 = DoubleVector.broadcast(S, a[ap + 2 * ars]);
            c20 = a2.fma(b0, c20);
            c21 = a2.fma(b1, c21);
            c22 = a2.fma(b2, c22);
            DoubleVector a3 = DoubleVector.broadcast(S, a[ap + 3 * ars]);
            c30 = a3.fma(b0, c30);
            c31 = a3.fma(b1, c31);
            c32 = a3.fma(b2, c32);
            DoubleVector a4 = DoubleVector.broadcast(S, a[ap + 4 * ars]);
            c40 = a4.fma(b0, c40);
            c41 = a4.fma(b1, c41);
            c42 = a4.fma(b2, c42);
            DoubleVector a5 = DoubleVector.broadcast(S, a[ap + 5 * ars]);
            c50 = a5.fma(b0, c50);
            c51 = a5.fma(b1, c51);
            c52 = a5.fma(b2, c52);
        }
        if (add) {
            c00.add(DoubleVector.fromArray(S, c, ci)).intoArray(c, ci);
            c01.add(DoubleVector.fromArray(S, c, ci + L)).intoArray(c, ci + L);
            c02.add(DoubleVector.fromArray(S, c, ci + 2 * L)).intoArray(c, ci + 2 * L);
            c10.add(DoubleVector.fromArray(S, c, ci + ldc)).intoArray(c, ci + ldc);
            c11.add(DoubleVector.fromArray(S, c, ci + ldc + L)).intoArray(c, ci + ldc + L);
            c12.add(DoubleVector.fromArray(S, c, ci + ldc + 2 * L)).intoArray(c, ci + ldc + 2 * L);
            c20.add(DoubleVector.fromArray(S, c, ci + 2 * ldc)).intoArray(c, ci + 2 * ldc);
            c21.add(DoubleVector.fromArray(S, c, ci + 2 * ldc + L)).intoArray(c, ci + 2 * ldc + L);
            c22.add(DoubleVector.fromArray(S, c, ci + 2 * ldc + 2 * L)).intoArray(c, ci + 2 * ldc + 2 * L);
            c30.add(DoubleVector.fromArray(S, c, ci + 3 * ldc)).intoArray(c, ci + 3 * ldc);
            c31.add(DoubleVector.fromArray(S, c, ci + 3 * ldc + L)).intoArray(c, ci + 3 * ldc + L);
            c32.add(DoubleVector.fromArray(S, c, ci + 3 * ldc + 2 * L)).intoArray(c, ci + 3 * ldc + 2 * L);
            c40.add(DoubleVector.fromArray(S, c, ci + 4 * ldc)).intoArray(c, ci + 4 * ldc);
            c41.add(DoubleVector.fromArray(S, c, ci + 4 * ldc + L)).intoArray(c, ci + 4 * ldc + L);
            c42.add(DoubleVector.fromArray(S, c, ci + 4 * ldc + 2 * L)).intoArray(c, ci + 4 * ldc + 2 * L);
            c50.add(DoubleVector.fromArray(S, c, ci + 5 * ldc)).intoArray(c, ci + 5 * ldc);
            c51.add(DoubleVector.fromArray(S, c, ci + 5 * ldc + L)).intoArray(c, ci + 5 * ldc + L);
            c52.add(DoubleVector.fromArray(S, c, ci + 5 * ldc + 2 * L)).intoArray(c, ci + 5 * ldc + 2 * L);
        } else {
            c00.intoArray(c, ci);
            c01.intoArray(c, ci + L);
            c02.intoArray(c, ci + 2 * L);
            c10.intoArray(c, ci + ldc);
            c11.intoArray(c, ci + ldc + L);
            c12.intoArray(c, ci + ldc + 2 * L);
            c20.intoArray(c, ci + 2 * ldc);
            c21.intoArray(c, ci + 2 * ldc + L);
            c22.intoArray(c, ci + 2 * ldc + 2 * L);
            c30.intoArray(c, ci + 3 * ldc);
            c31.intoArray(c, ci + 3 * ldc + L);
            c32.intoArray(c, ci + 3 * ldc + 2 * L);
            c40.intoArray(c, ci + 4 * ldc);
            c41.intoArray(c, ci + 4 * ldc + L);
            c42.intoArray(c, ci + 4 * ldc + 2 * L);
            c50.intoArray(c, ci + 5 * ldc);
            c51.intoArray(c, ci + 5 * ldc + L);
            c52.intoArray(c, ci + 5 * ldc + 2 * L);
        }
    }

    /** The 6 x 2 tile with B in place: its k steps brs apart. */
    static void kernel6x2r(int kc, double[] a, int ai, int ars, int acs, double[] b, int bi, int brs,
                           double[] c, int ci, int ldc, boolean add) {
        DoubleVector c00 = DoubleVector.zero(S);
        DoubleVector c01 = DoubleVector.zero(S);
        DoubleVector c10 = DoubleVector.zero(S);
        DoubleVector c11 = DoubleVector.zero(S);
        DoubleVector c20 = DoubleVector.zero(S);
        DoubleVector c21 = DoubleVector.zero(S);
        DoubleVector c30 = DoubleVector.zero(S);
        DoubleVector c31 = DoubleVector.zero(S);
        DoubleVector c40 = DoubleVector.zero(S);
        DoubleVector c41 = DoubleVector.zero(S);
        DoubleVector c50 = DoubleVector.zero(S);
        DoubleVector c51 = DoubleVector.zero(S);
        for (int p = 0; p < kc; p++) {
            int ap = ai + p * acs;
            int bp = bi + p * brs;
            DoubleVector b0 = DoubleVector.fromArray(S, b, bp);
            DoubleVector b1 = DoubleVector.fromArray(S, b, bp + L);
            DoubleVector a0 = DoubleVector.broadcast(S, a[ap]);
            c00 = a0.fma(b0, c00);
            c01 = a0.fma(b1, c01);
            DoubleVector a1 = DoubleVector.broadcast(S, a[ap + ars]);
            c10 = a1.fma(b0, c10);
            c11 = a1.fma(b1, c11);
            DoubleVector a2 = DoubleVector.broadcast(S, a[ap + 2 * ars]);
            c20 = a2.fma(b0, c20);
            c21 = a2.fma(b1, c21);
            DoubleVector a3 = DoubleVector.broadcast(S, a[ap + 3 * ars]);
            c30 = a3.fma(b0, c30);
            c31 = a3.fma(b1, c31);
            DoubleVector a4 = DoubleVector.broadcast(S, a[ap + 4 * ars]);
            c40 = a4.fma(b0, c40);
            c41 = a4.fma(b1, c41);
            DoubleVector a5 = DoubleVector.broadcast(S, a[ap + 5 * ars]);
            c50 = a5.fma(b0, c50);
            c51 = a5.fma(b1, c51);
        }
        if (add) {
            c00.add(DoubleVector.fromArray(S, c, ci)).intoArray(c, ci);
            c01.add(DoubleVector.fromArray(S, c, ci + L)).intoArray(c, ci + L);
            c10.add(DoubleVector.fromArray(S, c, ci + ldc)).intoArray(c, ci + ldc);
            c11.add(DoubleVector.fromArray(S, c, ci + ldc + L)).intoArray(c, ci + ldc + L);
            c20.add(DoubleVector.fromArray(S, c, ci + 2 * ldc)).intoArray(c, ci + 2 * ldc);
            c21.add(DoubleVector.fromArray(S, c, ci + 2 * ldc + L)).intoArray(c, ci + 2 * ldc + L);
            c30.add(DoubleVector.fromArray(S, c, ci + 3 * ldc)).intoArray(c, ci + 3 * ldc);
            c31.add(DoubleVector.fromArray(S, c, ci + 3 * ldc + L)).intoArray(c, ci + 3 * ldc + L);
            c40.add(DoubleVector.fromArray(S, c, ci + 4 * ldc)).intoArray(c, ci + 4 * ldc);
            c41.add(DoubleVector.fromArray(S, c, ci + 4 * ldc + L)).intoArray(c, ci + 4 * ldc + L);
            c50.add(DoubleVector.fromArray(S, c, ci + 5 * ldc)).intoArray(c, ci + 5 * ldc);
            c51.add(DoubleVector.fromArray(S, c, ci + 5 * ldc + L)).intoArray(c, ci + 5 * ldc + L);
        } else {
            c00.intoArray(c, ci);
            c01.intoArray(c, ci + L);
            c10.intoArray(c, ci + ldc);
            c11.intoArray(c, ci + ldc + L);
            c20.intoArray(c, ci + 2 * ldc);
            c21.intoArray(c, ci + 2 * ldc + L);
            c30.intoArray(c, ci + 3 * ldc);
            c31.intoArray(c, ci + 3 * ldc + L);
            c40.intoArray(c, ci + 4 * ldc);
            c41.intoArray(c, ci + 4 * ldc + L);
            c50.intoArray(c, ci + 5 * ldc);
            c51.intoArray(c, ci + 5 * ldc + L);
        }
    }

    /** The 6 x 1 tile with B in place: its k steps brs apart. */
    static void kernel6x1r(int kc, double[] a, int ai, int ars, int acs, double[] b, int bi, int brs,
                           double[] c, int ci, int ldc, boolean add) {
        DoubleVector c00 = DoubleVector.zero(S);
        DoubleVector c10 = DoubleVector.zero(S);
        DoubleVector c20 = DoubleVector.zero(S);
        DoubleVector c30 = DoubleVector.zero(S);
        DoubleVector c40 = DoubleVector.zero(S);
        DoubleVector c50 = DoubleVector.zero(S);
        for (int p = 0; p < kc; p++) {
            int ap = ai + p * acs;
            int bp = bi + p * brs;
            DoubleVector b0 = DoubleVector.fromArray(S, b, bp);
            DoubleVector a0 = DoubleVector.broadcast(S, a[ap]);
            c00 = a0.fma(b0, c00);
            DoubleVector a1 = DoubleVector.broadcast(S, a[ap + ars]);
            c10 = a1.fma(b0, c10);
            DoubleVector a2 = DoubleVector.broadcast(S, a[ap + 2 * ars]);
            c20 = a2.fma(b0, c20);
            DoubleVector a3 = DoubleVector.broadcast(S, a[ap + 3 * ars]);
            c30 = a3.fma(b0, c30);
            DoubleVector a4 = DoubleVector.broadcast(S, a[ap + 4 * ars]);
            c40 = a4.fma(b0, c40);
            DoubleVector a5 = DoubleVector.broadcast(S, a[ap + 5 * ars]);
            c50 = a5.fma(b0, c50);
        }
        if (add) {
            c00.add(DoubleVector.fromArray(S, c, ci)).intoArray(c, ci);
            c10.add(DoubleVector.fromArray(S, c, ci + ldc)).intoArray(c, ci + ldc);
            c20.add(DoubleVector.fromArray(S, c, ci + 2 * ldc)).intoArray(c, ci + 2 * ldc);
            c30.add(DoubleVector.fromArray(S, c, ci + 3 * ldc)).intoArray(c, ci + 3 * ldc);
            c40.add(DoubleVector.fromArray(S, c, ci + 4 * ldc)).intoArray(c, ci + 4 * ldc);
            c50.add(DoubleVector.fromArray(S, c, ci + 5 * ldc)).intoArray(c, ci + 5 * ldc);
        } else {
            c00.intoArray(c, ci);
            c10.intoArray(c, ci + ldc);
            c20.intoArray(c, ci + 2 * ldc);
            c30.intoArray(c, ci + 3 * ldc);
            c40.intoArray(c, ci + 4 * ldc);
            c50.intoArray(c, ci + 5 * ldc);
        }
    }

    /** The 4 x 2 tile with B in place: its k steps brs apart. */
    static void kernel4x2r(int kc, double[] a, int ai, int ars, int acs, double[] b, int bi, int brs,
                           double[] c, int ci, int ldc, boolean add) {
        DoubleVector c00 = DoubleVector.zero(S);
        DoubleVector c01 = DoubleVector.zero(S);
        DoubleVector c10 = DoubleVector.zero(S);
        DoubleVector c11 = DoubleVector.zero(S);
        DoubleVector c20 = DoubleVector.zero(S);
        DoubleVector c21 = DoubleVector.zero(S);
        DoubleVector c30 = DoubleVector.zero(S);
        DoubleVector c31 = DoubleVector.zero(S);
        for (int p = 0; p < kc; p++) {
            int ap = ai + p * acs;
            int bp = bi + p * brs;
            DoubleVector b0 = DoubleVector.fromArray(S, b, bp);
            DoubleVector b1 = DoubleVector.fromArray(S, b, bp + L);
            DoubleVector a0 = DoubleVector.broadcast(S, a[ap]);
            c00 = a0.fma(b0, c00);
            c01 = a0.fma(b1, c01);
            DoubleVector a1 = DoubleVector.broadcast(S, a[ap + ars]);
            c10 = a1.fma(b0, c10);
            c11 = a1.fma(b1, c11);
            DoubleVector a2 = DoubleVector.broadcast(S, a[ap + 2 * ars]);
            c20 = a2.fma(b0, c20);
            c21 = a2.fma(b1, c21);
            DoubleVector a3 = DoubleVector.broadcast(S, a[ap + 3 * ars]);
            c30 = a3.fma(b0, c30);
            c31 = a3.fma(b1, c31);
        }
        if (add) {
            c00.add(DoubleVector.fromArray(S, c, ci)).intoArray(c, ci);
            c01.add(DoubleVector.fromArray(S, c, ci + L)).intoArray(c, ci + L);
            c10.add(DoubleVector.fromArray(S, c, ci + ldc)).intoArray(c, ci + ldc);
            c11.add(DoubleVector.fromArray(S, c, ci + ldc + L)).intoArray(c, ci + ldc + L);
            c20.add(DoubleVector.fromArray(S, c, ci + 2 * ldc)).intoArray(c, ci + 2 * ldc);
            c21.add(DoubleVector.fromArray(S, c, ci + 2 * ldc + L)).intoArray(c, ci + 2 * ldc + L);
            c30.add(DoubleVector.fromArray(S, c, ci + 3 * ldc)).intoArray(c, ci + 3 * ldc);
            c31.add(DoubleVector.fromArray(S, c, ci + 3 * ldc + L)).intoArray(c, ci + 3 * ldc + L);
        } else {
            c00.intoArray(c, ci);
            c01.intoArray(c, ci + L);
            c10.intoArray(c, ci + ldc);
            c11.intoArray(c, ci + ldc + L);
            c20.intoArray(c, ci + 2 * ldc);
            c21.intoArray(c, ci + 2 * ldc + L);
            c30.intoArray(c, ci + 3 * ldc);
            c31.intoArray(c, ci + 3 * ldc + L);
        }
    }

    /** The 4 x 1 tile with B in place: its k steps brs apart. */
    static void kernel4x1r(int kc, double[] a, int ai, int ars, int acs, double[] b, int bi, int brs,
                           double[] c, int ci, int ldc, boolean add) {
        DoubleVector c00 = DoubleVector.zero(S);
        DoubleVector c10 = DoubleVector.zero(S);
        DoubleVector c20 = DoubleVector.zero(S);
        DoubleVector c30 = DoubleVector.zero(S);
        for (int p = 0; p < kc; p++) {
            int ap = ai + p * acs;
            int bp = bi + p * brs;
            DoubleVector b0 = DoubleVector.fromArray(S, b, bp);
            DoubleVector a0 = DoubleVector.broadcast(S, a[ap]);
            c00 = a0.fma(b0, c00);
            DoubleVector a1 = DoubleVector.broadcast(S, a[ap + ars]);
            c10 = a1.fma(b0, c10);
            DoubleVector a2 = DoubleVector.broadcast(S, a[ap + 2 * ars]);
            c20 = a2.fma(b0, c20);
            DoubleVector a3 = DoubleVector.broadcast(S, a[ap + 3 * ars]);
            c30 = a3.fma(b0, c30);
        }
        if (add) {
            c00.add(DoubleVector.fromArray(S, c, ci)).intoArray(c, ci);
            c10.add(DoubleVector.fromArray(S, c, ci + ldc)).intoArray(c, ci + ldc);
            c20.add(DoubleVector.fromArray(S, c, ci + 2 * ldc)).intoArray(c, ci + 2 * ldc);
            c30.add(DoubleVector.fromArray(S, c, ci + 3 * ldc)).intoArray(c, ci + 3 * ldc);
        } else {
            c00.intoArray(c, ci);
            c10.intoArray(c, ci + ldc);
            c20.intoArray(c, ci + 2 * ldc);
            c30.intoArray(c, ci + 3 * ldc);
        }
    }

    /** The 6 x 4 tile over six patch rows, the last 5 d further on (see {@code Patches64}). */
    static void kernel6x4p1(int kc, double[] a, int at, int d, int[] off, int fo, double[] b, int bi,
                           double[] c, int ci, int ldc, boolean add) {
        DoubleVector c00 = DoubleVector.zero(S);
        DoubleVector c01 = DoubleVector.zero(S);
        DoubleVector c02 = DoubleVector.zero(S);
        DoubleVector c03 = DoubleVector.zero(S);
        DoubleVector c10 = DoubleVector.zero(S);
        DoubleVector c11 = DoubleVector.zero(S);
        DoubleVector c12 = DoubleVector.zero(S);
        DoubleVector c13 = DoubleVector.zero(S);
        DoubleVector c20 = DoubleVector.zero(S);
        DoubleVector c21 = DoubleVector.zero(S);
        DoubleVector c22 = DoubleVector.zero(S);
        DoubleVector c23 = DoubleVector.zero(S);
        DoubleVector c30 = DoubleVector.zero(S);
        DoubleVector c31 = DoubleVector.zero(S);
        DoubleVector c32 = DoubleVector.zero(S);
        DoubleVector c33 = DoubleVector.zero(S);
        DoubleVector c40 = DoubleVector.zero(S);
        DoubleVector c41 = DoubleVector.zero(S);
        DoubleVector c42 = DoubleVector.zero(S);
        DoubleVector c43 = DoubleVector.zero(S);
        DoubleVector c50 = DoubleVector.zero(S);
        DoubleVector c51 = DoubleVector.zero(S);
        DoubleVector c52 = DoubleVector.zero(S);
        DoubleVector c53 = DoubleVector.zero(S);
        for (int p = 0; p < kc; p++) {
            int k = at + off[fo + p];
            int n = k + d;  // the next output row
            int bp = bi + p * (4 * L);
            DoubleVector b0 = DoubleVector.fromArray(S, b, bp);
            DoubleVector b1 = DoubleVector.fromArray(S, b, bp + L);
            DoubleVector b2 = DoubleVector.fromArray(S, b, bp + 2 * L);
            DoubleVector b3 = DoubleVector.fromArray(S, b, bp + 3 * L);
            DoubleVector a0 = DoubleVector.broadcast(S, a[k]);
            c00 = a0.fma(b0, c00);
            c01 = a0.fma(b1, c01);
            c02 = a0.fma(b2, c02);
            c03 = a0.fma(b3, c03);
            DoubleVector a1 = DoubleVector.broadcast(S, a[n + 1]);
            c10 = a1.fma(b0, c10);
            c11 = a1.fma(b1, c11);
            c12 = a1.fma(b2, c12);
            c13 = a1.fma(b3, c13);
            DoubleVector a2 = DoubleVector.broadcast(S, a[n + 2]);
            c20 = a2.fma(b0, c20);
            c21 = a2.fma(b1, c21);
            c22 = a2.fma(b2, c22);
            c23 = a2.fma(b3, c23);
            DoubleVector a3 = DoubleVector.broadcast(S, a[n + 3]);
            c30 = a3.fma(b0, c30);
            c31 = a3.fma(b1, c31);
            c32 = a3.fma(b2, c32);
            c33 = a3.fma(b3, c33);
            DoubleVector a4 = DoubleVector.broadcast(S, a[n + 4]);
            c40 = a4.fma(b0, c40);
            c41 = a4.fma(b1, c41);
            c42 = a4.fma(b2, c42);
            c43 = a4.fma(b3, c43);
            DoubleVector a5 = DoubleVector.broadcast(S, a[n + 5]);
            c50 = a5.fma(b0, c50);
            c51 = a5.fma(b1, c51);
            c52 = a5.fma(b2, c52);
            c53 = a5.fma(b3, c53);
        }
        if (add) {
            c00.add(DoubleVector.fromArray(S, c, ci)).intoArray(c, ci);
            c01.add(DoubleVector.fromArray(S, c, ci + L)).intoArray(c, ci + L);
            c02.add(DoubleVector.fromArray(S, c, ci + 2 * L)).intoArray(c, ci + 2 * L);
            c03.add(DoubleVector.fromArray(S, c, ci + 3 * L)).intoArray(c, ci + 3 * L);
            c10.add(DoubleVector.fromArray(S, c, ci + ldc)).intoArray(c, ci + ldc);
            c11.add(DoubleVector.fromArray(S, c, ci + ldc + L)).intoArray(c, ci + ldc + L);
            c12.add(DoubleVector.fromArray(S, c, ci + ldc + 2 * L)).intoArray(c, ci + ldc + 2 * L);
            c13.add(DoubleVector.fromArray(S, c, ci + ldc + 3 * L)).intoArray(c, ci + ldc + 3 * L);
            c20.add(DoubleVector.fromArray(S, c, ci + 2 * ldc)).intoArray(c, ci + 2 * ldc);
            c21.add(DoubleVector.fromArray(S, c, ci + 2 * ldc + L)).intoArray(c, ci + 2 * ldc + L);
            c22.add(DoubleVector.fromArray(S, c, ci + 2 * ldc + 2 * L)).intoArray(c, ci + 2 * ldc + 2 * L);
            c23.add(DoubleVector.fromArray(S, c, ci + 2 * ldc + 3 * L)).intoArray(c, ci + 2 * ldc + 3 * L);
            c30.add(DoubleVector.fromArray(S, c, ci + 3 * ldc)).intoArray(c, ci + 3 * ldc);
            c31.add(DoubleVector.fromArray(S, c, ci + 3 * ldc + L)).intoArray(c, ci + 3 * ldc + L);
            c32.add(DoubleVector.fromArray(S, c, ci + 3 * ldc + 2 * L)).intoArray(c, ci + 3 * ldc + 2 * L);
            c33.add(DoubleVector.fromArray(S, c, ci + 3 * ldc + 3 * L)).intoArray(c, ci + 3 * ldc + 3 * L);
            c40.add(DoubleVector.fromArray(S, c, ci + 4 * ldc)).intoArray(c, ci + 4 * ldc);
            c41.add(DoubleVector.fromArray(S, c, ci + 4 * ldc + L)).intoArray(c, ci + 4 * ldc + L);
            c42.add(DoubleVector.fromArray(S, c, ci + 4 * ldc + 2 * L)).intoArray(c, ci + 4 * ldc + 2 * L);
            c43.add(DoubleVector.fromArray(S, c, ci + 4 * ldc + 3 * L)).intoArray(c, ci + 4 * ldc + 3 * L);
            c50.add(DoubleVector.fromArray(S, c, ci + 5 * ldc)).intoArray(c, ci + 5 * ldc);
            c51.add(DoubleVector.fromArray(S, c, ci + 5 * ldc + L)).intoArray(c, ci + 5 * ldc + L);
            c52.add(DoubleVector.fromArray(S, c, ci + 5 * ldc + 2 * L)).intoArray(c, ci + 5 * ldc + 2 * L);
            c53.add(DoubleVector.fromArray(S, c, ci + 5 * ldc + 3 * L)).intoArray(c, ci + 5 * ldc + 3 * L);
        } else {
            c00.intoArray(c, ci);
            c01.intoArray(c, ci + L);
            c02.intoArray(c, ci + 2 * L);
            c03.intoArray(c, ci + 3 * L);
            c10.intoArray(c, ci + ldc);
            c11.intoArray(c, ci + ldc + L);
            c12.intoArray(c, ci + ldc + 2 * L);
            c13.intoArray(c, ci + ldc + 3 * L);
            c20.intoArray(c, ci + 2 * ldc);
            c21.intoArray(c, ci + 2 * ldc + L);
            c22.intoArray(c, ci + 2 * ldc + 2 * L);
            c23.intoArray(c, ci + 2 * ldc + 3 * L);
            c30.intoArray(c, ci + 3 * ldc);
            c31.intoArray(c, ci + 3 * ldc + L);
            c32.intoArray(c, ci + 3 * ldc + 2 * L);
            c33.intoArray(c, ci + 3 * ldc + 3 * L);
            c40.intoArray(c, ci + 4 * ldc);
            c41.intoArray(c, ci + 4 * ldc + L);
            c42.intoArray(c, ci + 4 * ldc + 2 * L);
            c43.intoArray(c, ci + 4 * ldc + 3 * L);
            c50.intoArray(c, ci + 5 * ldc);
            c51.intoArray(c, ci + 5 * ldc + L);
            c52.intoArray(c, ci + 5 * ldc + 2 * L);
            c53.intoArray(c, ci + 5 * ldc + 3 * L);
        }
    }

    /** The 6 x 4 tile over six patch rows, the last 4 d further on (see {@code Patches64}). */
    static void kernel6x4p2(int kc, double[] a, int at, int d, int[] off, int fo, double[] b, int bi,
                           double[] c, int ci, int ldc, boolean add) {
        DoubleVector c00 = DoubleVector.zero(S);
        DoubleVector c01 = DoubleVector.zero(S);
        DoubleVector c02 = DoubleVector.zero(S);
        DoubleVector c03 = DoubleVector.zero(S);
        DoubleVector c10 = DoubleVector.zero(S);
        DoubleVector c11 = DoubleVector.zero(S);
        DoubleVector c12 = DoubleVector.zero(S);
        DoubleVector c13 = DoubleVector.zero(S);
        DoubleVector c20 = DoubleVector.zero(S);
        DoubleVector c21 = DoubleVector.zero(S);
        DoubleVector c22 = DoubleVector.zero(S);
        DoubleVector c23 = DoubleVector.zero(S);
        DoubleVector c30 = DoubleVector.zero(S);
        DoubleVector c31 = DoubleVector.zero(S);
        DoubleVector c32 = DoubleVector.zero(S);
        DoubleVector c33 = DoubleVector.zero(S);
        DoubleVector c40 = DoubleVector.zero(S);
        DoubleVector c41 = DoubleVector.zero(S);
        DoubleVector c42 = DoubleVector.zero(S);
        DoubleVector c43 = DoubleVector.zero(S);
        DoubleVector c50 = DoubleVector.zero(S);
        DoubleVector c51 = DoubleVector.zero(S);
        DoubleVector c52 = DoubleVector.zero(S);
        DoubleVector c53 = DoubleVector.zero(S);
        for (int p = 0; p < kc; p++) {
            int k = at + off[fo + p];
            int n = k + d;  // the next output row
            int bp = bi + p * (4 * L);
            DoubleVector b0 = DoubleVector.fromArray(S, b, bp);
            DoubleVector b1 = DoubleVector.fromArray(S, b, bp + L);
            DoubleVector b2 = DoubleVector.fromArray(S, b, bp + 2 * L);
            DoubleVector b3 = DoubleVector.fromArray(S, b, bp + 3 * L);
            DoubleVector a0 = DoubleVector.broadcast(S, a[k]);
            c00 = a0.fma(b0, c00);
            c01 = a0.fma(b1, c01);
            c02 = a0.fma(b2, c02);
            c03 = a0.fma(b3, c03);
            DoubleVector a1 = DoubleVector.broadcast(S, a[k + 1]);
            c10 = a1.fma(b0, c10);
            c11 = a1.fma(b1, c11);
            c12 = a1.fma(b2, c12);
            c13 = a1.fma(b3, c13);
            DoubleVector a2 = DoubleVector.broadcast(S, a[n + 2]);
            c20 = a2.fma(b0, c20);
            c21 = a2.fma(b1, c21);
            c22 = a2.fma(b2, c22);
            c23 = a2.fma(b3, c23);
            DoubleVector a3 = DoubleVector.broadcast(S, a[n + 3]);
            c30 = a3.fma(b0, c30);
            c31 = a3.fma(b1, c31);
            c32 = a3.fma(b2, c32);
            c33 = a3.fma(b3, c33);
            DoubleVector a4 = DoubleVector.broadcast(S, a[n + 4]);
            c40 = a4.fma(b0, c40);
            c41 = a4.fma(b1, c41);
            c42 = a4.fma(b2, c42);
            c43 = a4.fma(b3, c43);
            DoubleVector a5 = DoubleVector.broadcast(S, a[n + 5]);
            c50 = a5.fma(b0, c50);
            c51 = a5.fma(b1, c51);
            c52 = a5.fma(b2, c52);
            c53 = a5.fma(b3, c53);
        }
        if (add) {
            c00.add(DoubleVector.fromArray(S, c, ci)).intoArray(c, ci);
            c01.add(DoubleVector.fromArray(S, c, ci + L)).intoArray(c, ci + L);
            c02.add(DoubleVector.fromArray(S, c, ci + 2 * L)).intoArray(c, ci + 2 * L);
            c03.add(DoubleVector.fromArray(S, c, ci + 3 * L)).intoArray(c, ci + 3 * L);
            c10.add(DoubleVector.fromArray(S, c, ci + ldc)).intoArray(c, ci + ldc);
            c11.add(DoubleVector.fromArray(S, c, ci + ldc + L)).intoArray(c, ci + ldc + L);
            c12.add(DoubleVector.fromArray(S, c, ci + ldc + 2 * L)).intoArray(c, ci + ldc + 2 * L);
            c13.add(DoubleVector.fromArray(S, c, ci + ldc + 3 * L)).intoArray(c, ci + ldc + 3 * L);
            c20.add(DoubleVector.fromArray(S, c, ci + 2 * ldc)).intoArray(c, ci + 2 * ldc);
            c21.add(DoubleVector.fromArray(S, c, ci + 2 * ldc + L)).intoArray(c, ci + 2 * ldc + L);
            c22.add(DoubleVector.fromArray(S, c, ci + 2 * ldc + 2 * L)).intoArray(c, ci + 2 * ldc + 2 * L);
            c23.add(DoubleVector.fromArray(S, c, ci + 2 * ldc + 3 * L)).intoArray(c, ci + 2 * ldc + 3 * L);
            c30.add(DoubleVector.fromArray(S, c, ci + 3 * ldc)).intoArray(c, ci + 3 * ldc);
            c31.add(DoubleVector.fromArray(S, c, ci + 3 * ldc + L)).intoArray(c, ci + 3 * ldc + L);
            c32.add(DoubleVector.fromArray(S, c, ci + 3 * ldc + 2 * L)).intoArray(c, ci + 3 * ldc + 2 * L);
            c33.add(DoubleVector.fromArray(S, c, ci + 3 * ldc + 3 * L)).intoArray(c, ci + 3 * ldc + 3 * L);
            c40.add(DoubleVector.fromArray(S, c, ci + 4 * ldc)).intoArray(c, ci + 4 * ldc);
            c41.add(DoubleVector.fromArray(S, c, ci + 4 * ldc + L)).intoArray(c, ci + 4 * ldc + L);
            c42.add(DoubleVector.fromArray(S, c, ci + 4 * ldc + 2 * L)).intoArray(c, ci + 4 * ldc + 2 * L);
            c43.add(DoubleVector.fromArray(S, c, ci + 4 * ldc + 3 * L)).intoArray(c, ci + 4 * ldc + 3 * L);
            c50.add(DoubleVector.fromArray(S, c, ci + 5 * ldc)).intoArray(c, ci + 5 * ldc);
            c51.add(DoubleVector.fromArray(S, c, ci + 5 * ldc + L)).intoArray(c, ci + 5 * ldc + L);
            c52.add(DoubleVector.fromArray(S, c, ci + 5 * ldc + 2 * L)).intoArray(c, ci + 5 * ldc + 2 * L);
            c53.add(DoubleVector.fromArray(S, c, ci + 5 * ldc + 3 * L)).intoArray(c, ci + 5 * ldc + 3 * L);
        } else {
            c00.intoArray(c, ci);
            c01.intoArray(c, ci + L);
            c02.intoArray(c, ci + 2 * L);
            c03.intoArray(c, ci + 3 * L);
            c10.intoArray(c, ci + ldc);
            c11.intoArray(c, ci + ldc + L);
            c12.intoArray(c, ci + ldc + 2 * L);
            c13.intoArray(c, ci + ldc + 3 * L);
            c20.intoArray(c, ci + 2 * ldc);
            c21.intoArray(c, ci + 2 * ldc + L);
            c22.intoArray(c, ci + 2 * ldc + 2 * L);
            c23.intoArray(c, ci + 2 * ldc + 3 * L);
            c30.intoArray(c, ci + 3 * ldc);
            c31.intoArray(c, ci + 3 * ldc + L);
            c32.intoArray(c, ci + 3 * ldc + 2 * L);
            c33.intoArray(c, ci + 3 * ldc + 3 * L);
            c40.intoArray(c, ci + 4 * ldc);
            c41.intoArray(c, ci + 4 * ldc + L);
            c42.intoArray(c, ci + 4 * ldc + 2 * L);
            c43.intoArray(c, ci + 4 * ldc + 3 * L);
            c50.intoArray(c, ci + 5 * ldc);
            c51.intoArray(c, ci + 5 * ldc + L);
            c52.intoArray(c, ci + 5 * ldc + 2 * L);
            c53.intoArray(c, ci + 5 * ldc + 3 * L);
        }
    }

    /** The 6 x 4 tile over six patch rows, the last 3 d further on (see {@code Patches64}). */
    static void kernel6x4p3(int kc, double[] a, int at, int d, int[] off, int fo, double[] b, int bi,
                           double[] c, int ci, int ldc, boolean add) {
        DoubleVector c00 = DoubleVector.zero(S);
        DoubleVector c01 = DoubleVector.zero(S);
        DoubleVector c02 = DoubleVector.zero(S);
        DoubleVector c03 = DoubleVector.zero(S);
        DoubleVector c10 = DoubleVector.zero(S);
        DoubleVector c11 = DoubleVector.zero(S);
        DoubleVector c12 = DoubleVector.zero(S);
        DoubleVector c13 = DoubleVector.zero(S);
        DoubleVector c20 = DoubleVector.zero(S);
        DoubleVector c21 = DoubleVector.zero(S);
        DoubleVector c22 = DoubleVector.zero(S);
        DoubleVector c23 = DoubleVector.zero(S);
        DoubleVector c30 = DoubleVector.zero(S);
        DoubleVector c31 = DoubleVector.zero(S);
        DoubleVector c32 = DoubleVector.zero(S);
        DoubleVector c33 = DoubleVector.zero(S);
        DoubleVector c40 = DoubleVector.zero(S);
        DoubleVector c41 = DoubleVector.zero(S);
        DoubleVector c42 = DoubleVector.zero(S);
        DoubleVector c43 = DoubleVector.zero(S);
        DoubleVector c50 = DoubleVector.zero(S);
        DoubleVector c51 = DoubleVector.zero(S);
        DoubleVector c52 = DoubleVector.zero(S);
        DoubleVector c53 = DoubleVector.zero(S);
        for (int p = 0; p < kc; p++) {
            int k = at + off[fo + p];
            int n = k + d;  // the next output row
            int bp = bi + p * (4 * L);
            DoubleVector b0 = DoubleVector.fromArray(S, b, bp);
            DoubleVector b1 = DoubleVector.fromArray(S, b, bp + L);
            DoubleVector b2 = DoubleVector.fromArray(S, b, bp + 2 * L);
            DoubleVector b3 = DoubleVector.fromArray(S, b, bp + 3 * L);
            DoubleVector a0 = DoubleVector.broadcast(S, a[k]);
            c00 = a0.fma(b0, c00);
            c01 = a0.fma(b1, c01);
            c02 = a0.fma(b2, c02);
            c03 = a0.fma(b3, c03);
            DoubleVector a1 = DoubleVector.broadcast(S, a[k + 1]);
            c10 = a1.fma(b0, c10);
            c11 = a1.fma(b1, c11);
            c12 = a1.fma(b2, c12);
            c13 = a1.fma(b3, c13);
            DoubleVector a2 = DoubleVector.broadcast(S, a[k + 2]);
            c20 = a2.fma(b0, c20);
            c21 = a2.fma(b1, c21);
            c22 = a2.fma(b2, c22);
            c23 = a2.fma(b3, c23);
            DoubleVector a3 = DoubleVector.broadcast(S, a[n + 3]);
            c30 = a3.fma(b0, c30);
            c31 = a3.fma(b1, c31);
            c32 = a3.fma(b2, c32);
            c33 = a3.fma(b3, c33);
            DoubleVector a4 = DoubleVector.broadcast(S, a[n + 4]);
            c40 = a4.fma(b0, c40);
            c41 = a4.fma(b1, c41);
            c42 = a4.fma(b2, c42);
            c43 = a4.fma(b3, c43);
            DoubleVector a5 = DoubleVector.broadcast(S, a[n + 5]);
            c50 = a5.fma(b0, c50);
            c51 = a5.fma(b1, c51);
            c52 = a5.fma(b2, c52);
            c53 = a5.fma(b3, c53);
        }
        if (add) {
            c00.add(DoubleVector.fromArray(S, c, ci)).intoArray(c, ci);
            c01.add(DoubleVector.fromArray(S, c, ci + L)).intoArray(c, ci + L);
            c02.add(DoubleVector.fromArray(S, c, ci + 2 * L)).intoArray(c, ci + 2 * L);
            c03.add(DoubleVector.fromArray(S, c, ci + 3 * L)).intoArray(c, ci + 3 * L);
            c10.add(DoubleVector.fromArray(S, c, ci + ldc)).intoArray(c, ci + ldc);
            c11.add(DoubleVector.fromArray(S, c, ci + ldc + L)).intoArray(c, ci + ldc + L);
            c12.add(DoubleVector.fromArray(S, c, ci + ldc + 2 * L)).intoArray(c, ci + ldc + 2 * L);
            c13.add(DoubleVector.fromArray(S, c, ci + ldc + 3 * L)).intoArray(c, ci + ldc + 3 * L);
            c20.add(DoubleVector.fromArray(S, c, ci + 2 * ldc)).intoArray(c, ci + 2 * ldc);
            c21.add(DoubleVector.fromArray(S, c, ci + 2 * ldc + L)).intoArray(c, ci + 2 * ldc + L);
            c22.add(DoubleVector.fromArray(S, c, ci + 2 * ldc + 2 * L)).intoArray(c, ci + 2 * ldc + 2 * L);
            c23.add(DoubleVector.fromArray(S, c, ci + 2 * ldc + 3 * L)).intoArray(c, ci + 2 * ldc + 3 * L);
            c30.add(DoubleVector.fromArray(S, c, ci + 3 * ldc)).intoArray(c, ci + 3 * ldc);
            c31.add(DoubleVector.fromArray(S, c, ci + 3 * ldc + L)).intoArray(c, ci + 3 * ldc + L);
            c32.add(DoubleVector.fromArray(S, c, ci + 3 * ldc + 2 * L)).intoArray(c, ci + 3 * ldc + 2 * L);
            c33.add(DoubleVector.fromArray(S, c, ci + 3 * ldc + 3 * L)).intoArray(c, ci + 3 * ldc + 3 * L);
            c40.add(DoubleVector.fromArray(S, c, ci + 4 * ldc)).intoArray(c, ci + 4 * ldc);
            c41.add(DoubleVector.fromArray(S, c, ci + 4 * ldc + L)).intoArray(c, ci + 4 * ldc + L);
            c42.add(DoubleVector.fromArray(S, c, ci + 4 * ldc + 2 * L)).intoArray(c, ci + 4 * ldc + 2 * L);
            c43.add(DoubleVector.fromArray(S, c, ci + 4 * ldc + 3 * L)).intoArray(c, ci + 4 * ldc + 3 * L);
            c50.add(DoubleVector.fromArray(S, c, ci + 5 * ldc)).intoArray(c, ci + 5 * ldc);
            c51.add(DoubleVector.fromArray(S, c, ci + 5 * ldc + L)).intoArray(c, ci + 5 * ldc + L);
            c52.add(DoubleVector.fromArray(S, c, ci + 5 * ldc + 2 * L)).intoArray(c, ci + 5 * ldc + 2 * L);
            c53.add(DoubleVector.fromArray(S, c, ci + 5 * ldc + 3 * L)).intoArray(c, ci + 5 * ldc + 3 * L);
        } else {
            c00.intoArray(c, ci);
            c01.intoArray(c, ci + L);
            c02.intoArray(c, ci + 2 * L);
            c03.intoArray(c, ci + 3 * L);
            c10.intoArray(c, ci + ldc);
            c11.intoArray(c, ci + ldc + L);
            c12.intoArray(c, ci + ldc + 2 * L);
            c13.intoArray(c, ci + ldc + 3 * L);
            c20.intoArray(c, ci + 2 * ldc);
            c21.intoArray(c, ci + 2 * ldc + L);
            c22.intoArray(c, ci + 2 * ldc + 2 * L);
            c23.intoArray(c, ci + 2 * ldc + 3 * L);
            c30.intoArray(c, ci + 3 * ldc);
            c31.intoArray(c, ci + 3 * ldc + L);
            c32.intoArray(c, ci + 3 * ldc + 2 * L);
            c33.intoArray(c, ci + 3 * ldc + 3 * L);
            c40.intoArray(c, ci + 4 * ldc);
            c41.intoArray(c, ci + 4 * ldc + L);
            c42.intoArray(c, ci + 4 * ldc + 2 * L);
            c43.intoArray(c, ci + 4 * ldc + 3 * L);
            c50.intoArray(c, ci + 5 * ldc);
            c51.intoArray(c, ci + 5 * ldc + L);
            c52.intoArray(c, ci + 5 * ldc + 2 * L);
            c53.intoArray(c, ci + 5 * ldc + 3 * L);
        }
    }

    /** The 6 x 4 tile over six patch rows, the last 2 d further on (see {@code Patches64}). */
    static void kernel6x4p4(int kc, double[] a, int at, int d, int[] off, int fo, double[] b, int bi,
                           double[] c, int ci, int ldc, boolean add) {
        DoubleVector c00 = DoubleVector.zero(S);
        DoubleVector c01 = DoubleVector.zero(S);
        DoubleVector c02 = DoubleVector.zero(S);
        DoubleVector c03 = DoubleVector.zero(S);
        DoubleVector c10 = DoubleVector.zero(S);
        DoubleVector c11 = DoubleVector.zero(S);
        DoubleVector c12 = DoubleVector.zero(S);
        DoubleVector c13 = DoubleVector.zero(S);
        DoubleVector c20 = DoubleVector.zero(S);
        DoubleVector c21 = DoubleVector.zero(S);
        DoubleVector c22 = DoubleVector.zero(S);
        DoubleVector c23 = DoubleVector.zero(S);
        DoubleVector c30 = DoubleVector.zero(S);
        DoubleVector c31 = DoubleVector.zero(S);
        DoubleVector c32 = DoubleVector.zero(S);
        DoubleVector c33 = DoubleVector.zero(S);
        DoubleVector c40 = DoubleVector.zero(S);
        DoubleVector c41 = DoubleVector.zero(S);
        DoubleVector c42 = DoubleVector.zero(S);
        DoubleVector c43 = DoubleVector.zero(S);
        DoubleVector c50 = DoubleVector.zero(S);
        DoubleVector c51 = DoubleVector.zero(S);
        DoubleVector c52 = DoubleVector.zero(S);
        DoubleVector c53 = DoubleVector.zero(S);
        for (int p = 0; p < kc; p++) {
            int k = at + off[fo + p];
            int n = k + d;  // the next output row
            int bp = bi + p * (4 * L);
            DoubleVector b0 = DoubleVector.fromArray(S, b, bp);
            DoubleVector b1 = DoubleVector.fromArray(S, b, bp + L);
            DoubleVector b2 = DoubleVector.fromArray(S, b, bp + 2 * L);
            DoubleVector b3 = DoubleVector.fromArray(S, b, bp + 3 * L);
            DoubleVector a0 = DoubleVector.broadcast(S, a[k]);
            c00 = a0.fma(b0, c00);
            c01 = a0.fma(b1, c01);
            c02 = a0.fma(b2, c02);
            c03 = a0.fma(b3, c03);
            DoubleVector a1 = DoubleVector.broadcast(S, a[k + 1]);
            c10 = a1.fma(b0, c10);
            c11 = a1.fma(b1, c11);
            c12 = a1.fma(b2, c12);
            c13 = a1.fma(b3, c13);
            DoubleVector a2 = DoubleVector.broadcast(S, a[k + 2]);
            c20 = a2.fma(b0, c20);
            c21 = a2.fma(b1, c21);
            c22 = a2.fma(b2, c22);
            c23 = a2.fma(b3, c23);
            DoubleVector a3 = DoubleVector.broadcast(S, a[k + 3]);
            c30 = a3.fma(b0, c30);
            c31 = a3.fma(b1, c31);
            c32 = a3.fma(b2, c32);
            c33 = a3.fma(b3, c33);
            DoubleVector a4 = DoubleVector.broadcast(S, a[n + 4]);
            c40 = a4.fma(b0, c40);
            c41 = a4.fma(b1, c41);
            c42 = a4.fma(b2, c42);
            c43 = a4.fma(b3, c43);
            DoubleVector a5 = DoubleVector.broadcast(S, a[n + 5]);
            c50 = a5.fma(b0, c50);
            c51 = a5.fma(b1, c51);
            c52 = a5.fma(b2, c52);
            c53 = a5.fma(b3, c53);
        }
        if (add) {
            c00.add(DoubleVector.fromArray(S, c, ci)).intoArray(c, ci);
            c01.add(DoubleVector.fromArray(S, c, ci + L)).intoArray(c, ci + L);
            c02.add(DoubleVector.fromArray(S, c, ci + 2 * L)).intoArray(c, ci + 2 * L);
            c03.add(DoubleVector.fromArray(S, c, ci + 3 * L)).intoArray(c, ci + 3 * L);
            c10.add(DoubleVector.fromArray(S, c, ci + ldc)).intoArray(c, ci + ldc);
            c11.add(DoubleVector.fromArray(S, c, ci + ldc + L)).intoArray(c, ci + ldc + L);
            c12.add(DoubleVector.fromArray(S, c, ci + ldc + 2 * L)).intoArray(c, ci + ldc + 2 * L);
            c13.add(DoubleVector.fromArray(S, c, ci + ldc + 3 * L)).intoArray(c, ci + ldc + 3 * L);
            c20.add(DoubleVector.fromArray(S, c, ci + 2 * ldc)).intoArray(c, ci + 2 * ldc);
            c21.add(DoubleVector.fromArray(S, c, ci + 2 * ldc + L)).intoArray(c, ci + 2 * ldc + L);
            c22.add(DoubleVector.fromArray(S, c, ci + 2 * ldc + 2 * L)).intoArray(c, ci + 2 * ldc + 2 * L);
            c23.add(DoubleVector.fromArray(S, c, ci + 2 * ldc + 3 * L)).intoArray(c, ci + 2 * ldc + 3 * L);
            c30.add(DoubleVector.fromArray(S, c, ci + 3 * ldc)).intoArray(c, ci + 3 * ldc);
            c31.add(DoubleVector.fromArray(S, c, ci + 3 * ldc + L)).intoArray(c, ci + 3 * ldc + L);
            c32.add(DoubleVector.fromArray(S, c, ci + 3 * ldc + 2 * L)).intoArray(c, ci + 3 * ldc + 2 * L);
            c33.add(DoubleVector.fromArray(S, c, ci + 3 * ldc + 3 * L)).intoArray(c, ci + 3 * ldc + 3 * L);
            c40.add(DoubleVector.fromArray(S, c, ci + 4 * ldc)).intoArray(c, ci + 4 * ldc);
            c41.add(DoubleVector.fromArray(S, c, ci + 4 * ldc + L)).intoArray(c, ci + 4 * ldc + L);
            c42.add(DoubleVector.fromArray(S, c, ci + 4 * ldc + 2 * L)).intoArray(c, ci + 4 * ldc + 2 * L);
            c43.add(DoubleVector.fromArray(S, c, ci + 4 * ldc + 3 * L)).intoArray(c, ci + 4 * ldc + 3 * L);
            c50.add(DoubleVector.fromArray(S, c, ci + 5 * ldc)).intoArray(c, ci + 5 * ldc);
            c51.add(DoubleVector.fromArray(S, c, ci + 5 * ldc + L)).intoArray(c, ci + 5 * ldc + L);
            c52.add(DoubleVector.fromArray(S, c, ci + 5 * ldc + 2 * L)).intoArray(c, ci + 5 * ldc + 2 * L);
            c53.add(DoubleVector.fromArray(S, c, ci + 5 * ldc + 3 * L)).intoArray(c, ci + 5 * ldc + 3 * L);
        } else {
            c00.intoArray(c, ci);
            c01.intoArray(c, ci + L);
            c02.intoArray(c, ci + 2 * L);
            c03.intoArray(c, ci + 3 * L);
            c10.intoArray(c, ci + ldc);
            c11.intoArray(c, ci + ldc + L);
            c12.intoArray(c, ci + ldc + 2 * L);
            c13.intoArray(c, ci + ldc + 3 * L);
            c20.intoArray(c, ci + 2 * ldc);
            c21.intoArray(c, ci + 2 * ldc + L);
            c22.intoArray(c, ci + 2 * ldc + 2 * L);
            c23.intoArray(c, ci + 2 * ldc + 3 * L);
            c30.intoArray(c, ci + 3 * ldc);
            c31.intoArray(c, ci + 3 * ldc + L);
            c32.intoArray(c, ci + 3 * ldc + 2 * L);
            c33.intoArray(c, ci + 3 * ldc + 3 * L);
            c40.intoArray(c, ci + 4 * ldc);
            c41.intoArray(c, ci + 4 * ldc + L);
            c42.intoArray(c, ci + 4 * ldc + 2 * L);
            c43.intoArray(c, ci + 4 * ldc + 3 * L);
            c50.intoArray(c, ci + 5 * ldc);
            c51.intoArray(c, ci + 5 * ldc + L);
            c52.intoArray(c, ci + 5 * ldc + 2 * L);
            c53.intoArray(c, ci + 5 * ldc + 3 * L);
        }
    }

    /** The 6 x 4 tile over six patch rows, the last 1 d further on (see {@code Patches64}). */
    static void kernel6x4p5(int kc, double[] a, int at, int d, int[] off, int fo, double[] b, int bi,
                           double[] c, int ci, int ldc, boolean add) {
        DoubleVector c00 = DoubleVector.zero(S);
        DoubleVector c01 = DoubleVector.zero(S);
        DoubleVector c02 = DoubleVector.zero(S);
        DoubleVector c03 = DoubleVector.zero(S);
        DoubleVector c10 = DoubleVector.zero(S);
        DoubleVector c11 = DoubleVector.zero(S);
        DoubleVector c12 = DoubleVector.zero(S);
        DoubleVector c13 = DoubleVector.zero(S);
        DoubleVector c20 = DoubleVector.zero(S);
        DoubleVector c21 = DoubleVector.zero(S);
        DoubleVector c22 = DoubleVector.zero(S);
        DoubleVector c23 = DoubleVector.zero(S);
        DoubleVector c30 = DoubleVector.zero(S);
        DoubleVector c31 = DoubleVector.zero(S);
        DoubleVector c32 = DoubleVector.zero(S);
        DoubleVector c33 = DoubleVector.zero(S);
        DoubleVector c40 = DoubleVector.zero(S);
        DoubleVector c41 = DoubleVector.zero(S);
        DoubleVector c42 = DoubleVector.zero(S);
        DoubleVector c43 = DoubleVector.zero(S);
        DoubleVector c50 = DoubleVector.zero(S);
        DoubleVector c51 = DoubleVector.zero(S);
        DoubleVector c52 = DoubleVector.zero(S);
        DoubleVector c53 = DoubleVector.zero(S);
        for (int p = 0; p < kc; p++) {
            int k = at + off[fo + p];
            int n = k + d;  // the next output row
            int bp = bi + p * (4 * L);
            DoubleVector b0 = DoubleVector.fromArray(S, b, bp);
            DoubleVector b1 = DoubleVector.fromArray(S, b, bp + L);
            DoubleVector b2 = DoubleVector.fromArray(S, b, bp + 2 * L);
            DoubleVector b3 = DoubleVector.fromArray(S, b, bp + 3 * L);
            DoubleVector a0 = DoubleVector.broadcast(S, a[k]);
            c00 = a0.fma(b0, c00);
            c01 = a0.fma(b1, c01);
            c02 = a0.fma(b2, c02);
            c03 = a0.fma(b3, c03);
            DoubleVector a1 = DoubleVector.broadcast(S, a[k + 1]);
            c10 = a1.fma(b0, c10);
            c11 = a1.fma(b1, c11);
            c12 = a1.fma(b2, c12);
            c13 = a1.fma(b3, c13);
            DoubleVector a2 = DoubleVector.broadcast(S, a[k + 2]);
            c20 = a2.fma(b0, c20);
            c21 = a2.fma(b1, c21);
            c22 = a2.fma(b2, c22);
            c23 = a2.fma(b3, c23);
            DoubleVector a3 = DoubleVector.broadcast(S, a[k + 3]);
            c30 = a3.fma(b0, c30);
            c31 = a3.fma(b1, c31);
            c32 = a3.fma(b2, c32);
            c33 = a3.fma(b3, c33);
            DoubleVector a4 = DoubleVector.broadcast(S, a[k + 4]);
            c40 = a4.fma(b0, c40);
            c41 = a4.fma(b1, c41);
            c42 = a4.fma(b2, c42);
            c43 = a4.fma(b3, c43);
            DoubleVector a5 = DoubleVector.broadcast(S, a[n + 5]);
            c50 = a5.fma(b0, c50);
            c51 = a5.fma(b1, c51);
            c52 = a5.fma(b2, c52);
            c53 = a5.fma(b3, c53);
        }
        if (add) {
            c00.add(DoubleVector.fromArray(S, c, ci)).intoArray(c, ci);
            c01.add(DoubleVector.fromArray(S, c, ci + L)).intoArray(c, ci + L);
            c02.add(DoubleVector.fromArray(S, c, ci + 2 * L)).intoArray(c, ci + 2 * L);
            c03.add(DoubleVector.fromArray(S, c, ci + 3 * L)).intoArray(c, ci + 3 * L);
            c10.add(DoubleVector.fromArray(S, c, ci + ldc)).intoArray(c, ci + ldc);
            c11.add(DoubleVector.fromArray(S, c, ci + ldc + L)).intoArray(c, ci + ldc + L);
            c12.add(DoubleVector.fromArray(S, c, ci + ldc + 2 * L)).intoArray(c, ci + ldc + 2 * L);
            c13.add(DoubleVector.fromArray(S, c, ci + ldc + 3 * L)).intoArray(c, ci + ldc + 3 * L);
            c20.add(DoubleVector.fromArray(S, c, ci + 2 * ldc)).intoArray(c, ci + 2 * ldc);
            c21.add(DoubleVector.fromArray(S, c, ci + 2 * ldc + L)).intoArray(c, ci + 2 * ldc + L);
            c22.add(DoubleVector.fromArray(S, c, ci + 2 * ldc + 2 * L)).intoArray(c, ci + 2 * ldc + 2 * L);
            c23.add(DoubleVector.fromArray(S, c, ci + 2 * ldc + 3 * L)).intoArray(c, ci + 2 * ldc + 3 * L);
            c30.add(DoubleVector.fromArray(S, c, ci + 3 * ldc)).intoArray(c, ci + 3 * ldc);
            c31.add(DoubleVector.fromArray(S, c, ci + 3 * ldc + L)).intoArray(c, ci + 3 * ldc + L);
            c32.add(DoubleVector.fromArray(S, c, ci + 3 * ldc + 2 * L)).intoArray(c, ci + 3 * ldc + 2 * L);
            c33.add(DoubleVector.fromArray(S, c, ci + 3 * ldc + 3 * L)).intoArray(c, ci + 3 * ldc + 3 * L);
            c40.add(DoubleVector.fromArray(S, c, ci + 4 * ldc)).intoArray(c, ci + 4 * ldc);
            c41.add(DoubleVector.fromArray(S, c, ci + 4 * ldc + L)).intoArray(c, ci + 4 * ldc + L);
            c42.add(DoubleVector.fromArray(S, c, ci + 4 * ldc + 2 * L)).intoArray(c, ci + 4 * ldc + 2 * L);
            c43.add(DoubleVector.fromArray(S, c, ci + 4 * ldc + 3 * L)).intoArray(c, ci + 4 * ldc + 3 * L);
            c50.add(DoubleVector.fromArray(S, c, ci + 5 * ldc)).intoArray(c, ci + 5 * ldc);
            c51.add(DoubleVector.fromArray(S, c, ci + 5 * ldc + L)).intoArray(c, ci + 5 * ldc + L);
            c52.add(DoubleVector.fromArray(S, c, ci + 5 * ldc + 2 * L)).intoArray(c, ci + 5 * ldc + 2 * L);
            c53.add(DoubleVector.fromArray(S, c, ci + 5 * ldc + 3 * L)).intoArray(c, ci + 5 * ldc + 3 * L);
        } else {
            c00.intoArray(c, ci);
            c01.intoArray(c, ci + L);
            c02.intoArray(c, ci + 2 * L);
            c03.intoArray(c, ci + 3 * L);
            c10.intoArray(c, ci + ldc);
            c11.intoArray(c, ci + ldc + L);
            c12.intoArray(c, ci + ldc + 2 * L);
            c13.intoArray(c, ci + ldc + 3 * L);
            c20.intoArray(c, ci + 2 * ldc);
            c21.intoArray(c, ci + 2 * ldc + L);
            c22.intoArray(c, ci + 2 * ldc + 2 * L);
            c23.intoArray(c, ci + 2 * ldc + 3 * L);
            c30.intoArray(c, ci + 3 * ldc);
            c31.intoArray(c, ci + 3 * ldc + L);
            c32.intoArray(c, ci + 3 * ldc + 2 * L);
            c33.intoArray(c, ci + 3 * ldc + 3 * L);
            c40.intoArray(c, ci + 4 * ldc);
            c41.intoArray(c, ci + 4 * ldc + L);
            c42.intoArray(c, ci + 4 * ldc + 2 * L);
            c43.intoArray(c, ci + 4 * ldc + 3 * L);
            c50.intoArray(c, ci + 5 * ldc);
            c51.intoArray(c, ci + 5 * ldc + L);
            c52.intoArray(c, ci + 5 * ldc + 2 * L);
            c53.intoArray(c, ci + 5 * ldc + 3 * L);
        }
    }

    /** The 6 x 4 tile over six patch rows with consecutive offsets (see {@code Patches64}). */
    static void kernel6x4p6(int kc, double[] a, int at, int d, int[] off, int fo, double[] b, int bi,
                           double[] c, int ci, int ldc, boolean add) {
        DoubleVector c00 = DoubleVector.zero(S);
        DoubleVector c01 = DoubleVector.zero(S);
        DoubleVector c02 = DoubleVector.zero(S);
        DoubleVector c03 = DoubleVector.zero(S);
        DoubleVector c10 = DoubleVector.zero(S);
        DoubleVector c11 = DoubleVector.zero(S);
        DoubleVector c12 = DoubleVector.zero(S);
        DoubleVector c13 = DoubleVector.zero(S);
        DoubleVector c20 = DoubleVector.zero(S);
        DoubleVector c21 = DoubleVector.zero(S);
        DoubleVector c22 = DoubleVector.zero(S);
        DoubleVector c23 = DoubleVector.zero(S);
        DoubleVector c30 = DoubleVector.zero(S);
        DoubleVector c31 = DoubleVector.zero(S);
        DoubleVector c32 = DoubleVector.zero(S);
        DoubleVector c33 = DoubleVector.zero(S);
        DoubleVector c40 = DoubleVector.zero(S);
        DoubleVector c41 = DoubleVector.zero(S);
        DoubleVector c42 = DoubleVector.zero(S);
        DoubleVector c43 = DoubleVector.zero(S);
        DoubleVector c50 = DoubleVector.zero(S);
        DoubleVector c51 = DoubleVector.zero(S);
        DoubleVector c52 = DoubleVector.zero(S);
        DoubleVector c53 = DoubleVector.zero(S);
        for (int p = 0; p < kc; p++) {
            int k = at + off[fo + p];
            int bp = bi + p * (4 * L);
            DoubleVector b0 = DoubleVector.fromArray(S, b, bp);
            DoubleVector b1 = DoubleVector.fromArray(S, b, bp + L);
            DoubleVector b2 = DoubleVector.fromArray(S, b, bp + 2 * L);
            DoubleVector b3 = DoubleVector.fromArray(S, b, bp + 3 * L);
            DoubleVector a0 = DoubleVector.broadcast(S, a[k]);
            c00 = a0.fma(b0, c00);
            c01 = a0.fma(b1, c01);
            c02 = a0.fma(b2, c02);
            c03 = a0.fma(b3, c03);
            DoubleVector a1 = DoubleVector.broadcast(S, a[k + 1]);
            c10 = a1.fma(b0, c10);
            c11 = a1.fma(b1, c11);
            c12 = a1.fma(b2, c12);
            c13 = a1.fma(b3, c13);
            DoubleVector a2 = DoubleVector.broadcast(S, a[k + 2]);
            c20 = a2.fma(b0, c20);
            c21 = a2.fma(b1, c21);
            c22 = a2.fma(b2, c22);
            c23 = a2.fma(b3, c23);
            DoubleVector a3 = DoubleVector.broadcast(S, a[k + 3]);
            c30 = a3.fma(b0, c30);
            c31 = a3.fma(b1, c31);
            c32 = a3.fma(b2, c32);
            c33 = a3.fma(b3, c33);
            DoubleVector a4 = DoubleVector.broadcast(S, a[k + 4]);
            c40 = a4.fma(b0, c40);
            c41 = a4.fma(b1, c41);
            c42 = a4.fma(b2, c42);
            c43 = a4.fma(b3, c43);
            DoubleVector a5 = DoubleVector.broadcast(S, a[k + 5]);
            c50 = a5.fma(b0, c50);
            c51 = a5.fma(b1, c51);
            c52 = a5.fma(b2, c52);
            c53 = a5.fma(b3, c53);
        }
        if (add) {
            c00.add(DoubleVector.fromArray(S, c, ci)).intoArray(c, ci);
            c01.add(DoubleVector.fromArray(S, c, ci + L)).intoArray(c, ci + L);
            c02.add(DoubleVector.fromArray(S, c, ci + 2 * L)).intoArray(c, ci + 2 * L);
            c03.add(DoubleVector.fromArray(S, c, ci + 3 * L)).intoArray(c, ci + 3 * L);
            c10.add(DoubleVector.fromArray(S, c, ci + ldc)).intoArray(c, ci + ldc);
            c11.add(DoubleVector.fromArray(S, c, ci + ldc + L)).intoArray(c, ci + ldc + L);
            c12.add(DoubleVector.fromArray(S, c, ci + ldc + 2 * L)).intoArray(c, ci + ldc + 2 * L);
            c13.add(DoubleVector.fromArray(S, c, ci + ldc + 3 * L)).intoArray(c, ci + ldc + 3 * L);
            c20.add(DoubleVector.fromArray(S, c, ci + 2 * ldc)).intoArray(c, ci + 2 * ldc);
            c21.add(DoubleVector.fromArray(S, c, ci + 2 * ldc + L)).intoArray(c, ci + 2 * ldc + L);
            c22.add(DoubleVector.fromArray(S, c, ci + 2 * ldc + 2 * L)).intoArray(c, ci + 2 * ldc + 2 * L);
            c23.add(DoubleVector.fromArray(S, c, ci + 2 * ldc + 3 * L)).intoArray(c, ci + 2 * ldc + 3 * L);
            c30.add(DoubleVector.fromArray(S, c, ci + 3 * ldc)).intoArray(c, ci + 3 * ldc);
            c31.add(DoubleVector.fromArray(S, c, ci + 3 * ldc + L)).intoArray(c, ci + 3 * ldc + L);
            c32.add(DoubleVector.fromArray(S, c, ci + 3 * ldc + 2 * L)).intoArray(c, ci + 3 * ldc + 2 * L);
            c33.add(DoubleVector.fromArray(S, c, ci + 3 * ldc + 3 * L)).intoArray(c, ci + 3 * ldc + 3 * L);
            c40.add(DoubleVector.fromArray(S, c, ci + 4 * ldc)).intoArray(c, ci + 4 * ldc);
            c41.add(DoubleVector.fromArray(S, c, ci + 4 * ldc + L)).intoArray(c, ci + 4 * ldc + L);
            c42.add(DoubleVector.fromArray(S, c, ci + 4 * ldc + 2 * L)).intoArray(c, ci + 4 * ldc + 2 * L);
            c43.add(DoubleVector.fromArray(S, c, ci + 4 * ldc + 3 * L)).intoArray(c, ci + 4 * ldc + 3 * L);
            c50.add(DoubleVector.fromArray(S, c, ci + 5 * ldc)).intoArray(c, ci + 5 * ldc);
            c51.add(DoubleVector.fromArray(S, c, ci + 5 * ldc + L)).intoArray(c, ci + 5 * ldc + L);
            c52.add(DoubleVector.fromArray(S, c, ci + 5 * ldc + 2 * L)).intoArray(c, ci + 5 * ldc + 2 * L);
            c53.add(DoubleVector.fromArray(S, c, ci + 5 * ldc + 3 * L)).intoArray(c, ci + 5 * ldc + 3 * L);
        } else {
            c00.intoArray(c, ci);
            c01.intoArray(c, ci + L);
            c02.intoArray(c, ci + 2 * L);
            c03.intoArray(c, ci + 3 * L);
            c10.intoArray(c, ci + ldc);
            c11.intoArray(c, ci + ldc + L);
            c12.intoArray(c, ci + ldc + 2 * L);
            c13.intoArray(c, ci + ldc + 3 * L);
            c20.intoArray(c, ci + 2 * ldc);
            c21.intoArray(c, ci + 2 * ldc + L);
            c22.intoArray(c, ci + 2 * ldc + 2 * L);
            c23.intoArray(c, ci + 2 * ldc + 3 * L);
            c30.intoArray(c, ci + 3 * ldc);
            c31.intoArray(c, ci + 3 * ldc + L);
            c32.intoArray(c, ci + 3 * ldc + 2 * L);
            c33.intoArray(c, ci + 3 * ldc + 3 * L);
            c40.intoArray(c, ci + 4 * ldc);
            c41.intoArray(c, ci + 4 * ldc + L);
            c42.intoArray(c, ci + 4 * ldc + 2 * L);
            c43.intoArray(c, ci + 4 * ldc + 3 * L);
            c50.intoArray(c, ci + 5 * ldc);
            c51.intoArray(c, ci + 5 * ldc + L);
            c52.intoArray(c, ci + 5 * ldc + 2 * L);
            c53.intoArray(c, ci + 5 * ldc + 3 * L);
        }
    }

    /** The 6 x 2 tile over six patch rows, the last 5 d further on (see {@code Patches64}). */
    static void kernel6x2p1(int kc, double[] a, int at, int d, int[] off, int fo, double[] b, int bi,
                           double[] c, int ci, int ldc, boolean add) {
        DoubleVector c00 = DoubleVector.zero(S);
        DoubleVector c01 = DoubleVector.zero(S);
        DoubleVector c10 = DoubleVector.zero(S);
        DoubleVector c11 = DoubleVector.zero(S);
        DoubleVector c20 = DoubleVector.zero(S);
        DoubleVector c21 = DoubleVector.zero(S);
        DoubleVector c30 = DoubleVector.zero(S);
        DoubleVector c31 = DoubleVector.zero(S);
        DoubleVector c40 = DoubleVector.zero(S);
        DoubleVector c41 = DoubleVector.zero(S);
        DoubleVector c50 = DoubleVector.zero(S);
        DoubleVector c51 = DoubleVector.zero(S);
        for (int p = 0; p < kc; p++) {
            int k = at + off[fo + p];
            int n = k + d;  // the next output row
            int bp = bi + p * (2 * L);
            DoubleVector b0 = DoubleVector.fromArray(S, b, bp);
            DoubleVector b1 = DoubleVector.fromArray(S, b, bp + L);
            DoubleVector a0 = DoubleVector.broadcast(S, a[k]);
            c00 = a0.fma(b0, c00);
            c01 = a0.fma(b1, c01);
            DoubleVector a1 = DoubleVector.broadcast(S, a[n + 1]);
            c10 = a1.fma(b0, c10);
            c11 = a1.fma(b1, c11);
            DoubleVector a2 = DoubleVector.broadcast(S, a[n + 2]);
            c20 = a2.fma(b0, c20);
            c21 = a2.fma(b1, c21);
            DoubleVector a3 = DoubleVector.broadcast(S, a[n + 3]);
            c30 = a3.fma(b0, c30);
            c31 = a3.fma(b1, c31);
            DoubleVector a4 = DoubleVector.broadcast(S, a[n + 4]);
            c40 = a4.fma(b0, c40);
            c41 = a4.fma(b1, c41);
            DoubleVector a5 = DoubleVector.broadcast(S, a[n + 5]);
            c50 = a5.fma(b0, c50);
            c51 = a5.fma(b1, c51);
        }
        if (add) {
            c00.add(DoubleVector.fromArray(S, c, ci)).intoArray(c, ci);
            c01.add(DoubleVector.fromArray(S, c, ci + L)).intoArray(c, ci + L);
            c10.add(DoubleVector.fromArray(S, c, ci + ldc)).intoArray(c, ci + ldc);
            c11.add(DoubleVector.fromArray(S, c, ci + ldc + L)).intoArray(c, ci + ldc + L);
            c20.add(DoubleVector.fromArray(S, c, ci + 2 * ldc)).intoArray(c, ci + 2 * ldc);
            c21.add(DoubleVector.fromArray(S, c, ci + 2 * ldc + L)).intoArray(c, ci + 2 * ldc + L);
            c30.add(DoubleVector.fromArray(S, c, ci + 3 * ldc)).intoArray(c, ci + 3 * ldc);
            c31.add(DoubleVector.fromArray(S, c, ci + 3 * ldc + L)).intoArray(c, ci + 3 * ldc + L);
            c40.add(DoubleVector.fromArray(S, c, ci + 4 * ldc)).intoArray(c, ci + 4 * ldc);
            c41.add(DoubleVector.fromArray(S, c, ci + 4 * ldc + L)).intoArray(c, ci + 4 * ldc + L);
            c50.add(DoubleVector.fromArray(S, c, ci + 5 * ldc)).intoArray(c, ci + 5 * ldc);
            c51.add(DoubleVector.fromArray(S, c, ci + 5 * ldc + L)).intoArray(c, ci + 5 * ldc + L);
        } else {
            c00.intoArray(c, ci);
            c01.intoArray(c, ci + L);
            c10.intoArray(c, ci + ldc);
            c11.intoArray(c, ci + ldc + L);
            c20.intoArray(c, ci + 2 * ldc);
            c21.intoArray(c, ci + 2 * ldc + L);
            c30.intoArray(c, ci + 3 * ldc);
            c31.intoArray(c, ci + 3 * ldc + L);
            c40.intoArray(c, ci + 4 * ldc);
            c41.intoArray(c, ci + 4 * ldc + L);
            c50.intoArray(c, ci + 5 * ldc);
            c51.intoArray(c, ci + 5 * ldc + L);
        }
    }

    /** The 6 x 2 tile over six patch rows, the last 4 d further on (see {@code Patches64}). */
    static void kernel6x2p2(int kc, double[] a, int at, int d, int[] off, int fo, double[] b, int bi,
                           double[] c, int ci, int ldc, boolean add) {
        DoubleVector c00 = DoubleVector.zero(S);
        DoubleVector c01 = DoubleVector.zero(S);
        DoubleVector c10 = DoubleVector.zero(S);
        DoubleVector c11 = DoubleVector.zero(S);
        DoubleVector c20 = DoubleVector.zero(S);
        DoubleVector c21 = DoubleVector.zero(S);
        DoubleVector c30 = DoubleVector.zero(S);
        DoubleVector c31 = DoubleVector.zero(S);
        DoubleVector c40 = DoubleVector.zero(S);
        DoubleVector c41 = DoubleVector.zero(S);
        DoubleVector c50 = DoubleVector.zero(S);
        DoubleVector c51 = DoubleVector.zero(S);
        for (int p = 0; p < kc; p++) {
            int k = at + off[fo + p];
            int n = k + d;  // the next output row
            int bp = bi + p * (2 * L);
            DoubleVector b0 = DoubleVector.fromArray(S, b, bp);
            DoubleVector b1 = DoubleVector.fromArray(S, b, bp + L);
            DoubleVector a0 = DoubleVector.broadcast(S, a[k]);
            c00 = a0.fma(b0, c00);
            c01 = a0.fma(b1, c01);
            DoubleVector a1 = DoubleVector.broadcast(S, a[k + 1]);
            c10 = a1.fma(b0, c10);
            c11 = a1.fma(b1, c11);
            DoubleVector a2 = DoubleVector.broadcast(S, a[n + 2]);
            c20 = a2.fma(b0, c20);
            c21 = a2.fma(b1, c21);
            DoubleVector a3 = DoubleVector.broadcast(S, a[n + 3]);
            c30 = a3.fma(b0, c30);
            c31 = a3.fma(b1, c31);
            DoubleVector a4 = DoubleVector.broadcast(S, a[n + 4]);
            c40 = a4.fma(b0, c40);
            c41 = a4.fma(b1, c41);
            DoubleVector a5 = DoubleVector.broadcast(S, a[n + 5]);
            c50 = a5.fma(b0, c50);
            c51 = a5.fma(b1, c51);
        }
        if (add) {
            c00.add(DoubleVector.fromArray(S, c, ci)).intoArray(c, ci);
            c01.add(DoubleVector.fromArray(S, c, ci + L)).intoArray(c, ci + L);
            c10.add(DoubleVector.fromArray(S, c, ci + ldc)).intoArray(c, ci + ldc);
            c11.add(DoubleVector.fromArray(S, c, ci + ldc + L)).intoArray(c, ci + ldc + L);
            c20.add(DoubleVector.fromArray(S, c, ci + 2 * ldc)).intoArray(c, ci + 2 * ldc);
            c21.add(DoubleVector.fromArray(S, c, ci + 2 * ldc + L)).intoArray(c, ci + 2 * ldc + L);
            c30.add(DoubleVector.fromArray(S, c, ci + 3 * ldc)).intoArray(c, ci + 3 * ldc);
            c31.add(DoubleVector.fromArray(S, c, ci + 3 * ldc + L)).intoArray(c, ci + 3 * ldc + L);
            c40.add(DoubleVector.fromArray(S, c, ci + 4 * ldc)).intoArray(c, ci + 4 * ldc);
            c41.add(DoubleVector.fromArray(S, c, ci + 4 * ldc + L)).intoArray(c, ci + 4 * ldc + L);
            c50.add(DoubleVector.fromArray(S, c, ci + 5 * ldc)).intoArray(c, ci + 5 * ldc);
            c51.add(DoubleVector.fromArray(S, c, ci + 5 * ldc + L)).intoArray(c, ci + 5 * ldc + L);
        } else {
            c00.intoArray(c, ci);
            c01.intoArray(c, ci + L);
            c10.intoArray(c, ci + ldc);
            c11.intoArray(c, ci + ldc + L);
            c20.intoArray(c, ci + 2 * ldc);
            c21.intoArray(c, ci + 2 * ldc + L);
            c30.intoArray(c, ci + 3 * ldc);
            c31.intoArray(c, ci + 3 * ldc + L);
            c40.intoArray(c, ci + 4 * ldc);
            c41.intoArray(c, ci + 4 * ldc + L);
            c50.intoArray(c, ci + 5 * ldc);
            c51.intoArray(c, ci + 5 * ldc + L);
        }
    }

    /** The 6 x 2 tile over six patch rows, the last 3 d further on (see {@code Patches64}). */
    static void kernel6x2p3(int kc, double[] a, int at, int d, int[] off, int fo, double[] b, int bi,
                           double[] c, int ci, int ldc, boolean add) {
        DoubleVector c00 = DoubleVector.zero(S);
        DoubleVector c01 = DoubleVector.zero(S);
        DoubleVector c10 = DoubleVector.zero(S);
        DoubleVector c11 = DoubleVector.zero(S);
        DoubleVector c20 = DoubleVector.zero(S);
        DoubleVector c21 = DoubleVector.zero(S);
        DoubleVector c30 = DoubleVector.zero(S);
        DoubleVector c31 = DoubleVector.zero(S);
        DoubleVector c40 = DoubleVector.zero(S);
        DoubleVector c41 = DoubleVector.zero(S);
        DoubleVector c50 = DoubleVector.zero(S);
        DoubleVector c51 = DoubleVector.zero(S);
        for (int p = 0; p < kc; p++) {
            int k = at + off[fo + p];
            int n = k + d;  // the next output row
            int bp = bi + p * (2 * L);
            DoubleVector b0 = DoubleVector.fromArray(S, b, bp);
            DoubleVector b1 = DoubleVector.fromArray(S, b, bp + L);
            DoubleVector a0 = DoubleVector.broadcast(S, a[k]);
            c00 = a0.fma(b0, c00);
            c01 = a0.fma(b1, c01);
            DoubleVector a1 = DoubleVector.broadcast(S, a[k + 1]);
            c10 = a1.fma(b0, c10);
            c11 = a1.fma(b1, c11);
            DoubleVector a2 = DoubleVector.broadcast(S, a[k + 2]);
            c20 = a2.fma(b0, c20);
            c21 = a2.fma(b1, c21);
            DoubleVector a3 = DoubleVector.broadcast(S, a[n + 3]);
            c30 = a3.fma(b0, c30);
            c31 = a3.fma(b1, c31);
            DoubleVector a4 = DoubleVector.broadcast(S, a[n + 4]);
            c40 = a4.fma(b0, c40);
            c41 = a4.fma(b1, c41);
            DoubleVector a5 = DoubleVector.broadcast(S, a[n + 5]);
            c50 = a5.fma(b0, c50);
            c51 = a5.fma(b1, c51);
        }
        if (add) {
            c00.add(DoubleVector.fromArray(S, c, ci)).intoArray(c, ci);
            c01.add(DoubleVector.fromArray(S, c, ci + L)).intoArray(c, ci + L);
            c10.add(DoubleVector.fromArray(S, c, ci + ldc)).intoArray(c, ci + ldc);
            c11.add(DoubleVector.fromArray(S, c, ci + ldc + L)).intoArray(c, ci + ldc + L);
            c20.add(DoubleVector.fromArray(S, c, ci + 2 * ldc)).intoArray(c, ci + 2 * ldc);
            c21.add(DoubleVector.fromArray(S, c, ci + 2 * ldc + L)).intoArray(c, ci + 2 * ldc + L);
            c30.add(DoubleVector.fromArray(S, c, ci + 3 * ldc)).intoArray(c, ci + 3 * ldc);
            c31.add(DoubleVector.fromArray(S, c, ci + 3 * ldc + L)).intoArray(c, ci + 3 * ldc + L);
            c40.add(DoubleVector.fromArray(S, c, ci + 4 * ldc)).intoArray(c, ci + 4 * ldc);
            c41.add(DoubleVector.fromArray(S, c, ci + 4 * ldc + L)).intoArray(c, ci + 4 * ldc + L);
            c50.add(DoubleVector.fromArray(S, c, ci + 5 * ldc)).intoArray(c, ci + 5 * ldc);
            c51.add(DoubleVector.fromArray(S, c, ci + 5 * ldc + L)).intoArray(c, ci + 5 * ldc + L);
        } else {
            c00.intoArray(c, ci);
            c01.intoArray(c, ci + L);
            c10.intoArray(c, ci + ldc);
            c11.intoArray(c, ci + ldc + L);
            c20.intoArray(c, ci + 2 * ldc);
            c21.intoArray(c, ci + 2 * ldc + L);
            c30.intoArray(c, ci + 3 * ldc);
            c31.intoArray(c, ci + 3 * ldc + L);
            c40.intoArray(c, ci + 4 * ldc);
            c41.intoArray(c, ci + 4 * ldc + L);
            c50.intoArray(c, ci + 5 * ldc);
            c51.intoArray(c, ci + 5 * ldc + L);
        }
    }

    /** The 6 x 2 tile over six patch rows, the last 2 d further on (see {@code Patches64}). */
    static void kernel6x2p4(int kc, double[] a, int at, int d, int[] off, int fo, double[] b, int bi,
                           double[] c, int ci, int ldc, boolean add) {
        DoubleVector c00 = DoubleVector.zero(S);
        DoubleVector c01 = DoubleVector.zero(S);
        DoubleVector c10 = DoubleVector.zero(S);
        DoubleVector c11 = DoubleVector.zero(S);
        DoubleVector c20 = DoubleVector.zero(S);
        DoubleVector c21 = DoubleVector.zero(S);
        DoubleVector c30 = DoubleVector.zero(S);
        DoubleVector c31 = DoubleVector.zero(S);
        DoubleVector c40 = DoubleVector.zero(S);
        DoubleVector c41 = DoubleVector.zero(S);
        DoubleVector c50 = DoubleVector.zero(S);
        DoubleVector c51 = DoubleVector.zero(S);
        for (int p = 0; p < kc; p++) {
            int k = at + off[fo + p];
            int n = k + d;  // the next output row
            int bp = bi + p * (2 * L);
            DoubleVector b0 = DoubleVector.fromArray(S, b, bp);
            DoubleVector b1 = DoubleVector.fromArray(S, b, bp + L);
            DoubleVector a0 = DoubleVector.broadcast(S, a[k]);
            c00 = a0.fma(b0, c00);
            c01 = a0.fma(b1, c01);
            DoubleVector a1 = DoubleVector.broadcast(S, a[k + 1]);
            c10 = a1.fma(b0, c10);
            c11 = a1.fma(b1, c11);
            DoubleVector a2 = DoubleVector.broadcast(S, a[k + 2]);
            c20 = a2.fma(b0, c20);
            c21 = a2.fma(b1, c21);
            DoubleVector a3 = DoubleVector.broadcast(S, a[k + 3]);
            c30 = a3.fma(b0, c30);
            c31 = a3.fma(b1, c31);
            DoubleVector a4 = DoubleVector.broadcast(S, a[n + 4]);
            c40 = a4.fma(b0, c40);
            c41 = a4.fma(b1, c41);
            DoubleVector a5 = DoubleVector.broadcast(S, a[n + 5]);
            c50 = a5.fma(b0, c50);
            c51 = a5.fma(b1, c51);
        }
        if (add) {
            c00.add(DoubleVector.fromArray(S, c, ci)).intoArray(c, ci);
            c01.add(DoubleVector.fromArray(S, c, ci + L)).intoArray(c, ci + L);
            c10.add(DoubleVector.fromArray(S, c, ci + ldc)).intoArray(c, ci + ldc);
            c11.add(DoubleVector.fromArray(S, c, ci + ldc + L)).intoArray(c, ci + ldc + L);
            c20.add(DoubleVector.fromArray(S, c, ci + 2 * ldc)).intoArray(c, ci + 2 * ldc);
            c21.add(DoubleVector.fromArray(S, c, ci + 2 * ldc + L)).intoArray(c, ci + 2 * ldc + L);
            c30.add(DoubleVector.fromArray(S, c, ci + 3 * ldc)).intoArray(c, ci + 3 * ldc);
            c31.add(DoubleVector.fromArray(S, c, ci + 3 * ldc + L)).intoArray(c, ci + 3 * ldc + L);
            c40.add(DoubleVector.fromArray(S, c, ci + 4 * ldc)).intoArray(c, ci + 4 * ldc);
            c41.add(DoubleVector.fromArray(S, c, ci + 4 * ldc + L)).intoArray(c, ci + 4 * ldc + L);
            c50.add(DoubleVector.fromArray(S, c, ci + 5 * ldc)).intoArray(c, ci + 5 * ldc);
            c51.add(DoubleVector.fromArray(S, c, ci + 5 * ldc + L)).intoArray(c, ci + 5 * ldc + L);
        } else {
            c00.intoArray(c, ci);
            c01.intoArray(c, ci + L);
            c10.intoArray(c, ci + ldc);
            c11.intoArray(c, ci + ldc + L);
            c20.intoArray(c, ci + 2 * ldc);
            c21.intoArray(c, ci + 2 * ldc + L);
            c30.intoArray(c, ci + 3 * ldc);
            c31.intoArray(c, ci + 3 * ldc + L);
            c40.intoArray(c, ci + 4 * ldc);
            c41.intoArray(c, ci + 4 * ldc + L);
            c50.intoArray(c, ci + 5 * ldc);
            c51.intoArray(c, ci + 5 * ldc + L);
        }
    }

    /** The 6 x 2 tile over six patch rows, the last 1 d further on (see {@code Patches64}). */
    static void kernel6x2p5(int kc, double[] a, int at, int d, int[] off, int fo, double[] b, int bi,
                           double[] c, int ci, int ldc, boolean add) {
        DoubleVector c00 = DoubleVector.zero(S);
        DoubleVector c01 = DoubleVector.zero(S);
        DoubleVector c10 = DoubleVector.zero(S);
        DoubleVector c11 = DoubleVector.zero(S);
        DoubleVector c20 = DoubleVector.zero(S);
        DoubleVector c21 = DoubleVector.zero(S);
        DoubleVector c30 = DoubleVector.zero(S);
        DoubleVector c31 = DoubleVector.zero(S);
        DoubleVector c40 = DoubleVector.zero(S);
        DoubleVector c41 = DoubleVector.zero(S);
        DoubleVector c50 = DoubleVector.zero(S);
        DoubleVector c51 = DoubleVector.zero(S);
        for (int p = 0; p < kc; p++) {
            int k = at + off[fo + p];
            int n = k + d;  // the next output row
            int bp = bi + p * (2 * L);
            DoubleVector b0 = DoubleVector.fromArray(S, b, bp);
            DoubleVector b1 = DoubleVector.fromArray(S, b, bp + L);
            DoubleVector a0 = DoubleVector.broadcast(S, a[k]);
            c00 = a0.fma(b0, c00);
            c01 = a0.fma(b1, c01);
            DoubleVector a1 = DoubleVector.broadcast(S, a[k + 1]);
            c10 = a1.fma(b0, c10);
            c11 = a1.fma(b1, c11);
            DoubleVector a2 = DoubleVector.broadcast(S, a[k + 2]);
            c20 = a2.fma(b0, c20);
            c21 = a2.fma(b1, c21);
            DoubleVector a3 = DoubleVector.broadcast(S, a[k + 3]);
            c30 = a3.fma(b0, c30);
            c31 = a3.fma(b1, c31);
            DoubleVector a4 = DoubleVector.broadcast(S, a[k + 4]);
            c40 = a4.fma(b0, c40);
            c41 = a4.fma(b1, c41);
            DoubleVector a5 = DoubleVector.broadcast(S, a[n + 5]);
            c50 = a5.fma(b0, c50);
            c51 = a5.fma(b1, c51);
        }
        if (add) {
            c00.add(DoubleVector.fromArray(S, c, ci)).intoArray(c, ci);
            c01.add(DoubleVector.fromArray(S, c, ci + L)).intoArray(c, ci + L);
            c10.add(DoubleVector.fromArray(S, c, ci + ldc)).intoArray(c, ci + ldc);
            c11.add(DoubleVector.fromArray(S, c, ci + ldc + L)).intoArray(c, ci + ldc + L);
            c20.add(DoubleVector.fromArray(S, c, ci + 2 * ldc)).intoArray(c, ci + 2 * ldc);
            c21.add(DoubleVector.fromArray(S, c, ci + 2 * ldc + L)).intoArray(c, ci + 2 * ldc + L);
            c30.add(DoubleVector.fromArray(S, c, ci + 3 * ldc)).intoArray(c, ci + 3 * ldc);
            c31.add(DoubleVector.fromArray(S, c, ci + 3 * ldc + L)).intoArray(c, ci + 3 * ldc + L);
            c40.add(DoubleVector.fromArray(S, c, ci + 4 * ldc)).intoArray(c, ci + 4 * ldc);
            c41.add(DoubleVector.fromArray(S, c, ci + 4 * ldc + L)).intoArray(c, ci + 4 * ldc + L);
            c50.add(DoubleVector.fromArray(S, c, ci + 5 * ldc)).intoArray(c, ci + 5 * ldc);
            c51.add(DoubleVector.fromArray(S, c, ci + 5 * ldc + L)).intoArray(c, ci + 5 * ldc + L);
        } else {
            c00.intoArray(c, ci);
            c01.intoArray(c, ci + L);
            c10.intoArray(c, ci + ldc);
            c11.intoArray(c, ci + ldc + L);
            c20.intoArray(c, ci + 2 * ldc);
            c21.intoArray(c, ci + 2 * ldc + L);
            c30.intoArray(c, ci + 3 * ldc);
            c31.intoArray(c, ci + 3 * ldc + L);
            c40.intoArray(c, ci + 4 * ldc);
            c41.intoArray(c, ci + 4 * ldc + L);
            c50.intoArray(c, ci + 5 * ldc);
            c51.intoArray(c, ci + 5 * ldc + L);
        }
    }

    /** The 6 x 2 tile over six patch rows with consecutive offsets (see {@code Patches64}). */
    static void kernel6x2p6(int kc, double[] a, int at, int d, int[] off, int fo, double[] b, int bi,
                           double[] c, int ci, int ldc, boolean add) {
        DoubleVector c00 = DoubleVector.zero(S);
        DoubleVector c01 = DoubleVector.zero(S);
        DoubleVector c10 = DoubleVector.zero(S);
        DoubleVector c11 = DoubleVector.zero(S);
        DoubleVector c20 = DoubleVector.zero(S);
        DoubleVector c21 = DoubleVector.zero(S);
        DoubleVector c30 = DoubleVector.zero(S);
        DoubleVector c31 = DoubleVector.zero(S);
        DoubleVector c40 = DoubleVector.zero(S);
        DoubleVector c41 = DoubleVector.zero(S);
        DoubleVector c50 = DoubleVector.zero(S);
        DoubleVector c51 = DoubleVector.zero(S);
        for (int p = 0; p < kc; p++) {
            int k = at + off[fo + p];
            int bp = bi + p * (2 * L);
            DoubleVector b0 = DoubleVector.fromArray(S, b, bp);
            DoubleVector b1 = DoubleVector.fromArray(S, b, bp + L);
            DoubleVector a0 = DoubleVector.broadcast(S, a[k]);
            c00 = a0.fma(b0, c00);
            c01 = a0.fma(b1, c01);
            DoubleVector a1 = DoubleVector.broadcast(S, a[k + 1]);
            c10 = a1.fma(b0, c10);
            c11 = a1.fma(b1, c11);
            DoubleVector a2 = DoubleVector.broadcast(S, a[k + 2]);
            c20 = a2.fma(b0, c20);
            c21 = a2.fma(b1, c21);
            DoubleVector a3 = DoubleVector.broadcast(S, a[k + 3]);
            c30 = a3.fma(b0, c30);
            c31 = a3.fma(b1, c31);
            DoubleVector a4 = DoubleVector.broadcast(S, a[k + 4]);
            c40 = a4.fma(b0, c40);
            c41 = a4.fma(b1, c41);
            DoubleVector a5 = DoubleVector.broadcast(S, a[k + 5]);
            c50 = a5.fma(b0, c50);
            c51 = a5.fma(b1, c51);
        }
        if (add) {
            c00.add(DoubleVector.fromArray(S, c, ci)).intoArray(c, ci);
            c01.add(DoubleVector.fromArray(S, c, ci + L)).intoArray(c, ci + L);
            c10.add(DoubleVector.fromArray(S, c, ci + ldc)).intoArray(c, ci + ldc);
            c11.add(DoubleVector.fromArray(S, c, ci + ldc + L)).intoArray(c, ci + ldc + L);
            c20.add(DoubleVector.fromArray(S, c, ci + 2 * ldc)).intoArray(c, ci + 2 * ldc);
            c21.add(DoubleVector.fromArray(S, c, ci + 2 * ldc + L)).intoArray(c, ci + 2 * ldc + L);
            c30.add(DoubleVector.fromArray(S, c, ci + 3 * ldc)).intoArray(c, ci + 3 * ldc);
            c31.add(DoubleVector.fromArray(S, c, ci + 3 * ldc + L)).intoArray(c, ci + 3 * ldc + L);
            c40.add(DoubleVector.fromArray(S, c, ci + 4 * ldc)).intoArray(c, ci + 4 * ldc);
            c41.add(DoubleVector.fromArray(S, c, ci + 4 * ldc + L)).intoArray(c, ci + 4 * ldc + L);
            c50.add(DoubleVector.fromArray(S, c, ci + 5 * ldc)).intoArray(c, ci + 5 * ldc);
            c51.add(DoubleVector.fromArray(S, c, ci + 5 * ldc + L)).intoArray(c, ci + 5 * ldc + L);
        } else {
            c00.intoArray(c, ci);
            c01.intoArray(c, ci + L);
            c10.intoArray(c, ci + ldc);
            c11.intoArray(c, ci + ldc + L);
            c20.intoArray(c, ci + 2 * ldc);
            c21.intoArray(c, ci + 2 * ldc + L);
            c30.intoArray(c, ci + 3 * ldc);
            c31.intoArray(c, ci + 3 * ldc + L);
            c40.intoArray(c, ci + 4 * ldc);
            c41.intoArray(c, ci + 4 * ldc + L);
            c50.intoArray(c, ci + 5 * ldc);
            c51.intoArray(c, ci + 5 * ldc + L);
        }
    }

    /** Tail: six rows of A, along k, against four columns; s[(r * 4 + j) * L] (see {@code Gemm64.tail}). */
    static void dot6x4(int k, double[] a, int ai, int lda, double[] bt, double[] s) {
        DoubleVector c00 = DoubleVector.zero(S);
        DoubleVector c01 = DoubleVector.zero(S);
        DoubleVector c02 = DoubleVector.zero(S);
        DoubleVector c03 = DoubleVector.zero(S);
        DoubleVector c10 = DoubleVector.zero(S);
        DoubleVector c11 = DoubleVector.zero(S);
        DoubleVector c12 = DoubleVector.zero(S);
        DoubleVector c13 = DoubleVector.zero(S);
        DoubleVector c20 = DoubleVector.zero(S);
        DoubleVector c21 = DoubleVector.zero(S);
        DoubleVector c22 = DoubleVector.zero(S);
        DoubleVector c23 = DoubleVector.zero(S);
        DoubleVector c30 = DoubleVector.zero(S);
        DoubleVector c31 = DoubleVector.zero(S);
        DoubleVector c32 = DoubleVector.zero(S);
        DoubleVector c33 = DoubleVector.zero(S);
        DoubleVector c40 = DoubleVector.zero(S);
        DoubleVector c41 = DoubleVector.zero(S);
        DoubleVector c42 = DoubleVector.zero(S);
        DoubleVector c43 = DoubleVector.zero(S);
        DoubleVector c50 = DoubleVector.zero(S);
        DoubleVector c51 = DoubleVector.zero(S);
        DoubleVector c52 = DoubleVector.zero(S);
        DoubleVector c53 = DoubleVector.zero(S);
        int kb = S.loopBound(k);
        for (int p = 0; p < kb; p += L) {
            DoubleVector b0 = DoubleVector.fromArray(S, bt, p);
            DoubleVector b1 = DoubleVector.fromArray(S, bt, k + p);
            DoubleVector b2 = DoubleVector.fromArray(S, bt, 2 * k + p);
            DoubleVector b3 = DoubleVector.fromArray(S, bt, 3 * k + p);
            DoubleVector a0 = DoubleVector.fromArray(S, a, ai + p);
            c00 = a0.fma(b0, c00);
            c01 = a0.fma(b1, c01);
            c02 = a0.fma(b2, c02);
            c03 = a0.fma(b3, c03);
            DoubleVector a1 = DoubleVector.fromArray(S, a, ai + lda + p);
            c10 = a1.fma(b0, c10);
            c11 = a1.fma(b1, c11);
            c12 = a1.fma(b2, c12);
            c13 = a1.fma(b3, c13);
            DoubleVector a2 = DoubleVector.fromArray(S, a, ai + 2 * lda + p);
            c20 = a2.fma(b0, c20);
            c21 = a2.fma(b1, c21);
            c22 = a2.fma(b2, c22);
            c23 = a2.fma(b3, c23);
            DoubleVector a3 = DoubleVector.fromArray(S, a, ai + 3 * lda + p);
            c30 = a3.fma(b0, c30);
            c31 = a3.fma(b1, c31);
            c32 = a3.fma(b2, c32);
            c33 = a3.fma(b3, c33);
            DoubleVector a4 = DoubleVector.fromArray(S, a, ai + 4 * lda + p);
            c40 = a4.fma(b0, c40);
            c41 = a4.fma(b1, c41);
            c42 = a4.fma(b2, c42);
            c43 = a4.fma(b3, c43);
            DoubleVector a5 = DoubleVector.fromArray(S, a, ai + 5 * lda + p);
            c50 = a5.fma(b0, c50);
            c51 = a5.fma(b1, c51);
            c52 = a5.fma(b2, c52);
            c53 = a5.fma(b3, c53);
        }
        c00.intoArray(s, 0);
        c01.intoArray(s, L);
        c02.intoArray(s, 2 * L);
        c03.intoArray(s, 3 * L);
        c10.intoArray(s, 4 * L);
        c11.intoArray(s, 5 * L);
        c12.intoArray(s, 6 * L);
        c13.intoArray(s, 7 * L);
        c20.intoArray(s, 8 * L);
        c21.intoArray(s, 9 * L);
        c22.intoArray(s, 10 * L);
        c23.intoArray(s, 11 * L);
        c30.intoArray(s, 12 * L);
        c31.intoArray(s, 13 * L);
        c32.intoArray(s, 14 * L);
        c33.intoArray(s, 15 * L);
        c40.intoArray(s, 16 * L);
        c41.intoArray(s, 17 * L);
        c42.intoArray(s, 18 * L);
        c43.intoArray(s, 19 * L);
        c50.intoArray(s, 20 * L);
        c51.intoArray(s, 21 * L);
        c52.intoArray(s, 22 * L);
        c53.intoArray(s, 23 * L);
    }

    /** Tail: one row of A, along k, against four columns; s[j * L]. */
    static void dot1x4(int k, double[] a, int ai, int lda, double[] bt, double[] s) {
        DoubleVector c00 = DoubleVector.zero(S);
        DoubleVector c01 = DoubleVector.zero(S);
        DoubleVector c02 = DoubleVector.zero(S);
        DoubleVector c03 = DoubleVector.zero(S);
        int kb = S.loopBound(k);
        for (int p = 0; p < kb; p += L) {
            DoubleVector b0 = DoubleVector.fromArray(S, bt, p);
            DoubleVector b1 = DoubleVector.fromArray(S, bt, k + p);
            DoubleVector b2 = DoubleVector.fromArray(S, bt, 2 * k + p);
            DoubleVector b3 = DoubleVector.fromArray(S, bt, 3 * k + p);
            DoubleVector a0 = DoubleVector.fromArray(S, a, ai + p);
            c00 = a0.fma(b0, c00);
            c01 = a0.fma(b1, c01);
            c02 = a0.fma(b2, c02);
            c03 = a0.fma(b3, c03);
        }
        c00.intoArray(s, 0);
        c01.intoArray(s, L);
        c02.intoArray(s, 2 * L);
        c03.intoArray(s, 3 * L);
    }

    /** Tail: six vectors of rows of A stored transposed, against four columns; s[(v * 4 + j) * L]. */
    static void cols6x4(int k, double[] a, int ai, int lda, double[] bt, double[] s) {
        DoubleVector c00 = DoubleVector.zero(S);
        DoubleVector c01 = DoubleVector.zero(S);
        DoubleVector c02 = DoubleVector.zero(S);
        DoubleVector c03 = DoubleVector.zero(S);
        DoubleVector c10 = DoubleVector.zero(S);
        DoubleVector c11 = DoubleVector.zero(S);
        DoubleVector c12 = DoubleVector.zero(S);
        DoubleVector c13 = DoubleVector.zero(S);
        DoubleVector c20 = DoubleVector.zero(S);
        DoubleVector c21 = DoubleVector.zero(S);
        DoubleVector c22 = DoubleVector.zero(S);
        DoubleVector c23 = DoubleVector.zero(S);
        DoubleVector c30 = DoubleVector.zero(S);
        DoubleVector c31 = DoubleVector.zero(S);
        DoubleVector c32 = DoubleVector.zero(S);
        DoubleVector c33 = DoubleVector.zero(S);
        DoubleVector c40 = DoubleVector.zero(S);
        DoubleVector c41 = DoubleVector.zero(S);
        DoubleVector c42 = DoubleVector.zero(S);
        DoubleVector c43 = DoubleVector.zero(S);
        DoubleVector c50 = DoubleVector.zero(S);
        DoubleVector c51 = DoubleVector.zero(S);
        DoubleVector c52 = DoubleVector.zero(S);
        DoubleVector c53 = DoubleVector.zero(S);
        for (int p = 0; p < k; p++) {
            int ap = ai + p * lda;
            int bp = p * 4;
            DoubleVector b0 = DoubleVector.broadcast(S, bt[bp]);
            DoubleVector b1 = DoubleVector.broadcast(S, bt[bp + 1]);
            DoubleVector b2 = DoubleVector.broadcast(S, bt[bp + 2]);
            DoubleVector b3 = DoubleVector.broadcast(S, bt[bp + 3]);
            DoubleVector a0 = DoubleVector.fromArray(S, a, ap);
            c00 = a0.fma(b0, c00);
            c01 = a0.fma(b1, c01);
            c02 = a0.fma(b2, c02);
            c03 = a0.fma(b3, c03);
            DoubleVector a1 = DoubleVector.fromArray(S, a, ap + L);
            c10 = a1.fma(b0, c10);
            c11 = a1.fma(b1, c11);
            c12 = a1.fma(b2, c12);
            c13 = a1.fma(b3, c13);
            DoubleVector a2 = DoubleVector.fromArray(S, a, ap + 2 * L);
            c20 = a2.fma(b0, c20);
            c21 = a2.fma(b1, c21);
            c22 = a2.fma(b2, c22);
            c23 = a2.fma(b3, c23);
            DoubleVector a3 = DoubleVector.fromArray(S, a, ap + 3 * L);
            c30 = a3.fma(b0, c30);
            c31 = a3.fma(b1, c31);
            c32 = a3.fma(b2, c32);
            c33 = a3.fma(b3, c33);
            DoubleVector a4 = DoubleVector.fromArray(S, a, ap + 4 * L);
            c40 = a4.fma(b0, c40);
            c41 = a4.fma(b1, c41);
            c42 = a4.fma(b2, c42);
            c43 = a4.fma(b3, c43);
            DoubleVector a5 = DoubleVector.fromArray(S, a, ap + 5 * L);
            c50 = a5.fma(b0, c50);
            c51 = a5.fma(b1, c51);
            c52 = a5.fma(b2, c52);
            c53 = a5.fma(b3, c53);
        }
        c00.intoArray(s, 0);
        c01.intoArray(s, L);
        c02.intoArray(s, 2 * L);
        c03.intoArray(s, 3 * L);
        c10.intoArray(s, 4 * L);
        c11.intoArray(s, 5 * L);
        c12.intoArray(s, 6 * L);
        c13.intoArray(s, 7 * L);
        c20.intoArray(s, 8 * L);
        c21.intoArray(s, 9 * L);
        c22.intoArray(s, 10 * L);
        c23.intoArray(s, 11 * L);
        c30.intoArray(s, 12 * L);
        c31.intoArray(s, 13 * L);
        c32.intoArray(s, 14 * L);
        c33.intoArray(s, 15 * L);
        c40.intoArray(s, 16 * L);
        c41.intoArray(s, 17 * L);
        c42.intoArray(s, 18 * L);
        c43.intoArray(s, 19 * L);
        c50.intoArray(s, 20 * L);
        c51.intoArray(s, 21 * L);
        c52.intoArray(s, 22 * L);
        c53.intoArray(s, 23 * L);
    }

    /** Tail: one vector of rows of A stored transposed, the lanes in mask, against four columns; s[j * L]. */
    static void cols1x4(int k, double[] a, int ai, int lda, double[] bt, double[] s, VectorMask<Double> mask) {
        DoubleVector c00 = DoubleVector.zero(S);
        DoubleVector c01 = DoubleVector.zero(S);
        DoubleVector c02 = DoubleVector.zero(S);
        DoubleVector c03 = DoubleVector.zero(S);
        for (int p = 0; p < k; p++) {
            int ap = ai + p * lda;
            int bp = p * 4;
            DoubleVector b0 = DoubleVector.broadcast(S, bt[bp]);
            DoubleVector b1 = DoubleVector.broadcast(S, bt[bp + 1]);
            DoubleVector b2 = DoubleVector.broadcast(S, bt[bp + 2]);
            DoubleVector b3 = DoubleVector.broadcast(S, bt[bp + 3]);
            DoubleVector a0 = DoubleVector.fromArray(S, a, ap, mask);
            c00 = a0.fma(b0, c00);
            c01 = a0.fma(b1, c01);
            c02 = a0.fma(b2, c02);
            c03 = a0.fma(b3, c03);
        }
        c00.intoArray(s, 0);
        c01.intoArray(s, L);
        c02.intoArray(s, 2 * L);
        c03.intoArray(s, 3 * L);
    }
}
