package dev.jgrad.op;

import dev.jgrad.DType;
import dev.jgrad.Shape;
import dev.jgrad.ShapeException;
import dev.jgrad.Tensor;
import dev.jgrad.backend.Kernels;
import dev.jgrad.backend.Kernels.Unary;
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

    /** A group's rows: at most one GEMM k-block (KC = 512 in the vector GEMM), so the group is one pass over C. */
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

    /**
     * Max pooling fused after a convolution and its ReLU: kh x kw windows at {@code stride}, no padding, over
     * each (OH, OW) output plane.
     */
    record Pool(int kh, int kw, int stride) {

        /** The pooled plane's height and width for a convolution of geometry g. */
        int[] size(Geometry g) {
            return new int[]{(g.oh() - kh) / stride + 1, (g.ow() - kw) / stride + 1};
        }

        /** The pooled plane's values. */
        int plane(Geometry g) {
            int[] s = size(g);
            return s[0] * s[1];
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
        byImages(n, chunks(n), body);
    }

    /** body over {@code ranges} contiguous image ranges, claimed by whichever thread is free. */
    private static void byImages(int n, int ranges, Images body) {
        Parallel.forEach(ranges, t -> body.run(t, (int) ((long) n * t / ranges), (int) ((long) n * (t + 1) / ranges)));
    }

    /**
     * Per-thread scratch buffers, grown on demand (fresh pages are slow to touch): slot 0 for one image's
     * columns, slot 1 for one image's output gradient transposed (or its output, transposed), slot 2 for the
     * gradient gated by a ReLU (or unpooled), slot 3 for one image's output before pooling.
     */
    private static final class Scratch {
        private final float[][] f = {new float[0], new float[0], new float[0], new float[0]};
        private final double[][] d = {new double[0], new double[0], new double[0], new double[0]};

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
    /** A zero for the gate's select, read with stride 0. */
    private static final float[] ZERO_F32 = {0f};
    private static final double[] ZERO_F64 = {0.0};

    // ------------------------------------------------------------------ out = conv(x, w) + b

    /**
     * Whether the forward pass computes each image transposed, out[n]^T (OH OW, O) = cols^T @ W^T, then
     * transposes it into place: for a few output channels (a multiple of 16, at most 64) over many positions,
     * with deep channel groups. The positions become the GEMM's rows, where its 6-row tiles waste little
     * (one partial tile in 196 rows), and the O channels one 16-64 wide column panel, which W^T (transposed
     * once per call) already is in packed layout. In the plain orientation 196 columns leave a 4-wide edge
     * panel on every row tile and B is packed for every image and group. Where the backend can read the patches
     * straight from the image ({@code Kernels.patchProduct}), the columns are not unfolded at all.
     */
    static boolean transposedForward(Geometry g) {
        return !g.pointwise() && g.o() <= 64 && g.o() % 16 == 0 && g.group() * g.kh() * g.kw() >= 64
                && g.cols() >= 2 * g.o();
    }

    /**
     * out[n] = W (O, C kh kw) @ cols(x[n]) (+ b[o] on row o): (N, O, OH, OW), one channel group of columns at a
     * time, accumulated into out[n], then ReLU on out[n] when {@code relu} (while it is in cache). {@code b} may
     * be null.
     */
    static Tensor conv(Tensor x, Tensor w, Tensor b, Geometry g, boolean relu) {
        return conv(x, w, b, g, relu, null, null);
    }

    /**
     * As {@link #conv(Tensor, Tensor, Tensor, Geometry, boolean)}, then, with a {@code pool}, max pooling of each
     * image's output while it is in cache: the result is (N, O, PH, PW), and {@code argmax} receives each
     * window's position in the (N, O, OH, OW) convolution output (see {@code Kernels.maxPool2d}); the
     * convolution output itself is never stored.
     */
    static Tensor conv(Tensor x, Tensor w, Tensor b, Geometry g, boolean relu, Pool pool, int[] argmax) {
        Tensor xc = Compute.contiguous(x);
        Tensor wc = Compute.contiguous(w);
        Tensor bc = b == null ? null : Compute.contiguous(b);
        int[] ps = pool == null ? null : pool.size(g);
        int pl = pool == null ? 0 : pool.plane(g);
        Tensor out = Compute.empty(x.dtype(), pool == null ? g.outputShape() : new int[]{g.n(), g.o(), ps[0], ps[1]});
        if (out.numel() == 0) {
            return out;
        }
        Kernels k = Compute.kernels();
        int rows = g.rows();
        int l = g.cols();
        int kk = g.kh() * g.kw();
        int group = g.group();
        int plane = g.h() * g.w();
        int o = g.o();
        boolean transposed = transposedForward(g);
        if (x.dtype() == DType.FLOAT64) {
            double[] xd = xc.f64();
            double[] wd = wc.f64();
            double[] od = out.f64();
            double[] wt = transposed ? new double[rows * o] : null;  // W^T (C kh kw, O)
            if (transposed) {
                k.transpose(wd, wc.offset(), o, rows, wt, 0);
            }
            byImages(g.n(), (t, n0, n1) -> {
                double[] cols = g.pointwise() ? xd : SCRATCH.get().f64(group * kk * l);
                double[] ct = transposed ? SCRATCH.get().f64(1, l * o) : null;
                double[] dst = pool == null ? od : SCRATCH.get().f64(3, g.outImage());  // one image's output
                for (int n = n0; n < n1; n++) {
                    int oo = pool == null ? n * g.outImage() : 0;
                    if (transposed) {
                        for (int r = 0; r < l && bc != null; r++) {
                            System.arraycopy(bc.f64(), bc.offset(), ct, r * o, o);
                        }
                        int xo = xc.offset() + n * g.image();
                        boolean direct = g.stride() == 1 && k.patchProduct(xd, xo, g.c(), g.h(), g.w(), g.kh(),
                                g.kw(), g.pad(), wt, 0, o, bc != null, ct, 0);
                        for (int c0 = 0; c0 < g.c() && !direct; c0 += group) {
                            int cn = Math.min(group, g.c() - c0);
                            k.im2col(xd, xo + c0 * plane, cn, g.h(), g.w(), g.kh(), g.kw(), g.stride(), g.pad(),
                                    cols, 0);
                            k.gemm(true, false, l, o, cn * kk, 1.0, cols, 0, l, wt, c0 * kk * o, o,
                                    bc == null && c0 == 0 ? 0.0 : 1.0, ct, 0, o);
                        }
                        k.transpose(ct, 0, l, o, dst, oo);
                    } else {
                        if (bc != null) {
                            for (int j = 0; j < o; j++) {
                                Arrays.fill(dst, oo + j * l, oo + (j + 1) * l, bc.f64()[bc.offset() + j]);
                            }
                        }
                        for (int c0 = 0; c0 < g.c() || c0 == 0; c0 += group) {
                            int cn = Math.min(group, g.c() - c0);
                            int xo = xc.offset() + n * g.image() + c0 * plane;
                            if (!g.pointwise()) {
                                k.im2col(xd, xo, cn, g.h(), g.w(), g.kh(), g.kw(), g.stride(), g.pad(), cols, 0);
                            }
                            k.gemm(false, false, o, l, cn * kk, 1.0, wd, wc.offset() + c0 * kk, rows, cols,
                                    g.pointwise() ? xo : 0, l, bc == null && c0 == 0 ? 0.0 : 1.0, dst, oo, l);
                        }
                    }
                    if (relu) {
                        k.unary(Unary.RELU, dst, oo, 1, dst, oo, g.outImage());
                    }
                    if (pool != null) {
                        pool(k, g, pool, pl, dst, od, n * o * pl, argmax, n);
                    }
                }
            });
        } else {
            float[] xf = xc.f32();
            float[] wf = wc.f32();
            float[] of = out.f32();
            float[] wt = transposed ? new float[rows * o] : null;
            if (transposed) {
                k.transpose(wf, wc.offset(), o, rows, wt, 0);
            }
            // 2 x 2 pooling after a transposed product reads the position-major output as it is: each window's
            // channels are whole vectors there, where the channel planes of a 14 x 14 output fill 7 of 16 lanes
            // (cnn128's conv2 forward, with its ReLU and pooling: 0.92-0.97x the time in its fastest rounds).
            boolean pool2x2 = transposed && pool != null && pool.kh() == 2 && pool.kw() == 2 && pool.stride() == 2;
            byImages(g.n(), (t, n0, n1) -> {
                float[] cols = g.pointwise() ? xf : SCRATCH.get().f32(group * kk * l);
                float[] ct = transposed ? SCRATCH.get().f32(1, l * o) : null;
                // One image's output before pooling (not needed where it is pooled straight from ct).
                float[] dst = pool == null ? of : pool2x2 ? null : SCRATCH.get().f32(3, g.outImage());
                for (int n = n0; n < n1; n++) {
                    int oo = pool == null ? n * g.outImage() : 0;
                    if (transposed) {
                        for (int r = 0; r < l && bc != null; r++) {
                            System.arraycopy(bc.f32(), bc.offset(), ct, r * o, o);
                        }
                        int xo = xc.offset() + n * g.image();
                        boolean direct = g.stride() == 1 && k.patchProduct(xf, xo, g.c(), g.h(), g.w(), g.kh(),
                                g.kw(), g.pad(), wt, 0, o, bc != null, ct, 0);
                        for (int c0 = 0; c0 < g.c() && !direct; c0 += group) {
                            int cn = Math.min(group, g.c() - c0);
                            k.im2col(xf, xo + c0 * plane, cn, g.h(), g.w(), g.kh(), g.kw(), g.stride(), g.pad(),
                                    cols, 0);
                            k.gemm(true, false, l, o, cn * kk, 1f, cols, 0, l, wt, c0 * kk * o, o,
                                    bc == null && c0 == 0 ? 0f : 1f, ct, 0, o);
                        }
                        if (pool2x2) {  // ReLU and pooling straight from the position-major output
                            k.maxPool2x2Channels(ct, 0, g.oh(), g.ow(), o, relu, of, n * o * pl, argmax, n * o * pl,
                                    n * g.outImage());
                            continue;
                        }
                        k.transpose(ct, 0, l, o, dst, oo);
                    } else {
                        if (bc != null) {
                            for (int j = 0; j < o; j++) {
                                Arrays.fill(dst, oo + j * l, oo + (j + 1) * l, bc.f32()[bc.offset() + j]);
                            }
                        }
                        for (int c0 = 0; c0 < g.c() || c0 == 0; c0 += group) {
                            int cn = Math.min(group, g.c() - c0);
                            int xo = xc.offset() + n * g.image() + c0 * plane;
                            if (!g.pointwise()) {
                                k.im2col(xf, xo, cn, g.h(), g.w(), g.kh(), g.kw(), g.stride(), g.pad(), cols, 0);
                            }
                            k.gemm(false, false, o, l, cn * kk, 1f, wf, wc.offset() + c0 * kk, rows, cols,
                                    g.pointwise() ? xo : 0, l, bc == null && c0 == 0 ? 0f : 1f, dst, oo, l);
                        }
                    }
                    if (relu) {
                        k.unary(Unary.RELU, dst, oo, 1, dst, oo, g.outImage());
                    }
                    if (pool != null) {
                        pool(k, g, pool, pl, dst, of, n * o * pl, argmax, n);
                    }
                }
            });
        }
        return out;
    }

    /**
     * Max pooling of image n's output planes (at 0 in src) into planes of pl values in out from oo; positions
     * count from image n's.
     */
    private static void pool(Kernels k, Geometry g, Pool pool, int pl, double[] src, double[] out, int oo,
                             int[] argmax, int n) {
        for (int j = 0; j < g.o(); j++) {
            k.maxPool2d(src, j * g.cols(), g.oh(), g.ow(), pool.kh(), pool.kw(), pool.stride(), out, oo + j * pl,
                    argmax, oo + j * pl, n * g.outImage() + j * g.cols());
        }
    }

    private static void pool(Kernels k, Geometry g, Pool pool, int pl, float[] src, float[] out, int oo,
                             int[] argmax, int n) {
        for (int j = 0; j < g.o(); j++) {
            k.maxPool2d(src, j * g.cols(), g.oh(), g.ow(), pool.kh(), pool.kw(), pool.stride(), out, oo + j * pl,
                    argmax, oo + j * pl, n * g.outImage() + j * g.cols());
        }
    }

    // ------------------------------------------------------------------ the backward pass

    /**
     * Whether dx may be computed as a stride-1 convolution of dout (padded by k - 1 - pad) with the flipped
     * kernel, channels swapped: a square kernel (one padding for both axes) and padding below its size.
     */
    private static boolean patchDx(Geometry g) {
        return g.stride() == 1 && !g.pointwise() && g.kh() == g.kw() && g.pad() <= g.kh() - 1;
    }

    /**
     * The flipped kernel of a convolution's dx, as the weights of the full convolution of dout: (O kh kw, C),
     * row (oc, i, j) holding W[oc][c][kh - 1 - i][kw - 1 - j] for each c. Returned as each entry's position in
     * W (O, C, kh, kw), for either dtype to gather.
     */
    private static int[] flipIndex(Geometry g) {
        int c = g.c();
        int kh = g.kh();
        int kw = g.kw();
        int[] f = new int[g.o() * kh * kw * c];
        for (int oc = 0, r = 0; oc < g.o(); oc++) {
            for (int i = 0; i < kh; i++) {
                for (int j = 0; j < kw; j++, r++) {
                    for (int ch = 0; ch < c; ch++) {
                        f[r * c + ch] = ((oc * c + ch) * kh + kh - 1 - i) * kw + kw - 1 - j;
                    }
                }
            }
        }
        return f;
    }

    private static double[] flipped(double[] w, int wo, Geometry g) {
        int[] index = flipIndex(g);
        double[] f = new double[index.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = w[wo + index[i]];
        }
        return f;
    }

    private static float[] flipped(float[] w, int wo, Geometry g) {
        int[] index = flipIndex(g);
        float[] f = new float[index.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = w[wo + index[i]];
        }
        return f;
    }

    /**
     * dx[n] = col2im(W^T (C kh kw, O) @ dout[n] (O, OH OW)): (N, C, H, W), overlapping patches summed; one channel
     * group at a time, so the columns are folded back while they are still in cache.
     */
    static Tensor convTranspose(Tensor dout, Tensor w, Geometry g) {
        return backward(null, w, dout, null, g, true, false, false)[0];
    }

    /**
     * dw = sum over the batch of dout[n] (O, OH OW) @ cols(x[n])^T (OH OW, C kh kw): (O, C, kh, kw), one channel
     * group of columns at a time.
     */
    static Tensor weightGrad(Tensor x, Tensor dout, Geometry g) {
        return backward(x, null, dout, null, g, false, true, false)[1];
    }

    /**
     * The gradients {dx, dw, db} of a convolution out = conv(x, w) + b from dout, those asked for (null for the
     * others), in one pass over the images: each image's dout[n] is read from memory once and serves all three
     * while it is in cache. x is needed for dw only, w for dx only.
     * <ul>
     *   <li>dx[n] = col2im(W^T (C kh kw, O) @ dout[n]) per channel group, folded back while the columns are in
     *       cache; or, where the backend reads patches straight from an image ({@code Kernels.patchProduct}),
     *       the full convolution of dout[n] (padded by k - 1 - pad) with the flipped kernel, position-major,
     *       transposed into place: no columns at all.</li>
     *   <li>dw is computed transposed, dw^T (C kh kw, O) += cols(x[n]) @ dout[n]^T, so that the GEMM reads the
     *       large operand (the columns) in its plain layout. dout[n] is transposed once per image into scratch,
     *       and as the GEMM's B it is then already in packed layout (one micro-panel wide, for O up to the
     *       panel width), read in place for every channel group; or, where the backend can, the same product
     *       reads the image's patches in place ({@code Kernels.patchProductT}).</li>
     *   <li>db[o] = the sum of dout[n, o] over (OH, OW) and the images.</li>
     * </ul>
     * With a {@code gate} (the output of a convolution fused with ReLU), dout[n] is first gated where the output
     * is 0, into scratch, and that is what the three use.
     * Each image range sums dw and db over its images into its own buffers; the buffers are added in range
     * order, so the result does not depend on scheduling (the number of ranges does depend on the thread count:
     * a fixed 16 ranges made results the same on any thread count, but conv2's forward + backward took
     * 1.11-1.16x the time at 1 thread).
     */
    static Tensor[] backward(Tensor x, Tensor w, Tensor dout, Tensor gate, Geometry g, boolean wantDx,
                             boolean wantDw, boolean wantDb) {
        return backward(x, w, dout, gate, null, null, g, wantDx, wantDw, wantDb);
    }

    /**
     * As {@link #backward(Tensor, Tensor, Tensor, Tensor, Geometry, boolean, boolean, boolean)} for a convolution
     * fused with ReLU and max pooling: dout is the pooled output's gradient, {@code gate} the pooled output, and
     * each image's convolution-output gradient is rebuilt in scratch: dout at the windows' argmax positions,
     * where the pooled output is not 0 (the ReLU's gate, as the maximum is the ReLU output there).
     */
    static Tensor[] backward(Tensor x, Tensor w, Tensor dout, Tensor gate, Pool pool, int[] argmax, Geometry g,
                             boolean wantDx, boolean wantDw, boolean wantDb) {
        int pn = pool == null ? 0 : g.o() * pool.plane(g);  // pooled values per image
        Tensor gc = Compute.contiguous(dout);
        Tensor rc = gate == null ? null : Compute.contiguous(gate);
        Tensor xc = wantDw ? Compute.contiguous(x) : null;
        Tensor wc = wantDx ? Compute.contiguous(w) : null;
        DType dtype = dout.dtype();
        Tensor dx = wantDx ? Compute.empty(dtype, g.inputShape()) : null;
        Tensor dw = wantDw ? Compute.empty(dtype, g.weightShape()) : null;
        Tensor db = wantDb ? Compute.empty(dtype, new int[]{g.o()}) : null;
        if (g.n() == 0 || g.o() == 0 || (g.c() == 0 && !wantDb) || g.cols() == 0) {
            return new Tensor[]{dx, dw, db};
        }
        Kernels k = Compute.kernels();
        int rows = g.rows();
        int o = g.o();
        int l = g.cols();
        int kk = g.kh() * g.kw();
        int group = g.group();
        int plane = g.h() * g.w();
        int chunks = chunks(g.n());
        if (dtype == DType.FLOAT64) {
            double[] gd0 = gc.f64();
            double[] xd = wantDw ? xc.f64() : null;
            double[] wd = wantDx ? wc.f64() : null;
            double[] dxd = wantDx ? dx.f64() : null;
            double[][] accW = new double[wantDw ? chunks : 0][rows * o];  // (C kh kw, O) per range
            double[][] accB = new double[wantDb ? chunks : 0][o];
            double[] wflip = wantDx && patchDx(g) ? flipped(wd, wc.offset(), g) : null;
            byImages(g.n(), chunks, (t, n0, n1) -> {
                Scratch scratch = SCRATCH.get();
                double[] cols = scratch.f64(group * kk * l + Kernels.col2imSlack(g.kw()));
                double[] gt = wantDw ? scratch.f64(1, l * o) : null;
                double[] dz = rc == null ? null : scratch.f64(2, g.outImage());
                double[] dxt = wflip == null ? null : scratch.f64(3, g.image());
                for (int n = n0; n < n1; n++) {
                    double[] gd = gd0;
                    int go = gc.offset() + n * g.outImage();
                    if (rc != null && pool != null) {  // unpooled: dout at each window's maximum, if not 0
                        int q0 = n * pn;
                        k.unpool2d(gd, gc.offset() + q0, rc.f64(), rc.offset() + q0, argmax, q0, n * g.outImage(),
                                o, g.oh(), g.ow(), pool.kh(), pool.kw(), pool.stride(), dz, 0);
                        gd = dz;
                        go = 0;
                    } else if (rc != null) {  // dout where the ReLU output is not 0, else 0
                        k.select(rc.f64(), rc.offset() + n * g.outImage(), 1, gd, go, 1, ZERO_F64, 0, 0, dz, 0,
                                g.outImage());
                        gd = dz;
                        go = 0;
                    }
                    if (wantDb) {
                        for (int j = 0; j < o; j++) {
                            accB[t][j] += k.sum(gd, go + j * l, l);
                        }
                    }
                    if (wantDw) {
                        k.transpose(gd, go, o, l, gt, 0);
                    }
                    // The weight gradient straight from the image's patches where the backend can, else by group.
                    boolean dwDirect = wantDw && g.stride() == 1 && !g.pointwise() && k.patchProductT(xd,
                            xc.offset() + n * g.image(), g.c(), g.h(), g.w(), g.kh(), g.kw(), g.pad(), gt, 0, o,
                            n != n0, accW[t], 0);
                    // dx as the full convolution of dout with the flipped kernel, where the backend reads patches.
                    boolean dxDirect = wflip != null && k.patchProduct(gd, go, o, g.oh(), g.ow(), g.kh(), g.kw(),
                            g.kh() - 1 - g.pad(), wflip, 0, g.c(), false, dxt, 0);
                    if (dxDirect) {
                        k.transpose(dxt, 0, plane, g.c(), dxd, n * g.image());
                    }
                    for (int c0 = 0; c0 < g.c(); c0 += group) {
                        int cn = Math.min(group, g.c() - c0);
                        if (wantDw && !dwDirect) {
                            int xo = xc.offset() + n * g.image() + c0 * plane;
                            if (!g.pointwise()) {
                                k.im2col(xd, xo, cn, g.h(), g.w(), g.kh(), g.kw(), g.stride(), g.pad(), cols, 0);
                            }
                            k.gemm(false, false, cn * kk, o, l, 1.0, g.pointwise() ? xd : cols,
                                    g.pointwise() ? xo : 0, l, gt, 0, o, n == n0 ? 0.0 : 1.0, accW[t], c0 * kk * o, o);
                        }
                        if (wantDx && !dxDirect) {
                            int xo = n * g.image() + c0 * plane;
                            k.gemm(true, false, cn * kk, l, o, 1.0, wd, wc.offset() + c0 * kk, rows, gd, go, l, 0.0,
                                    g.pointwise() ? dxd : cols, g.pointwise() ? xo : 0, l);
                            if (!g.pointwise()) {
                                k.col2im(cols, 0, cn, g.h(), g.w(), g.kh(), g.kw(), g.stride(), g.pad(), dxd, xo,
                                        false);
                            }
                        }
                    }
                }
            });
            if (wantDw) {  // the ranges' sums added in range order, then transposed into (O, C kh kw)
                for (int t = 1; t < chunks; t++) {
                    k.axpy(rows * o, 1.0, accW[t], 0, accW[0], 0);
                }
                k.transpose(accW[0], 0, rows, o, dw.f64(), 0);
            }
            for (double[] part : accB) {
                for (int j = 0; j < o; j++) {
                    db.f64()[j] += part[j];
                }
            }
        } else {
            float[] gf0 = gc.f32();
            float[] xf = wantDw ? xc.f32() : null;
            float[] wf = wantDx ? wc.f32() : null;
            float[] dxf = wantDx ? dx.f32() : null;
            float[][] accW = new float[wantDw ? chunks : 0][rows * o];
            float[][] accB = new float[wantDb ? chunks : 0][o];
            float[] wflip = wantDx && patchDx(g) ? flipped(wf, wc.offset(), g) : null;
            byImages(g.n(), chunks, (t, n0, n1) -> {
                Scratch scratch = SCRATCH.get();
                float[] cols = scratch.f32(group * kk * l + Kernels.col2imSlack(g.kw()));
                float[] gt = wantDw ? scratch.f32(1, l * o) : null;
                float[] dz = rc == null ? null : scratch.f32(2, g.outImage());
                float[] dxt = wflip == null ? null : scratch.f32(3, g.image());
                for (int n = n0; n < n1; n++) {
                    float[] gf = gf0;
                    int go = gc.offset() + n * g.outImage();
                    if (rc != null && pool != null) {  // unpooled: dout at each window's maximum, if not 0
                        int q0 = n * pn;
                        k.unpool2d(gf, gc.offset() + q0, rc.f32(), rc.offset() + q0, argmax, q0, n * g.outImage(),
                                o, g.oh(), g.ow(), pool.kh(), pool.kw(), pool.stride(), dz, 0);
                        gf = dz;
                        go = 0;
                    } else if (rc != null) {  // dout where the ReLU output is not 0, else 0
                        k.select(rc.f32(), rc.offset() + n * g.outImage(), 1, gf, go, 1, ZERO_F32, 0, 0, dz, 0,
                                g.outImage());
                        gf = dz;
                        go = 0;
                    }
                    if (wantDb) {
                        for (int j = 0; j < o; j++) {
                            accB[t][j] += k.sum(gf, go + j * l, l);
                        }
                    }
                    if (wantDw) {
                        k.transpose(gf, go, o, l, gt, 0);
                    }
                    // The weight gradient straight from the image's patches where the backend can, else by group.
                    boolean dwDirect = wantDw && g.stride() == 1 && !g.pointwise() && k.patchProductT(xf,
                            xc.offset() + n * g.image(), g.c(), g.h(), g.w(), g.kh(), g.kw(), g.pad(), gt, 0, o,
                            n != n0, accW[t], 0);
                    // dx as the full convolution of dout with the flipped kernel, where the backend reads patches.
                    boolean dxDirect = wflip != null && k.patchProduct(gf, go, o, g.oh(), g.ow(), g.kh(), g.kw(),
                            g.kh() - 1 - g.pad(), wflip, 0, g.c(), false, dxt, 0);
                    if (dxDirect) {
                        k.transpose(dxt, 0, plane, g.c(), dxf, n * g.image());
                    }
                    for (int c0 = 0; c0 < g.c(); c0 += group) {
                        int cn = Math.min(group, g.c() - c0);
                        if (wantDw && !dwDirect) {
                            int xo = xc.offset() + n * g.image() + c0 * plane;
                            if (!g.pointwise()) {
                                k.im2col(xf, xo, cn, g.h(), g.w(), g.kh(), g.kw(), g.stride(), g.pad(), cols, 0);
                            }
                            k.gemm(false, false, cn * kk, o, l, 1f, g.pointwise() ? xf : cols,
                                    g.pointwise() ? xo : 0, l, gt, 0, o, n == n0 ? 0f : 1f, accW[t], c0 * kk * o, o);
                        }
                        if (wantDx && !dxDirect) {
                            int xo = n * g.image() + c0 * plane;
                            k.gemm(true, false, cn * kk, l, o, 1f, wf, wc.offset() + c0 * kk, rows, gf, go, l, 0f,
                                    g.pointwise() ? dxf : cols, g.pointwise() ? xo : 0, l);
                            if (!g.pointwise()) {
                                k.col2im(cols, 0, cn, g.h(), g.w(), g.kh(), g.kw(), g.stride(), g.pad(), dxf, xo,
                                        false);
                            }
                        }
                    }
                }
            });
            if (wantDw) {  // the ranges' sums added in range order, then transposed into (O, C kh kw)
                for (int t = 1; t < chunks; t++) {
                    k.axpy(rows * o, 1f, accW[t], 0, accW[0], 0);
                }
                k.transpose(accW[0], 0, rows, o, dw.f32(), 0);
            }
            for (float[] part : accB) {
                for (int j = 0; j < o; j++) {
                    db.f32()[j] += part[j];
                }
            }
        }
        return new Tensor[]{dx, dw, db};
    }
}
