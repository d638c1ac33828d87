package dev.jgrad.op;

import dev.jgrad.Shape;
import dev.jgrad.ShapeException;
import dev.jgrad.Tensor;
import dev.jgrad.autograd.Engine;

/**
 * out[o, c, i, j] = sum over n, y, z of g[n, o, y, z] x[n, c, y s - p + i, z s - p + j] (zero padding): the
 * gradient of {@link Conv2d} with respect to its (O, C, kh, kw) weight, for input x (N, C, H, W) and upstream
 * g (N, O, OH, OW), summed over the batch without an (N, O, C kh kw) intermediate. Since
 * {@code <u, out> = <conv2d(x, u), g>}: dx = {@link ConvTranspose2d} of g with dout, dg = conv2d(x, dout);
 * bilinear, so the tangent is weightGrad(tx, g) + weightGrad(x, tg). Fused for compute ({@link ConvLoops}).
 */
public final class Conv2dWeightGrad extends Op {

    private final int kh;
    private final int kw;
    private final int stride;
    private final int padding;

    private Conv2dWeightGrad(int kh, int kw, int stride, int padding) {
        this.kh = kh;
        this.kw = kw;
        this.stride = stride;
        this.padding = padding;
    }

    /** The (O, C, kh, kw) weight gradient of a convolution of x (N, C, H, W) whose upstream gradient is g. */
    public static Tensor apply(Tensor x, Tensor g, int kh, int kw, int stride, int padding) {
        int[] xs = ConvLoops.rank4("conv2dWeightGrad", "(N, C, H, W) input", x);
        int[] gs = ConvLoops.rank4("conv2dWeightGrad", "(N, O, OH, OW) gradient", g);
        ConvLoops.Geometry geo = ConvLoops.Geometry.of("conv2dWeightGrad", xs, gs[1], kh, kw, stride, padding);
        if (gs[0] != xs[0] || gs[2] != geo.oh() || gs[3] != geo.ow()) {
            throw new ShapeException("conv2dWeightGrad: expected (" + xs[0] + ", O, " + geo.oh() + ", " + geo.ow()
                    + ") gradient for input " + Shape.format(xs) + " with kernel " + kh + "x" + kw + ", stride "
                    + stride + ", padding " + padding + ", got " + Shape.format(gs));
        }
        return Engine.apply(new Conv2dWeightGrad(kh, kw, stride, padding), x, g);
    }

    @Override
    public String name() {
        return "conv2dWeightGrad";
    }

    @Override
    public String attributes() {
        return "kernel=" + kh + "x" + kw + ", stride=" + stride + ", padding=" + padding;
    }

    @Override
    protected Tensor forward(Tensor[] in) {
        ConvLoops.Geometry geo = ConvLoops.Geometry.of(name(), in[0].shape(), in[1].shape()[1], kh, kw, stride,
                padding);
        return ConvLoops.weightGrad(in[0], in[1], geo);
    }

    @Override
    protected Tensor[] vjp(Tensor dout) {
        Tensor x = input(0);
        Tensor g = input(1);
        int[] s = x.shape();
        Tensor dx = x.requiresGrad() ? ConvTranspose2d.apply(g, dout, s[2], s[3], stride, padding) : null;
        Tensor dg = g.requiresGrad() ? Conv2d.apply(x, dout, null, stride, padding) : null;
        return new Tensor[]{dx, dg};
    }

    @Override
    protected Tensor jvp(Tensor[] t) {
        return apply(t[0], input(1), kh, kw, stride, padding).add(apply(input(0), t[1], kh, kw, stride, padding));
    }
}
