package dev.jgrad.op;

import dev.jgrad.DType;
import dev.jgrad.Shape;
import dev.jgrad.ShapeException;
import dev.jgrad.Tensor;
import dev.jgrad.backend.Kernels;
import dev.jgrad.backend.Parallel;

import java.util.Arrays;

/**
 * Value-level loops shared by {@link Conv2d}, {@link ConvTranspose2d} and {@link Conv2dWeightGrad}: one
 * image at a time, and within it one group of channels at a time, the patch columns (group kh kw, OH OW) are
 * unfolded into a per-thread scratch buffer that stays in cache and is reused, then multiplied by the matching
 * columns of the weights W (O, C kh kw) in one GEMM. Nothing of batch size is ever materialized beyond the
 * operands and the result: unfolding the whole batch (80 MB for a 5x5 conv of a 32-channel 14x14 batch of
 * 128) costs more in fresh-page faults and memory traffic than the GEMM itself. Threads take contiguous
 * ranges of images (a few per thread, claimed as they finish), each running its GEMMs single-threaded; a
 * batch smaller than the thread count runs on the caller, whose GEMMs split across threads instead. 1x1
 * convolutions with stride 1 and no padding skip the unfolding: the image is its own column matrix.
 */
final class ConvLoops {

    /** A group's rows: one GEMM k-block (KC = 256 in the vector GEMM), so the group is one pass over C. */
    static final int GROUP_ROWS = 256;
    /** A group's values: 192 KiB of float32, well inside a 512 KiB L2. */
    static final int GROUP_FLOATS = 48 * 1024;

    private ConvLoops() {
    }

    /** A convolution's sizes: input (n, c, h, w), weights (o, c, kh, kw), output (n, o, oh, ow). */
    record Geometry(int n, int c, int h, int w, int o, int kh, int kw, int stride, int pad, int oh, int ow) {

        /** Checks the window against the image (shape errors name {@code op}) and derives the output size. */
        static Geometry of(String op, int[] x, int o, int kh, int kw, int stride, int pad) {
            int[] out = Im2col.outputSize(op, "input " + Shape.format(x), x[2], x[3], kh, kw, stride, pad);
            return new Geometry(x[0], x[1], x[2], x[3], o, kh, kw, stride, pad, out[0], out[1]);
        }

        int rows() {
            return c * kh * kw;
        }

        int cols() {
            return oh * ow;
        }

        int image() {
            return c * h * w;
        }

        int outImage() {
            return o * oh * ow;
        }

        boolean pointwise() {
            return kh == 1 && kw == 1 && stride == 1 && pad == 0;
        }

        /**
         * Channels unfolded at a time: their patch columns (at most {@link #GROUP_ROWS} rows, about
         * {@link #GROUP_FLOATS} values) stay in L2 between im2col, GEMM packing and col2im. Groups are balanced,
         * so that no group is a small remainder. A 1x1 convolution reads the image in place: one group.
         */
        int group() {
            if (pointwise() || c == 0) {
                return Math.max(c, 1);
            }
            int k = kh * kw;
            int most = Math.max(1, Math.min(GROUP_ROWS / k, GROUP_FLOATS / Math.max(1, k * oh * ow)));
            int groups = Math.ceilDiv(c, most);
            return Math.ceilDiv(c, groups);
        }

        int[] inputShape() {
            return new int[]{n, c, h, w};
        }

        int[] outputShape() {
            return new int[]{n, o, oh, ow};
        }

        int[] weightShape() {
            return new int[]{o, c, kh, kw};
        }
    }

    /** Checks a rank-4 operand; {@code what} names it in the message. */
    static int[] rank4(String op, String what, Tensor t) {
        int[] s = t.shape();
        if (s.length != 4) {
            throw new ShapeException(op + ": expected a rank-4 " + what + ", got " + Shape.format(s));
        }
        return s;
    }

    /** Receives one worker's contiguous range of images [first, end); {@code chunk} numbers the range. */
    private interface Images {
        void run(int chunk, int first, int end);
    }

