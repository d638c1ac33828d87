package dev.jgrad.op;

import dev.jgrad.Shape;
import dev.jgrad.ShapeException;
import dev.jgrad.Tensor;
import dev.jgrad.autograd.Engine;
import dev.jgrad.autograd.GradMode;

/**
 * out[n, o, y, z] = b[o] + sum over c, i, j of w[o, c, i, j] x[n, c, y s - p + i, z s - p + j] (zero padding):
 * the 2-d convolution (cross-correlation) of x (N, C, H, W) with w (O, C, kh, kw), bias b (O) optional.
 * dx = {@link ConvTranspose2d} of dout with w, dw = {@link Conv2dWeightGrad} of x and dout, db = dout summed
 * over (N, OH, OW); the op is bilinear in (x, w), so the tangent is conv(tx, w) + conv(x, tw) + tb.
 * Fused for compute: per image, patch columns unfolded in cache and one GEMM ({@link ConvLoops}). When no
 * graph of the gradients is being built (a plain backward pass), dx, dw and db come from one pass over the
 * images instead of those three ops, which read dout from memory once each.
 */
public final class Conv2d extends Op {

    private final int kh;
    private final int kw;
    private final int stride;
    private final int padding;
    private final boolean relu;
    /** Max pooling fused after the ReLU, or null. */
    private final ConvLoops.Pool pool;
    /** With pooling: each window's maximum, as a position in the (N, O, OH, OW) convolution output. */
    private int[] argmax;

    private Conv2d(int kh, int kw, int stride, int padding, boolean relu, ConvLoops.Pool pool) {
        this.kh = kh;
        this.kw = kw;
        this.stride = stride;
        this.padding = padding;
        this.relu = relu;
        this.pool = pool;
    }

    /**
     * The (N, O, OH, OW) convolution of x (N, C, H, W) with w (O, C, kh, kw), plus b (O) when not null;
     * OH = (H + 2 padding - kh) / stride + 1 and OW likewise.
     */
    public static Tensor apply(Tensor x, Tensor w, Tensor b, int stride, int padding) {
        return apply(x, w, b, stride, padding, false);
    }

    /**
     * The convolution, followed by ReLU when {@code relu}, as one op: the activation is applied to each image's
     * output while it is in cache, and the backward pass gates dout by the output the same way.
     */
    public static Tensor apply(Tensor x, Tensor w, Tensor b, int stride, int padding, boolean relu) {
        return apply(x, w, b, stride, padding, relu, null);
    }

    /**
     * The convolution, ReLU and max pooling over poolKernel x poolKernel windows at poolStride, as one op: each
     * image's convolution output is pooled while it is in cache and never stored; the backward pass rebuilds
     * its gradient per image from the windows' maxima. Equal to {@code MaxPool2d.apply(apply(x, w, b, stride,
     * padding, true), poolKernel, poolKernel, poolStride)} in value and gradients.
     */
    public static Tensor applyReluPool(Tensor x, Tensor w, Tensor b, int stride, int padding, int poolKernel,
                                       int poolStride) {
        return apply(x, w, b, stride, padding, true, new ConvLoops.Pool(poolKernel, poolKernel, poolStride));
    }

    private static Tensor apply(Tensor x, Tensor w, Tensor b, int stride, int padding, boolean relu,
                                ConvLoops.Pool pool) {
        int[] xs = ConvLoops.rank4("conv2d", "(N, C, H, W) input", x);
        int[] ws = ConvLoops.rank4("conv2d", "(O, C, kh, kw) weight", w);
        if (ws[1] != xs[1]) {
            throw new ShapeException("conv2d: weight " + Shape.format(ws) + " expects " + ws[1]
                    + " input channels, got input " + Shape.format(xs));
        }
        if (b != null && (b.rank() != 1 || b.shape()[0] != ws[0])) {
            throw new ShapeException("conv2d: bias should be (" + ws[0] + ") for weight " + Shape.format(ws)
                    + ", got " + Shape.format(b.shape()));
        }
        ConvLoops.Geometry g = ConvLoops.Geometry.of("conv2d", xs, ws[0], ws[2], ws[3], stride, padding);
        if (pool != null) {
            Im2col.outputSize("maxPool2d", "convolution output " + Shape.format(g.outputShape()), g.oh(), g.ow(),
                    pool.kh(), pool.kw(), pool.stride(), 0);
        }
        Conv2d op = new Conv2d(ws[2], ws[3], stride, padding, relu, pool);
        return b == null ? Engine.apply(op, x, w) : Engine.apply(op, x, w, b);
    }

