package dev.jgrad.backend.vector;

import dev.jgrad.backend.Kernels;
import dev.jgrad.backend.Parallel;
import dev.jgrad.backend.ScalarKernels;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;

import java.util.Arrays;

/**
 * {@link Kernels} on the Vector API, using the preferred (widest) species of the CPU.
 *
 * <p>Elementwise kernels take the SIMD path when every strided operand has stride 1 or 0 (a broadcast
 * value); any other stride, and the values past the last whole vector, go through a scalar loop. That loop
 * gives each value the bits a vector lane gives it (for exp, log, tanh and sigmoid through the scalar twins
 * of {@link VMath32} and {@link VMath64}; the other functions round as the reference does), so a value's
 * result does not depend on its index, its operand's layout or the number of threads. The op is chosen once
 * per call, outside the loops. Calls of 1M values or more are split into ranges across the worker threads
 * (each value is computed the same way either way). GEMM is packed, cache-blocked, register-tiled and
 * multithreaded (Gemm32, Gemm64), with a direct matrix-vector path when C has at most four rows or columns
 * (Gemv32, Gemv64) and products at most two vectors wide computed in place (Small32, Small64). 2 x 2 max
 * pooling with stride 2 is vectorized (Pool32, Pool64), and so are im2col and col2im with stride 1 (Unfold32,
 * Unfold64); other strides use the interface's loops.
 */
public final class VectorKernels implements Kernels {

    /** The oracle, also used for strides the SIMD loops do not cover. */
    private final ScalarKernels scalar = new ScalarKernels();

    /** Called reflectively by {@code Backend.vector()}. */
    public VectorKernels() {
    }

    /**
     * Elementwise calls over at least this many values are split across the worker threads: below, a call
     * takes under about 100 us, less than a split costs the caller (see GemmPlan's FORK_ALONE_CYCLES).
     */
    private static final int SPLIT_MIN = 1 << 20;

    /** A range [from, to) of an elementwise call. */
    @FunctionalInterface
    private interface Range {
        void run(int from, int to);
    }

    /** Runs body over [0, n): whole, or in parts across the worker threads when n is large. */
    private static void split(int n, Range body) {
        int parts = parts(n);
        if (parts == 1) {
            body.run(0, n);
            return;
        }
        Parallel.forEach(parts, p -> body.run(cut(n, p, parts), cut(n, p + 1, parts)));
    }

    /** How many parts an elementwise call over n values runs in: each at least SPLIT_MIN / 2 values. */
    private static int parts(int n) {
        int t = Parallel.threads();
        return t > 1 && n >= SPLIT_MIN ? Math.min(t, n / (SPLIT_MIN / 2)) : 1;
    }

    /** Where part p of n values starts: a multiple of 64, so that no two parts write one cache line. */
    private static int cut(int n, int p, int parts) {
        return p == parts ? n : (int) ((long) n * p / parts) & ~63;
    }

    @Override
    public String name() {
        return "vector(float32 x" + FloatVector.SPECIES_PREFERRED.length()
                + ", float64 x" + DoubleVector.SPECIES_PREFERRED.length() + ")";
    }

    @Override
    public String toString() {
        return name();
    }

    private static boolean simd(int s) {
        return s == 0 || s == 1;
    }

    @Override
    public void unary(Unary op, double[] x, int xo, int xs, double[] out, int oo, int n) {
        split(n, (from, to) -> unaryRange(op, x, xo + from * xs, xs, out, oo + from, to - from));
    }

    private void unaryRange(Unary op, double[] x, int xo, int xs, double[] out, int oo, int n) {
        if (n <= 0) {
            return;
        }
        if (xs == 1) {
            int v = Unary64.apply(op, x, xo, out, oo, n);
            unaryEach(op, x, xo + v, 1, out, oo + v, n - v);
        } else if (xs == 0) {
            // One value, computed once and repeated.
            unaryEach(op, x, xo, 0, out, oo, 1);
            Arrays.fill(out, oo + 1, oo + n, out[oo]);
        } else {
            unaryEach(op, x, xo, xs, out, oo, n);
        }
    }