    /**
     * The number of image ranges: four per thread, taken by whichever thread is free, so that a thread that
     * runs slower (a busy core) does not leave the others waiting at the end; 1 (the caller, whose GEMMs
     * then split across threads) when there are fewer images than threads.
     */
    private static int chunks(int n) {
        int t = Parallel.threads();
        return n >= t && t > 1 ? Math.min(n, 4 * t) : 1;
    }

    private static void byImages(int n, Images body) {
        int chunks = chunks(n);
        Parallel.forEach(chunks, t -> body.run(t, (int) ((long) n * t / chunks), (int) ((long) n * (t + 1) / chunks)));
    }

    /**
     * Per-thread scratch buffers, grown on demand (fresh pages are slow to touch): slot 0 for one image's
     * columns, slot 1 for one image's output gradient transposed.
     */
    private static final class Scratch {
        private final float[][] f = {new float[0], new float[0]};
        private final double[][] d = {new double[0], new double[0]};

        float[] f32(int size) {
            return f32(0, size);
        }

        double[] f64(int size) {
            return f64(0, size);
        }

        float[] f32(int slot, int size) {
            if (f[slot].length < size) {
                f[slot] = new float[size];
            }
            return f[slot];
        }

        double[] f64(int slot, int size) {
            if (d[slot].length < size) {
                d[slot] = new double[size];
            }
            return d[slot];
        }
    }

    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    // ------------------------------------------------------------------ out = conv(x, w) + b

    /**
     * out[n] = W (O, C kh kw) @ cols(x[n]) (+ b[o] on row o): (N, O, OH, OW), one channel group of columns at a
     * time, accumulated into out[n]. {@code b} may be null.
     */
    static Tensor conv(Tensor x, Tensor w, Tensor b, Geometry g) {
        Tensor xc = Compute.contiguous(x);
        Tensor wc = Compute.contiguous(w);
        Tensor bc = b == null ? null : Compute.contiguous(b);
        Tensor out = Compute.empty(x.dtype(), g.outputShape());
        if (out.numel() == 0) {
            return out;
        }
        Kernels k = Compute.kernels();
        int rows = g.rows();
        int l = g.cols();
        int kk = g.kh() * g.kw();
        int group = g.group();
        int plane = g.h() * g.w();
        if (x.dtype() == DType.FLOAT64) {
            double[] xd = xc.f64();
            double[] wd = wc.f64();
            double[] od = out.f64();
            byImages(g.n(), (t, n0, n1) -> {
                double[] cols = g.pointwise() ? xd : SCRATCH.get().f64(group * kk * l);
                for (int n = n0; n < n1; n++) {
                    int oo = n * g.outImage();
                    if (bc != null) {
                        for (int o = 0; o < g.o(); o++) {
                            Arrays.fill(od, oo + o * l, oo + (o + 1) * l, bc.f64()[bc.offset() + o]);
                        }
                    }
                    for (int c0 = 0; c0 < g.c() || c0 == 0; c0 += group) {
                        int cn = Math.min(group, g.c() - c0);
                        int xo = xc.offset() + n * g.image() + c0 * plane;
                        if (!g.pointwise()) {
                            k.im2col(xd, xo, cn, g.h(), g.w(), g.kh(), g.kw(), g.stride(), g.pad(), cols, 0);
                        }
                        k.gemm(false, false, g.o(), l, cn * kk, 1.0, wd, wc.offset() + c0 * kk, rows,
                                cols, g.pointwise() ? xo : 0, l, bc == null && c0 == 0 ? 0.0 : 1.0, od, oo, l);
                    }
                }
            });
        } else {
            float[] xf = xc.f32();
            float[] wf = wc.f32();
            float[] of = out.f32();
            byImages(g.n(), (t, n0, n1) -> {
                float[] cols = g.pointwise() ? xf : SCRATCH.get().f32(group * kk * l);
                for (int n = n0; n < n1; n++) {
                    int oo = n * g.outImage();
                    if (bc != null) {
                        for (int o = 0; o < g.o(); o++) {
                            Arrays.fill(of, oo + o * l, oo + (o + 1) * l, bc.f32()[bc.offset() + o]);
                        }
                    }
                    for (int c0 = 0; c0 < g.c() || c0 == 0; c0 += group) {
                        int cn = Math.min(group, g.c() - c0);
                        int xo = xc.offset() + n * g.image() + c0 * plane;
                        if (!g.pointwise()) {
                            k.im2col(xf, xo, cn, g.h(), g.w(), g.kh(), g.kw(), g.stride(), g.pad(), cols, 0);
                        }
                        k.gemm(false, false, g.o(), l, cn * kk, 1f, wf, wc.offset() + c0 * kk, rows,
                                cols, g.pointwise() ? xo : 0, l, bc == null && c0 == 0 ? 0f : 1f, of, oo, l);
                    }
                }
            });
        }
        return out;
    }

