package dev.jgrad.op;

import dev.jgrad.DType;
import dev.jgrad.Shape;
import dev.jgrad.ShapeException;
import dev.jgrad.Tensor;
import dev.jgrad.autograd.Engine;
import dev.jgrad.backend.Kernels;
import dev.jgrad.backend.Parallel;

/**
 * out[n, (c kh + i) kw + j, oh OW + ow] = x[n, c, oh s - p + i, ow s - p + j] (0 in the zero padding):
 * the patches of x (N, C, H, W) as columns (N, C kh kw, OH OW), Caffe's layout. dx = {@link Col2im} of
 * dout (each pixel receives the sum over the patches it lies in); the op is linear, so the tangent is
 * the im2col of the input's tangent. Fused (a layout kernel) so that a convolution is one batched GEMM.
 */
public final class Im2col extends Op {

    private final int kh;
    private final int kw;
    private final int stride;
    private final int padding;

    private Im2col(int kh, int kw, int stride, int padding) {
        this.kh = kh;
        this.kw = kw;
        this.stride = stride;
        this.padding = padding;
    }

    /**
     * The (N, C kh kw, OH OW) patch columns of x (N, C, H, W), with OH = (H + 2 padding - kh) / stride + 1
     * and OW likewise.
     */
    public static Tensor apply(Tensor x, int kh, int kw, int stride, int padding) {
        int[] s = x.shape();
        if (s.length != 4) {
            throw new ShapeException("im2col: expected (N, C, H, W) input, got " + Shape.format(s));
        }
        outputSize("im2col", "input " + Shape.format(s), s[2], s[3], kh, kw, stride, padding);
        return Engine.apply(new Im2col(kh, kw, stride, padding), x);
    }

    /** Checks the window against an (h, w) image and returns {OH, OW}; {@code what} names the operand in messages. */
    static int[] outputSize(String op, String what, int h, int w, int kh, int kw, int stride, int padding) {
        if (kh <= 0 || kw <= 0) {
            throw new ShapeException(op + ": kernel size must be positive, got " + kh + "x" + kw + " for " + what);
        }
        if (stride <= 0) {
            throw new ShapeException(op + ": stride must be positive, got " + stride + " for " + what);
        }
        if (padding < 0) {
            throw new ShapeException(op + ": padding must be non-negative, got " + padding + " for " + what);
        }
        if (kh > h + 2 * padding || kw > w + 2 * padding) {
            throw new ShapeException(op + ": kernel " + kh + "x" + kw + " is larger than the padded input "
                    + (h + 2 * padding) + "x" + (w + 2 * padding) + ": " + what + " (padding " + padding + ")");
        }
        return new int[]{(h + 2 * padding - kh) / stride + 1, (w + 2 * padding - kw) / stride + 1};
    }

    @Override
    public String name() {
        return "im2col";
    }

    @Override
    public String attributes() {
        return "kernel=" + kh + "x" + kw + ", stride=" + stride + ", padding=" + padding;
    }

    @Override
    protected Tensor forward(Tensor[] in) {
        Tensor x = Compute.contiguous(in[0]);
        int[] s = x.shape();
        int n = s[0];
        int c = s[1];
        int h = s[2];
        int w = s[3];
        int[] o = outputSize(name(), "input " + Shape.format(s), h, w, kh, kw, stride, padding);
        int rows = c * kh * kw;
        int l = o[0] * o[1];
        Tensor out = Compute.empty(x.dtype(), new int[]{n, rows, l});
        if (out.numel() == 0) {
            return out;
        }
        Kernels k = Compute.kernels();
        int xo = x.offset();
        int image = c * h * w;
        // Images are independent: one task each, writing disjoint parts of out.
        if (x.dtype() == DType.FLOAT64) {
            double[] xd = x.f64();
            double[] od = out.f64();
            Parallel.forEach(n, b -> k.im2col(xd, xo + b * image, c, h, w, kh, kw, stride, padding, od, b * rows * l));
        } else {
            float[] xf = x.f32();
            float[] of = out.f32();
            Parallel.forEach(n, b -> k.im2col(xf, xo + b * image, c, h, w, kh, kw, stride, padding, of, b * rows * l));
        }
        return out;
    }

    @Override
    protected Tensor[] vjp(Tensor dout) {
        int[] s = input(0).shape();
        return new Tensor[]{Col2im.apply(dout, s[1], s[2], s[3], kh, kw, stride, padding)};
    }

    @Override
    protected Tensor jvp(Tensor[] t) {
        return apply(t[0], kh, kw, stride, padding);
    }
}