    /**
     * Values outside whole vectors, one at a time: each gets the bits a vector lane would give it, so that a
     * value's result does not depend on its index or its operand's layout.
     */
    private void unaryEach(Unary op, double[] x, int xo, int xs, double[] out, int oo, int n) {
        if (n > 0 && !Unary64.each(op, x, xo, xs, out, oo, n)) {
            scalar.unary(op, x, xo, xs, out, oo, n);
        }
    }

    @Override
    public void unary(Unary op, float[] x, int xo, int xs, float[] out, int oo, int n) {
        split(n, (from, to) -> unaryRange(op, x, xo + from * xs, xs, out, oo + from, to - from));
    }

    private void unaryRange(Unary op, float[] x, int xo, int xs, float[] out, int oo, int n) {
        if (n <= 0) {
            return;
        }
        if (xs == 1) {
            int v = Unary32.apply(op, x, xo, out, oo, n);
            unaryEach(op, x, xo + v, 1, out, oo + v, n - v);
        } else if (xs == 0) {
            unaryEach(op, x, xo, 0, out, oo, 1);
            Arrays.fill(out, oo + 1, oo + n, out[oo]);
        } else {
            unaryEach(op, x, xo, xs, out, oo, n);
        }
    }

    private void unaryEach(Unary op, float[] x, int xo, int xs, float[] out, int oo, int n) {
        if (n > 0 && !Unary32.each(op, x, xo, xs, out, oo, n)) {
            scalar.unary(op, x, xo, xs, out, oo, n);
        }
    }

    @Override
    public void binary(Binary op, double[] x, int xo, int xs, double[] y, int yo, int ys,
                       double[] out, int oo, int n) {
        split(n, (from, to) -> binaryRange(op, x, xo + from * xs, xs, y, yo + from * ys, ys, out, oo + from,
                to - from));
    }

    private void binaryRange(Binary op, double[] x, int xo, int xs, double[] y, int yo, int ys,
                             double[] out, int oo, int n) {
        if (n <= 0) {
            return;
        }
        if (xs == 0 && ys == 0) {
            scalar.binary(op, x, xo, 0, y, yo, 0, out, oo, 1);
            Arrays.fill(out, oo + 1, oo + n, out[oo]);
        } else if (simd(xs) && simd(ys)) {
            int v = Binary64.apply(op, x, xo, xs, y, yo, ys, out, oo, n);
            scalar.binary(op, x, xo + v * xs, xs, y, yo + v * ys, ys, out, oo + v, n - v);
        } else {
            scalar.binary(op, x, xo, xs, y, yo, ys, out, oo, n);
        }
    }

    @Override
    public void binary(Binary op, float[] x, int xo, int xs, float[] y, int yo, int ys,
                       float[] out, int oo, int n) {
        split(n, (from, to) -> binaryRange(op, x, xo + from * xs, xs, y, yo + from * ys, ys, out, oo + from,
                to - from));
    }

    private void binaryRange(Binary op, float[] x, int xo, int xs, float[] y, int yo, int ys,
                             float[] out, int oo, int n) {
        if (n <= 0) {
            return;
        }
        if (xs == 0 && ys == 0) {
            scalar.binary(op, x, xo, 0, y, yo, 0, out, oo, 1);
            Arrays.fill(out, oo + 1, oo + n, out[oo]);
        } else if (simd(xs) && simd(ys)) {
            int v = Binary32.apply(op, x, xo, xs, y, yo, ys, out, oo, n);
            scalar.binary(op, x, xo + v * xs, xs, y, yo + v * ys, ys, out, oo + v, n - v);
        } else {
            scalar.binary(op, x, xo, xs, y, yo, ys, out, oo, n);
        }
    }