    // ------------------------------------------------------------------ dx = convTranspose(dout, w)

    /**
     * dx[n] = col2im(W^T (C kh kw, O) @ dout[n] (O, OH OW)): (N, C, H, W), overlapping patches summed; one channel
     * group at a time, so the columns are folded back while they are still in cache.
     */
    static Tensor convTranspose(Tensor dout, Tensor w, Geometry g) {
        Tensor gc = Compute.contiguous(dout);
        Tensor wc = Compute.contiguous(w);
        Tensor dx = Compute.empty(dout.dtype(), g.inputShape());
        if (dx.numel() == 0) {
            return dx;
        }
        Kernels k = Compute.kernels();
        int rows = g.rows();
        int l = g.cols();
        int kk = g.kh() * g.kw();
        int group = g.group();
        int plane = g.h() * g.w();
        if (dout.dtype() == DType.FLOAT64) {
            double[] gd = gc.f64();
            double[] wd = wc.f64();
            double[] xd = dx.f64();
            byImages(g.n(), (t, n0, n1) -> {
                double[] cols = g.pointwise() ? xd : SCRATCH.get().f64(group * kk * l);
                for (int n = n0; n < n1; n++) {
                    for (int c0 = 0; c0 < g.c(); c0 += group) {
                        int cn = Math.min(group, g.c() - c0);
                        int xo = n * g.image() + c0 * plane;
                        k.gemm(true, false, cn * kk, l, g.o(), 1.0, wd, wc.offset() + c0 * kk, rows, gd,
                                gc.offset() + n * g.outImage(), l, 0.0, cols, g.pointwise() ? xo : 0, l);
                        if (!g.pointwise()) {
                            k.col2im(cols, 0, cn, g.h(), g.w(), g.kh(), g.kw(), g.stride(), g.pad(), xd, xo);
                        }
                    }
                }
            });
        } else {
            float[] gf = gc.f32();
            float[] wf = wc.f32();
            float[] xf = dx.f32();
            byImages(g.n(), (t, n0, n1) -> {
                float[] cols = g.pointwise() ? xf : SCRATCH.get().f32(group * kk * l);
                for (int n = n0; n < n1; n++) {
                    for (int c0 = 0; c0 < g.c(); c0 += group) {
                        int cn = Math.min(group, g.c() - c0);
                        int xo = n * g.image() + c0 * plane;
                        k.gemm(true, false, cn * kk, l, g.o(), 1f, wf, wc.offset() + c0 * kk, rows, gf,
                                gc.offset() + n * g.outImage(), l, 0f, cols, g.pointwise() ? xo : 0, l);
                        if (!g.pointwise()) {
                            k.col2im(cols, 0, cn, g.h(), g.w(), g.kh(), g.kw(), g.stride(), g.pad(), xf, xo);
                        }
                    }
                }
            });
        }
        return dx;
    }

    // ------------------------------------------------------------------ dw = sum over n of dout[n] @ cols(x[n])^T

