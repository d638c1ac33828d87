package dev.jgrad.backend;

import java.util.Arrays;

/**
 * The kernel SPI: loops over primitive arrays with offsets and strides, in float64 and float32.
 *
 * <p>Strided arguments follow one rule: element {@code i} of operand {@code x} is
 * {@code x[xo + i * xs]}; a stride of 0 broadcasts one value. Outputs are always contiguous.
 * {@link ScalarKernels} is the readable reference and the oracle every other backend is tested against.
 */
public interface Kernels {

    /** Elementwise functions of one argument. */
    enum Unary {
        /** x */ COPY,
        /** -x */ NEG,
        /** e^x */ EXP,
        /** ln x */ LOG,
        /** sqrt x */ SQRT,
        /** |x| */ ABS,
        /** sign(x), 0 at 0 */ SIGN,
        /** tanh x */ TANH,
        /** 1 / (1 + e^-x) */ SIGMOID,
        /** max(0, x) */ RELU,
        /** 1 where x &gt; 0, else 0 */ STEP
    }

    /** Elementwise functions of two arguments; comparisons yield 1 or 0. */
    enum Binary { ADD, SUB, MUL, DIV, MAX, MIN, POW, GT, GE, LT, LE, EQ, NE }

    /** A short name for logs and {@code toString}, such as {@code vector(AVX-512, 16 float lanes)}. */
    String name();

    void unary(Unary op, double[] x, int xo, int xs, double[] out, int oo, int n);

    void unary(Unary op, float[] x, int xo, int xs, float[] out, int oo, int n);

    void binary(Binary op, double[] x, int xo, int xs, double[] y, int yo, int ys, double[] out, int oo, int n);

    void binary(Binary op, float[] x, int xo, int xs, float[] y, int yo, int ys, float[] out, int oo, int n);

    /** out[i] = cond[i] != 0 ? a[i] : b[i] (a select, so an infinity in the branch not taken does no harm). */
    void select(double[] cond, int co, int cs, double[] a, int ao, int as, double[] b, int bo, int bs,
                double[] out, int oo, int n);

    void select(float[] cond, int co, int cs, float[] a, int ao, int as, float[] b, int bo, int bs,
                float[] out, int oo, int n);

    /** Sum of x[xo .. xo+n). */
    double sum(double[] x, int xo, int n);

    /** Sum of x[xo .. xo+n), accumulated in float32 lanes. */
    float sum(float[] x, int xo, int n);

    /** Index (0-based, relative to xo) of the first largest element; -1 when n == 0. NaN counts as largest. */
    int argmax(double[] x, int xo, int n);

    int argmax(float[] x, int xo, int n);

    /** y[yo + i] += a * x[xo + i]. */
    void axpy(int n, double a, double[] x, int xo, double[] y, int yo);

    void axpy(int n, float a, float[] x, int xo, float[] y, int yo);

    /**
     * C = alpha op(A) op(B) + beta C with row-major operands; op(A) is m x k, op(B) is k x n.
     * {@code transA} means A is stored k x m (row-major, leading dimension lda), likewise transB.
     * When beta == 0, C is overwritten and its old contents (even NaN) are ignored.
     */
    void gemm(boolean transA, boolean transB, int m, int n, int k, double alpha,
              double[] a, int ao, int lda, double[] b, int bo, int ldb,
              double beta, double[] c, int co, int ldc);