    @Override
    public void select(double[] cond, int co, int cs, double[] a, int ao, int as, double[] b, int bo, int bs,
                       double[] out, int oo, int n) {
        split(n, (from, to) -> selectRange(cond, co + from * cs, cs, a, ao + from * as, as, b, bo + from * bs, bs,
                out, oo + from, to - from));
    }

    private void selectRange(double[] cond, int co, int cs, double[] a, int ao, int as, double[] b, int bo, int bs,
                             double[] out, int oo, int n) {
        if (n <= 0) {
            return;
        }
        if (cs == 0) {
            // One condition: the output is one branch, copied.
            boolean takeA = cond[co] != 0;
            unary(Unary.COPY, takeA ? a : b, takeA ? ao : bo, takeA ? as : bs, out, oo, n);
        } else if (cs == 1 && simd(as) && simd(bs)) {
            int v = Select64.apply(cond, co, a, ao, as, b, bo, bs, out, oo, n);
            scalar.select(cond, co + v, 1, a, ao + v * as, as, b, bo + v * bs, bs, out, oo + v, n - v);
        } else {
            scalar.select(cond, co, cs, a, ao, as, b, bo, bs, out, oo, n);
        }
    }

    @Override
    public void select(float[] cond, int co, int cs, float[] a, int ao, int as, float[] b, int bo, int bs,
                       float[] out, int oo, int n) {
        split(n, (from, to) -> selectRange(cond, co + from * cs, cs, a, ao + from * as, as, b, bo + from * bs, bs,
                out, oo + from, to - from));
    }

    private void selectRange(float[] cond, int co, int cs, float[] a, int ao, int as, float[] b, int bo, int bs,
                             float[] out, int oo, int n) {
        if (n <= 0) {
            return;
        }
        if (cs == 0) {
            boolean takeA = cond[co] != 0;
            unary(Unary.COPY, takeA ? a : b, takeA ? ao : bo, takeA ? as : bs, out, oo, n);
        } else if (cs == 1 && simd(as) && simd(bs)) {
            int v = Select32.apply(cond, co, a, ao, as, b, bo, bs, out, oo, n);
            scalar.select(cond, co + v, 1, a, ao + v * as, as, b, bo + v * bs, bs, out, oo + v, n - v);
        } else {
            scalar.select(cond, co, cs, a, ao, as, b, bo, bs, out, oo, n);
        }
    }

    @Override
    public double sum(double[] x, int xo, int n) {
        return Reduce64.sum(x, xo, n);
    }

    @Override
    public float sum(float[] x, int xo, int n) {
        return Reduce32.sum(x, xo, n);
    }

    @Override
    public int argmax(double[] x, int xo, int n) {
        return Reduce64.argmax(x, xo, n);
    }

    @Override
    public int argmax(float[] x, int xo, int n) {
        return Reduce32.argmax(x, xo, n);
    }

    @Override
    public void axpy(int n, double a, double[] x, int xo, double[] y, int yo) {
        Reduce64.axpy(n, a, x, xo, y, yo);
    }

    @Override
    public void axpy(int n, float a, float[] x, int xo, float[] y, int yo) {
        Reduce32.axpy(n, a, x, xo, y, yo);
    }

    @Override
    public void sgdMomentum(int n, double lr, double momentum, double keep, double weightDecay, boolean nesterov,
                            float[] p, int po, float[] g, int go, double[] buf, int so) {
        int vn = Update32.sgdMomentum(n, lr, momentum, keep, weightDecay, nesterov, p, po, g, go, buf, so);
        Kernels.super.sgdMomentum(n - vn, lr, momentum, keep, weightDecay, nesterov, p, po + vn, g, go + vn, buf,
                so + vn);
    }