    /**
     * dw = sum over the batch of dout[n] (O, OH OW) @ cols(x[n])^T (OH OW, C kh kw): (O, C, kh, kw), one channel
     * group of columns at a time. Computed transposed, dw^T (C kh kw, O) += cols @ dout[n]^T, so that GEMM packs
     * the large operand (the columns) in its plain layout; dout[n] is transposed once per image into scratch,
     * since packing it transposed (a scalar gather) for every channel group cost more than the GEMM's packing.
     * Each image range sums its images into its own buffer; the buffers are added (and transposed) in range
     * order, so the result does not depend on scheduling (the number of ranges does depend on the thread count).
     */
    static Tensor weightGrad(Tensor x, Tensor dout, Geometry g) {
        Tensor xc = Compute.contiguous(x);
        Tensor gc = Compute.contiguous(dout);
        Tensor dw = Compute.empty(x.dtype(), g.weightShape());
        if (dw.numel() == 0) {
            return dw;
        }
        Kernels k = Compute.kernels();
        int rows = g.rows();
        int o = g.o();
        int l = g.cols();
        int kk = g.kh() * g.kw();
        int group = g.group();
        int plane = g.h() * g.w();
        int chunks = chunks(g.n());
        if (x.dtype() == DType.FLOAT64) {
            double[] xd = xc.f64();
            double[] gd = gc.f64();
            double[][] acc = new double[chunks][rows * o];  // (C kh kw, O) per worker
            byImages(g.n(), (t, n0, n1) -> {
                Scratch scratch = SCRATCH.get();
                double[] cols = g.pointwise() ? xd : scratch.f64(group * kk * l);
                double[] gt = scratch.f64(1, l * o);
                for (int n = n0; n < n1; n++) {
                    k.transpose(gd, gc.offset() + n * g.outImage(), o, l, gt, 0);
                    for (int c0 = 0; c0 < g.c(); c0 += group) {
                        int cn = Math.min(group, g.c() - c0);
                        int xo = xc.offset() + n * g.image() + c0 * plane;
                        if (!g.pointwise()) {
                            k.im2col(xd, xo, cn, g.h(), g.w(), g.kh(), g.kw(), g.stride(), g.pad(), cols, 0);
                        }
                        k.gemm(false, false, cn * kk, o, l, 1.0, cols, g.pointwise() ? xo : 0, l, gt, 0, o,
                                n == n0 ? 0.0 : 1.0, acc[t], c0 * kk * o, o);
                    }
                }
            });
            double[] out = dw.f64();
            for (int t = 0; t < chunks; t++) {
                for (int r = 0; r < rows; r++) {
                    for (int j = 0; j < o; j++) {
                        out[j * rows + r] += acc[t][r * o + j];
                    }
                }
            }
        } else {
            float[] xf = xc.f32();
            float[] gf = gc.f32();
            float[][] acc = new float[chunks][rows * o];
            byImages(g.n(), (t, n0, n1) -> {
                Scratch scratch = SCRATCH.get();
                float[] cols = g.pointwise() ? xf : scratch.f32(group * kk * l);
                float[] gt = scratch.f32(1, l * o);
                for (int n = n0; n < n1; n++) {
                    k.transpose(gf, gc.offset() + n * g.outImage(), o, l, gt, 0);
                    for (int c0 = 0; c0 < g.c(); c0 += group) {
                        int cn = Math.min(group, g.c() - c0);
                        int xo = xc.offset() + n * g.image() + c0 * plane;
                        if (!g.pointwise()) {
                            k.im2col(xf, xo, cn, g.h(), g.w(), g.kh(), g.kw(), g.stride(), g.pad(), cols, 0);
                        }
                        k.gemm(false, false, cn * kk, o, l, 1f, cols, g.pointwise() ? xo : 0, l, gt, 0, o,
                                n == n0 ? 0f : 1f, acc[t], c0 * kk * o, o);
                    }
                }
            });
            float[] out = dw.f32();
            for (int t = 0; t < chunks; t++) {
                for (int r = 0; r < rows; r++) {
                    for (int j = 0; j < o; j++) {
                        out[j * rows + r] += acc[t][r * o + j];
                    }
                }
            }
        }
        return dw;
    }
}