    @Override
    public String name() {
        return pool != null ? "conv2d+relu+maxpool" : relu ? "conv2d+relu" : "conv2d";
    }

    @Override
    public String attributes() {
        return "kernel=" + kh + "x" + kw + ", stride=" + stride + ", padding=" + padding + (pool == null ? ""
                : ", pool=" + pool.kh() + "x" + pool.kw() + ", pool stride=" + pool.stride());
    }

    private ConvLoops.Geometry geometry(Tensor x, Tensor w) {
        return ConvLoops.Geometry.of(name(), x.shape(), w.shape()[0], kh, kw, stride, padding);
    }

    @Override
    protected Tensor forward(Tensor[] in) {
        ConvLoops.Geometry g = geometry(in[0], in[1]);
        if (pool == null) {
            return ConvLoops.conv(in[0], in[1], in.length > 2 ? in[2] : null, g, relu);
        }
        int[] ps = pool.size(g);
        argmax = new int[g.n() * g.o() * ps[0] * ps[1]];
        return ConvLoops.conv(in[0], in[1], in.length > 2 ? in[2] : null, g, relu, pool, argmax);
    }

    @Override
    protected void releaseSaved() {
        argmax = null;
    }

    @Override
    protected Tensor[] vjp(Tensor dout) {
        Tensor x = input(0);
        Tensor w = input(1);
        boolean bias = arity() > 2;
        ConvLoops.Geometry geo = geometry(x, w);
        if (!GradMode.isEnabled()) {
            // No graph of the gradients is being built: all three from one pass over the images.
            Tensor[] g = ConvLoops.backward(x, w, dout, relu ? output() : null, pool, argmax, geo, x.requiresGrad(),
                    w.requiresGrad(), bias && input(2).requiresGrad());
            return bias ? g : new Tensor[]{g[0], g[1]};
        }
        dout = relu ? Relu.gate(output(), dout) : dout;
        if (pool != null) {  // the pooled gradient back at the maxima, in the convolution output's shape
            dout = ScatterAdd.of(dout, argmax, geo.outputShape(), geo.n() * geo.o());
        }
        int[] s = x.shape();
        Tensor dx = x.requiresGrad() ? ConvTranspose2d.apply(dout, w, s[2], s[3], stride, padding) : null;
        Tensor dw = w.requiresGrad() ? Conv2dWeightGrad.apply(x, dout, kh, kw, stride, padding) : null;
        if (arity() == 2) {
            return new Tensor[]{dx, dw};
        }
        // Over (OH, OW) first: trailing axes sum in place, where summing (N, OH, OW) at once copies dout.
        Tensor db = input(2).requiresGrad() ? dout.sum(new int[]{2, 3}, false).sum(0, false) : null;
        return new Tensor[]{dx, dw, db};
    }

    @Override
    protected Tensor jvp(Tensor[] t) {
        Tensor x = input(0);
        Tensor w = input(1);
        Tensor out = apply(t[0], w, arity() > 2 ? t[2] : null, stride, padding);
        out = out.add(apply(x, t[1], null, stride, padding));
        if (pool != null) {
            out = Take.of(out, argmax, output().shape());
        }
        return relu ? Relu.gate(output(), out) : out;
    }
}