    @Override
    public void adam(int n, double stepSize, double correction2Sqrt, double beta1, double beta2, double eps,
                     double weightDecay, double decay, float[] p, int po, float[] g, int go,
                     double[] m, double[] v, int so) {
        int vn = Update32.adam(n, stepSize, correction2Sqrt, beta1, beta2, eps, weightDecay, decay, p, po, g, go,
                m, v, so);
        Kernels.super.adam(n - vn, stepSize, correction2Sqrt, beta1, beta2, eps, weightDecay, decay, p, po + vn, g,
                go + vn, m, v, so + vn);
    }

    @Override
    public void transpose(double[] src, int so, int rows, int cols, double[] dst, int dd) {
        if (Transpose64.BLOCKS) {
            Transpose64.transpose(src, so, rows, cols, dst, dd);
        } else {
            Kernels.super.transpose(src, so, rows, cols, dst, dd);
        }
    }

    @Override
    public void transpose(float[] src, int so, int rows, int cols, float[] dst, int dd) {
        if (Transpose32.BLOCKS) {
            Transpose32.transpose(src, so, rows, cols, dst, dd);
        } else {
            Kernels.super.transpose(src, so, rows, cols, dst, dd);
        }
    }

    @Override
    public void im2col(double[] x, int xo, int c, int h, int w, int kh, int kw, int stride, int pad,
                       double[] cols, int co) {
        if (stride == 1) {
            Unfold64.im2col(x, xo, c, h, w, kh, kw, pad, cols, co);
        } else {
            Kernels.super.im2col(x, xo, c, h, w, kh, kw, stride, pad, cols, co);
        }
    }

    @Override
    public void im2col(float[] x, int xo, int c, int h, int w, int kh, int kw, int stride, int pad,
                       float[] cols, int co) {
        if (stride == 1) {
            Unfold32.im2col(x, xo, c, h, w, kh, kw, pad, cols, co);
        } else {
            Kernels.super.im2col(x, xo, c, h, w, kh, kw, stride, pad, cols, co);
        }
    }

    @Override
    public boolean patchProduct(double[] x, int xo, int c, int h, int w, int kh, int kw, int pad, double[] wt,
                                int wo, int o, boolean add, double[] out, int oo) {
        if (!Patches64.fits(o, h + 2 * pad - kh + 1, w + 2 * pad - kw + 1)) {
            return false;
        }
        Patches64.product(x, xo, c, h, w, kh, kw, pad, wt, wo, o, add, out, oo);
        return true;
    }

    @Override
    public boolean patchProduct(float[] x, int xo, int c, int h, int w, int kh, int kw, int pad, float[] wt,
                                int wo, int o, boolean add, float[] out, int oo) {
        if (!Patches32.fits(o, h + 2 * pad - kh + 1, w + 2 * pad - kw + 1)) {
            return false;
        }
        Patches32.product(x, xo, c, h, w, kh, kw, pad, wt, wo, o, add, out, oo);
        return true;
    }

    @Override
    public boolean patchProductT(double[] x, int xo, int c, int h, int w, int kh, int kw, int pad, double[] g,
                                 int go, int o, boolean add, double[] out, int oo) {
        if (!Patches64.fitsT(o, c * kh * kw, kw, h + 2 * pad - kh + 1, w + 2 * pad - kw + 1)) {
            return false;
        }
        Patches64.productT(x, xo, c, h, w, kh, kw, pad, g, go, o, add, out, oo);
        return true;
    }

    @Override
    public boolean patchProductT(float[] x, int xo, int c, int h, int w, int kh, int kw, int pad, float[] g,
                                 int go, int o, boolean add, float[] out, int oo) {
        if (!Patches32.fitsT(o, c * kh * kw, kw, h + 2 * pad - kh + 1, w + 2 * pad - kw + 1)) {
            return false;
        }
        Patches32.productT(x, xo, c, h, w, kh, kw, pad, g, go, o, add, out, oo);
        return true;
    }