    void gemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
              float[] a, int ao, int lda, float[] b, int bo, int ldb,
              float beta, float[] c, int co, int ldc);

    /**
     * The fully-connected layer's product with its epilogue: C = op(A) op(B), then each row of C plus the n
     * values of {@code bias} at {@code biasOffset} (none when bias is null), then ReLU ({@code x > 0 ? x : 0})
     * when {@code relu}. C's old contents are ignored, even NaN. Operands as in gemm. The values are those of
     * gemm with beta 0 followed by that pass over C, to the bit; a backend may apply the epilogue to each tile of
     * C while the tile is still in cache.
     */
    default void affine(boolean transA, boolean transB, int m, int n, int k, double[] a, int ao, int lda,
                        double[] b, int bo, int ldb, double[] bias, int biasOffset, boolean relu,
                        double[] c, int co, int ldc) {
        gemm(transA, transB, m, n, k, 1.0, a, ao, lda, b, bo, ldb, 0.0, c, co, ldc);
        if (bias == null && !relu) {
            return;
        }
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                int ci = co + i * ldc + j;
                double v = bias == null ? c[ci] : c[ci] + bias[biasOffset + j];
                c[ci] = relu ? (v > 0 ? v : 0.0) : v;
            }
        }
    }

    default void affine(boolean transA, boolean transB, int m, int n, int k, float[] a, int ao, int lda,
                        float[] b, int bo, int ldb, float[] bias, int biasOffset, boolean relu,
                        float[] c, int co, int ldc) {
        gemm(transA, transB, m, n, k, 1f, a, ao, lda, b, bo, ldb, 0f, c, co, ldc);
        if (bias == null && !relu) {
            return;
        }
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                int ci = co + i * ldc + j;
                float v = bias == null ? c[ci] : c[ci] + bias[biasOffset + j];
                c[ci] = relu ? (v > 0 ? v : 0f) : v;
            }
        }
    }

    // ------------------------------------------------------------------ optimizer updates (default loops)
    //
    // The rules of SGD and Adam over n float32 parameter values p[po + i] with their float32 gradient
    // g[go + i], in place, with the state (one double per value, at so + i) and the arithmetic in double:
    // the same operations, in the same order, as the optimizers' double rules, so a backend's result is
    // exactly (float) of the double rule's on (double) p. Written here as the reference loops.

    /**
     * SGD with momentum after the first step: gi = g + weightDecay * p; b = momentum * buf + keep * gi;
     * buf = b; p -= lr * (nesterov ? gi + momentum * b : b).
     */
    default void sgdMomentum(int n, double lr, double momentum, double keep, double weightDecay, boolean nesterov,
                             float[] p, int po, float[] g, int go, double[] buf, int so) {
        for (int i = 0; i < n; i++) {
            double pi = p[po + i];
            double gi = g[go + i] + weightDecay * pi;
            double b = momentum * buf[so + i] + keep * gi;
            buf[so + i] = b;
            p[po + i] = (float) (pi - lr * (nesterov ? gi + momentum * b : b));
        }
    }

    /**
     * Adam (AdamW with {@code decay} != 1): gi = g + weightDecay * p; m += (1 - beta1) (gi - m);
     * v = beta2 v + (1 - beta2) gi gi; p = p decay - stepSize m / (sqrt(v) / correction2Sqrt + eps).
     */
    default void adam(int n, double stepSize, double correction2Sqrt, double beta1, double beta2, double eps,
                      double weightDecay, double decay, float[] p, int po, float[] g, int go,
                      double[] m, double[] v, int so) {
        for (int i = 0; i < n; i++) {
            double p0 = p[po + i];
            double gi = g[go + i] + weightDecay * p0;
            double pi = decay == 1 ? p0 : p0 * decay;
            double mi = m[so + i] + (1 - beta1) * (gi - m[so + i]);
            double vi = beta2 * v[so + i] + (1 - beta2) * gi * gi;
            m[so + i] = mi;
            v[so + i] = vi;
            p[po + i] = (float) (pi - stepSize * (mi / (Math.sqrt(vi) / correction2Sqrt + eps)));
        }
    }

    // ------------------------------------------------------------------ transpose (default loops)

    /**
     * dst[dd + c * rows + r] = src[so + r * cols + c]: the (cols x rows) transpose of a row-major (rows x cols)
     * block. Blocks of 16 source rows at a time, so that their cache lines stay in L1 across the columns.
     */
    default void transpose(double[] src, int so, int rows, int cols, double[] dst, int dd) {
        for (int r0 = 0; r0 < rows; r0 += 16) {
            int r1 = Math.min(rows, r0 + 16);
            for (int c = 0; c < cols; c++) {
                for (int r = r0; r < r1; r++) {
                    dst[dd + c * rows + r] = src[so + r * cols + c];
                }
            }
        }
    }

    default void transpose(float[] src, int so, int rows, int cols, float[] dst, int dd) {
        for (int r0 = 0; r0 < rows; r0 += 16) {
            int r1 = Math.min(rows, r0 + 16);
            for (int c = 0; c < cols; c++) {
                for (int r = r0; r < r1; r++) {
                    dst[dd + c * rows + r] = src[so + r * cols + c];
                }
            }
        }
    }

    // ------------------------------------------------------------------ convolution layout (default loops)
    //
    // One image at a time, NCHW, Caffe's im2col layout: x is (C, H, W) contiguous at xo; cols is
    // (C * kh * kw, OH * OW) contiguous at co, row (c * kh + i) * kw + j, column oh * OW + ow, with
    // OH = (H + 2 pad - kh) / stride + 1 and OW likewise. Element (row, column) is the input pixel
    // (c, oh * stride - pad + i, ow * stride - pad + j), or 0 where that lies in the padding.
    // The valid output range of each kernel offset is computed once, so the inner loops carry no
    // bounds tests; stride-1 rows are contiguous runs (a copy, or an axpy for col2im). im2col with stride 1
    // first copies the image into a zero-padded buffer, so that its rows need no padding logic at all.

    /** Unfolds one image into patch columns; every element of cols is written (padding as 0). */
    default void im2col(double[] x, int xo, int c, int h, int w, int kh, int kw, int stride, int pad,
                        double[] cols, int co) {
        if (stride == 1) {
            int hp = h + 2 * pad;
            int wp = w + 2 * pad;
            double[] src = x;
            int so = xo;
            if (pad > 0) {
                // Stride 1: one copy of the image into a zero-padded buffer, after which every patch row
                // is whole ow-long runs, with no padding to fill and no bounds to test.
                src = new double[c * hp * wp];
                so = 0;
                for (int ch = 0; ch < c; ch++) {
                    for (int y = 0; y < h; y++) {
                        System.arraycopy(x, xo + (ch * h + y) * w, src, (ch * hp + y + pad) * wp + pad, w);
                    }
                }
            }
            int oh = hp - kh + 1;
            int ow = wp - kw + 1;
            for (int ch = 0, row = co; ch < c; ch++) {
                for (int i = 0; i < kh; i++) {
                    for (int j = 0; j < kw; j++, row += oh * ow) {
                        for (int oy = 0; oy < oh; oy++) {
                            System.arraycopy(src, so + (ch * hp + oy + i) * wp + j, cols, row + oy * ow, ow);
                        }
                    }
                }
            }
            return;
        }
        int oh = (h + 2 * pad - kh) / stride + 1;
        int ow = (w + 2 * pad - kw) / stride + 1;
        int l = oh * ow;
        for (int ch = 0; ch < c; ch++) {
            for (int i = 0; i < kh; i++) {
                int y0 = firstInside(pad, i, stride, oh);
                int y1 = endInside(h, pad, i, stride, oh, y0);
                for (int j = 0; j < kw; j++) {
                    int x0 = firstInside(pad, j, stride, ow);
                    int x1 = endInside(w, pad, j, stride, ow, x0);
                    int row = co + ((ch * kh + i) * kw + j) * l;
                    Arrays.fill(cols, row, row + y0 * ow, 0.0);
                    for (int oy = y0; oy < y1; oy++) {
                        int dst = row + oy * ow;
                        int src = xo + (ch * h + oy * stride - pad + i) * w - pad + j; // + ox * stride
                        Arrays.fill(cols, dst, dst + x0, 0.0);
                        if (stride == 1) {
                            System.arraycopy(x, src + x0, cols, dst + x0, x1 - x0);
                        } else {
                            for (int ox = x0; ox < x1; ox++) {
                                cols[dst + ox] = x[src + ox * stride];
                            }
                        }
                        Arrays.fill(cols, dst + x1, dst + ow, 0.0);
                    }
                    Arrays.fill(cols, row + y1 * ow, row + l, 0.0);
                }
            }
        }
    }

    default void im2col(float[] x, int xo, int c, int h, int w, int kh, int kw, int stride, int pad,
                        float[] cols, int co) {
        if (stride == 1) {
            int hp = h + 2 * pad;
            int wp = w + 2 * pad;
            float[] src = x;
            int so = xo;
            if (pad > 0) {
                // Stride 1: one copy of the image into a zero-padded buffer, after which every patch row
                // is whole ow-long runs, with no padding to fill and no bounds to test.
                src = new float[c * hp * wp];
                so = 0;
                for (int ch = 0; ch < c; ch++) {
                    for (int y = 0; y < h; y++) {
                        System.arraycopy(x, xo + (ch * h + y) * w, src, (ch * hp + y + pad) * wp + pad, w);
                    }
                }
            }
            int oh = hp - kh + 1;
            int ow = wp - kw + 1;
            for (int ch = 0, row = co; ch < c; ch++) {
                for (int i = 0; i < kh; i++) {
                    for (int j = 0; j < kw; j++, row += oh * ow) {
                        for (int oy = 0; oy < oh; oy++) {
                            System.arraycopy(src, so + (ch * hp + oy + i) * wp + j, cols, row + oy * ow, ow);
                        }
                    }
                }
            }
            return;
        }
        int oh = (h + 2 * pad - kh) / stride + 1;
        int ow = (w + 2 * pad - kw) / stride + 1;
        int l = oh * ow;
        for (int ch = 0; ch < c; ch++) {
            for (int i = 0; i < kh; i++) {
                int y0 = firstInside(pad, i, stride, oh);
                int y1 = endInside(h, pad, i, stride, oh, y0);
                for (int j = 0; j < kw; j++) {
                    int x0 = firstInside(pad, j, stride, ow);
                    int x1 = endInside(w, pad, j, stride, ow, x0);
                    int row = co + ((ch * kh + i) * kw + j) * l;
                    Arrays.fill(cols, row, row + y0 * ow, 0f);
                    for (int oy = y0; oy < y1; oy++) {
                        int dst = row + oy * ow;
                        int src = xo + (ch * h + oy * stride - pad + i) * w - pad + j;
                        Arrays.fill(cols, dst, dst + x0, 0f);
                        if (stride == 1) {
                            System.arraycopy(x, src + x0, cols, dst + x0, x1 - x0);
                        } else {
                            for (int ox = x0; ox < x1; ox++) {
                                cols[dst + ox] = x[src + ox * stride];
                            }
                        }
                        Arrays.fill(cols, dst + x1, dst + ow, 0f);
                    }
                    Arrays.fill(cols, row + y1 * ow, row + l, 0f);
                }
            }
        }
    }

    /**
     * A stride-1 convolution's product for one image, position-major, where the backend can compute it without
     * unfolding the patches: out (OH OW x O, row-major at oo) = cols^T wt, plus what out holds when
     * {@code add}, where cols is {@link #im2col(double[], int, int, int, int, int, int, int, int, double[], int)
     * im2col} of the (c, h, w) image at xo with a kh x kw kernel and padding pad, and wt is (C kh kw x O,
     * row-major at wo). Returns false, having written nothing, where it cannot (the default): the caller then
     * unfolds and multiplies.
     */
    default boolean patchProduct(double[] x, int xo, int c, int h, int w, int kh, int kw, int pad, double[] wt,
                                 int wo, int o, boolean add, double[] out, int oo) {
        return false;
    }

    /**
     * The float32 form of
     * {@link #patchProduct(double[], int, int, int, int, int, int, int, double[], int, int, boolean, double[], int)}.
     */
    default boolean patchProduct(float[] x, int xo, int c, int h, int w, int kh, int kw, int pad, float[] wt,
                                 int wo, int o, boolean add, float[] out, int oo) {
        return false;
    }

    /**
     * A stride-1 convolution's weight-gradient product for one image, where the backend can compute it without
     * unfolding the patches: out (C kh kw x O, row-major at oo) = cols g, plus what out holds when {@code add},
     * where cols is {@link #im2col(double[], int, int, int, int, int, int, int, int, double[], int) im2col} of
     * the (c, h, w) image at xo (kh x kw kernel, padding pad) and g the (OH OW x O, row-major at go) output
     * gradient, position-major. Returns false, having written nothing, where it cannot (the default).
     */
    default boolean patchProductT(double[] x, int xo, int c, int h, int w, int kh, int kw, int pad, double[] g,
                                  int go, int o, boolean add, double[] out, int oo) {
        return false;
    }

    /**
     * The float32 form of
     * {@link #patchProductT(double[], int, int, int, int, int, int, int, double[], int, int, boolean, double[], int)}.
     */
    default boolean patchProductT(float[] x, int xo, int c, int h, int w, int kh, int kw, int pad, float[] g,
                                  int go, int o, boolean add, float[] out, int oo) {
        return false;
    }

    /**
     * Room to leave past a columns block passed to col2im for a kernel kw wide: with it a backend may read whole
     * vectors (up to 64 lanes) past the end of a patch row. Without it, col2im is still correct, but may run
     * the reference loop.
     */
    static int col2imSlack(int kw) {
        return 64 + kw;
    }

    /**
     * The adjoint of {@link #im2col(double[], int, int, int, int, int, int, int, int, double[], int)}: every
     * column element goes to the input pixel it was taken from (patches that overlap sum, padding is dropped).
     * With {@code accumulate} the sums are added to x's (C, H, W) block ({@code x += col2im(cols)}); without,
     * they replace it ({@code x = col2im(cols)}), so a fresh output is never read: reading a just-allocated
     * array pulls every line of it from memory.
     */
    default void col2im(double[] cols, int co, int c, int h, int w, int kh, int kw, int stride, int pad,
                        double[] x, int xo, boolean accumulate) {
        if (!accumulate) {
            Arrays.fill(x, xo, xo + c * h * w, 0.0);
        }
        int oh = (h + 2 * pad - kh) / stride + 1;
        int ow = (w + 2 * pad - kw) / stride + 1;
        int l = oh * ow;
        for (int ch = 0; ch < c; ch++) {
            for (int i = 0; i < kh; i++) {
                int y0 = firstInside(pad, i, stride, oh);
                int y1 = endInside(h, pad, i, stride, oh, y0);
                for (int j = 0; j < kw; j++) {
                    int x0 = firstInside(pad, j, stride, ow);
                    int x1 = endInside(w, pad, j, stride, ow, x0);
                    int row = co + ((ch * kh + i) * kw + j) * l;
                    for (int oy = y0; oy < y1; oy++) {
                        int src = row + oy * ow;
                        int dst = xo + (ch * h + oy * stride - pad + i) * w - pad + j;
                        if (stride == 1) {
                            axpy(x1 - x0, 1.0, cols, src + x0, x, dst + x0);
                        } else {
                            for (int ox = x0; ox < x1; ox++) {
                                x[dst + ox * stride] += cols[src + ox];
                            }
                        }
                    }
                }
            }
        }
    }

    /**
     * The float32 form of
     * {@link #col2im(double[], int, int, int, int, int, int, int, int, double[], int, boolean)}.
     */
    default void col2im(float[] cols, int co, int c, int h, int w, int kh, int kw, int stride, int pad,
                        float[] x, int xo, boolean accumulate) {
        if (!accumulate) {
            Arrays.fill(x, xo, xo + c * h * w, 0f);
        }
        int oh = (h + 2 * pad - kh) / stride + 1;
        int ow = (w + 2 * pad - kw) / stride + 1;
        int l = oh * ow;
        for (int ch = 0; ch < c; ch++) {
            for (int i = 0; i < kh; i++) {
                int y0 = firstInside(pad, i, stride, oh);
                int y1 = endInside(h, pad, i, stride, oh, y0);
                for (int j = 0; j < kw; j++) {
                    int x0 = firstInside(pad, j, stride, ow);
                    int x1 = endInside(w, pad, j, stride, ow, x0);
                    int row = co + ((ch * kh + i) * kw + j) * l;
                    for (int oy = y0; oy < y1; oy++) {
                        int src = row + oy * ow;
                        int dst = xo + (ch * h + oy * stride - pad + i) * w - pad + j;
                        if (stride == 1) {
                            axpy(x1 - x0, 1f, cols, src + x0, x, dst + x0);
                        } else {
                            for (int ox = x0; ox < x1; ox++) {
                                x[dst + ox * stride] += cols[src + ox];
                            }
                        }
                    }
                }
            }
        }
    }

    // ------------------------------------------------------------------ max pooling (default loops)

    /**
     * Max pooling of one (h, w) plane at xo, no padding: out[oo + y OW + z] is the largest value of the
     * kh x kw window at (y s, z s), and index[io + y OW + z] its position {@code base + row * w + column}.
     * Ties go to the first maximum in the window's row-major order, and NaN counts as largest, as in
     * {@link #argmax(double[], int, int)}.
     */
    default void maxPool2d(double[] x, int xo, int h, int w, int kh, int kw, int stride, double[] out, int oo,
                           int[] index, int io, int base) {
        int oh = (h - kh) / stride + 1;
        int ow = (w - kw) / stride + 1;
        for (int y = 0; y < oh; y++) {
            for (int z = 0; z < ow; z++) {
                int first = (y * stride) * w + z * stride;
                int best = first;
                double b = x[xo + best];
                for (int i = 0; i < kh; i++) {
                    for (int j = 0, p = first + i * w; j < kw; j++, p++) {
                        double v = x[xo + p];
                        if (v > b || (v != v && b == b)) {
                            best = p;
                            b = v;
                        }
                    }
                }
                out[oo + y * ow + z] = b;
                index[io + y * ow + z] = base + best;
            }
        }
    }

    default void maxPool2d(float[] x, int xo, int h, int w, int kh, int kw, int stride, float[] out, int oo,
                           int[] index, int io, int base) {
        int oh = (h - kh) / stride + 1;
        int ow = (w - kw) / stride + 1;
        for (int y = 0; y < oh; y++) {
            for (int z = 0; z < ow; z++) {
                int first = (y * stride) * w + z * stride;
                int best = first;
                float b = x[xo + best];
                for (int i = 0; i < kh; i++) {
                    for (int j = 0, p = first + i * w; j < kw; j++, p++) {
                        float v = x[xo + p];
                        if (v > b || (v != v && b == b)) {
                            best = p;
                            b = v;
                        }
                    }
                }
                out[oo + y * ow + z] = b;
                index[io + y * ow + z] = base + best;
            }
        }
    }

    /**
     * 2 x 2, stride 2 max pooling of the c channels of an h x w image stored position-major, as a convolution
     * computed transposed leaves it (channel j at row r, column s is x[xo + (r w + s) c + j]), after a ReLU
     * when {@code relu}: the values and positions that {@link #maxPool2d} gives for channel j's plane (the
     * image transposed to channel-major, then ReLU'd), base {@code base + j h w}, stored plane after plane:
     * out[oo + j ph pw + y pw + z] and index[io + ...] for window (y, z), ph = h / 2, pw = w / 2. (float32
     * only: the float64 convolution pools its transposed planes.)
     */
    default void maxPool2x2Channels(float[] x, int xo, int h, int w, int c, boolean relu, float[] out, int oo,
                                    int[] index, int io, int base) {
        // By its definition: the planes, their ReLU, then each plane pooled.
        int l = h * w;
        int pl = (h / 2) * (w / 2);
        float[] planes = new float[l * c];
        transpose(x, xo, l, c, planes, 0);
        if (relu) {
            unary(Unary.RELU, planes, 0, 1, planes, 0, l * c);
        }
        for (int j = 0; j < c; j++) {
            maxPool2d(planes, j * l, h, w, 2, 2, 2, out, oo + j * pl, index, io + j * pl, base + j * l);
        }
    }

    /**
     * Max pooling's gradient over {@code planes} (oh, ow) planes at dzo, as a convolution fused with ReLU and
     * pooling needs it: position p of the planes gets, added to 0, dout[go + q] of each window q whose maximum
     * is there ({@code index[io + q] - base == p}, positions as {@link #maxPool2d} writes them with bases
     * {@code base + j oh ow}) and whose gate, the pooled output gate[ro + q], is not 0. Every other position
     * is 0. Windows are kh x kw at {@code stride}, ph x pw per plane (ph = (oh - kh) / stride + 1), plane by
     * plane; windows that overlap and share a maximum add.
     */
    default void unpool2d(double[] dout, int go, double[] gate, int ro, int[] index, int io, int base, int planes,
                          int oh, int ow, int kh, int kw, int stride, double[] dz, int dzo) {
        int windows = oh < kh || ow < kw ? 0 : planes * ((oh - kh) / stride + 1) * ((ow - kw) / stride + 1);
        Arrays.fill(dz, dzo, dzo + planes * oh * ow, 0.0);
        // Without a branch (after a ReLU the gate is 0 for many windows, in no pattern): a gated-out window
        // adds +0, which changes no sum, as the planes start at +0 and so never hold -0.
        for (int q = 0; q < windows; q++) {
            dz[dzo + index[io + q] - base] += gate[ro + q] != 0 ? dout[go + q] : 0.0;
        }
    }

    default void unpool2d(float[] dout, int go, float[] gate, int ro, int[] index, int io, int base, int planes,
                          int oh, int ow, int kh, int kw, int stride, float[] dz, int dzo) {
        int windows = oh < kh || ow < kw ? 0 : planes * ((oh - kh) / stride + 1) * ((ow - kw) / stride + 1);
        Arrays.fill(dz, dzo, dzo + planes * oh * ow, 0f);
        // Without a branch (after a ReLU the gate is 0 for many windows, in no pattern): a gated-out window
        // adds +0, which changes no sum, as the planes start at +0 and so never hold -0.
        for (int q = 0; q < windows; q++) {
            dz[dzo + index[io + q] - base] += gate[ro + q] != 0 ? dout[go + q] : 0f;
        }
    }

    /** The first output position o (clamped to [0, n]) whose input o * stride - pad + k is &gt;= 0. */
    private static int firstInside(int pad, int k, int stride, int n) {
        return Math.min(n, Math.max(0, Math.ceilDiv(pad - k, stride)));
    }

    /** One past the last output position (at least {@code first}) whose input o * stride - pad + k is &lt; size. */
    private static int endInside(int size, int pad, int k, int stride, int n, int first) {
        return Math.max(first, Math.min(n, Math.floorDiv(size - 1 + pad - k, stride) + 1));
    }
}