    @Override
    public void col2im(double[] cols, int co, int c, int h, int w, int kh, int kw, int stride, int pad,
                       double[] x, int xo, boolean accumulate) {
        if (stride == 1 && !accumulate && Unfold64.col2imFits(cols, co, c, h, w, kh, kw, pad)) {
            Unfold64.col2im(cols, co, c, h, w, kh, kw, pad, x, xo);
        } else {
            Kernels.super.col2im(cols, co, c, h, w, kh, kw, stride, pad, x, xo, accumulate);
        }
    }

    @Override
    public void col2im(float[] cols, int co, int c, int h, int w, int kh, int kw, int stride, int pad,
                       float[] x, int xo, boolean accumulate) {
        if (stride == 1 && !accumulate && Unfold32.col2imFits(cols, co, c, h, w, kh, kw, pad)) {
            Unfold32.col2im(cols, co, c, h, w, kh, kw, pad, x, xo);
        } else {
            Kernels.super.col2im(cols, co, c, h, w, kh, kw, stride, pad, x, xo, accumulate);
        }
    }

    @Override
    public void maxPool2d(double[] x, int xo, int h, int w, int kh, int kw, int stride, double[] out, int oo,
                          int[] index, int io, int base) {
        if (kh == 2 && kw == 2 && stride == 2) {
            Pool64.maxPool2x2(x, xo, h, w, out, oo, index, io, base);
        } else {
            Kernels.super.maxPool2d(x, xo, h, w, kh, kw, stride, out, oo, index, io, base);
        }
    }

    @Override
    public void maxPool2x2Channels(float[] x, int xo, int h, int w, int c, boolean relu, float[] out, int oo,
                                   int[] index, int io, int base) {
        if (c % FloatVector.SPECIES_PREFERRED.length() == 0) {
            Pool32.maxPool2x2Channels(x, xo, h, w, c, relu, out, oo, index, io, base);
        } else {
            Kernels.super.maxPool2x2Channels(x, xo, h, w, c, relu, out, oo, index, io, base);
        }
    }

    @Override
    public void maxPool2d(float[] x, int xo, int h, int w, int kh, int kw, int stride, float[] out, int oo,
                          int[] index, int io, int base) {
        if (kh == 2 && kw == 2 && stride == 2) {
            Pool32.maxPool2x2(x, xo, h, w, out, oo, index, io, base);
        } else {
            Kernels.super.maxPool2d(x, xo, h, w, kh, kw, stride, out, oo, index, io, base);
        }
    }

    @Override
    public void gemm(boolean transA, boolean transB, int m, int n, int k, double alpha,
                     double[] a, int ao, int lda, double[] b, int bo, int ldb,
                     double beta, double[] c, int co, int ldc) {
        Gemm64.gemm(transA, transB, m, n, k, alpha, a, ao, lda, b, bo, ldb, beta, c, co, ldc);
    }

    @Override
    public void gemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
                     float[] a, int ao, int lda, float[] b, int bo, int ldb,
                     float beta, float[] c, int co, int ldc) {
        Gemm32.gemm(transA, transB, m, n, k, alpha, a, ao, lda, b, bo, ldb, beta, c, co, ldc);
    }

    @Override
    public void affine(boolean transA, boolean transB, int m, int n, int k, double[] a, int ao, int lda,
                       double[] b, int bo, int ldb, double[] bias, int biasOffset, boolean relu,
                       double[] c, int co, int ldc) {
        Gemm64.affine(transA, transB, m, n, k, a, ao, lda, b, bo, ldb, bias, biasOffset, relu, c, co, ldc);
    }

    @Override
    public void affine(boolean transA, boolean transB, int m, int n, int k, float[] a, int ao, int lda,
                       float[] b, int bo, int ldb, float[] bias, int biasOffset, boolean relu,
                       float[] c, int co, int ldc) {
        Gemm32.affine(transA, transB, m, n, k, a, ao, lda, b, bo, ldb, bias, biasOffset, relu, c, co, ldc);
    }
}
