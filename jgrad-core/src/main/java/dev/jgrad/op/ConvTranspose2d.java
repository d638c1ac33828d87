package dev.jgrad.op;

import dev.jgrad.Shape;
import dev.jgrad.ShapeException;
import dev.jgrad.Tensor;
import dev.jgrad.autograd.Engine;

/**
 * out = the adjoint of {@link Conv2d} in x: out[n] = col2im(w^T @ x[n]) for x (N, O, OH, OW) and w (O, C, kh, kw),
 * an (N, C, H, W) image batch in which each output pixel of a convolution spreads back over its window
 * (overlaps sum, padding dropped). This is conv2d's input gradient and the "transposed convolution".
 * dx = conv2d(dout, w), dw = {@link Conv2dWeightGrad} of dout and x; bilinear, so the tangent is
 * convTranspose(tx, w) + convTranspose(x, tw). Fused for compute ({@link ConvLoops}).
 */
public final class ConvTranspose2d extends Op {

    private final int h;
    private final int w;
    private final int kh;
    private final int kw;
    private final int stride;
    private final int padding;

    private ConvTranspose2d(int h, int w, int kh, int kw, int stride, int padding) {
        this.h = h;
        this.w = w;
        this.kh = kh;
        this.kw = kw;
        this.stride = stride;
        this.padding = padding;
    }

    /**
     * The (N, C, h, w) image batch whose convolution with {@code weight} (O, C, kh, kw), stride and padding
     * has the shape of x (N, O, OH, OW); h and w are given because a stride above 1 maps several sizes to
     * one OH, OW.
     */
    public static Tensor apply(Tensor x, Tensor weight, int h, int w, int stride, int padding) {
        int[] xs = ConvLoops.rank4("convTranspose2d", "(N, O, OH, OW) input", x);
        int[] ws = ConvLoops.rank4("convTranspose2d", "(O, C, kh, kw) weight", weight);
        if (h < 0 || w < 0) {
            throw new ShapeException("convTranspose2d: negative image size " + h + "x" + w);
        }
        ConvLoops.Geometry g = ConvLoops.Geometry.of("convTranspose2d", new int[]{xs[0], ws[1], h, w}, ws[0],
                ws[2], ws[3], stride, padding);
        if (xs[1] != ws[0] || xs[2] != g.oh() || xs[3] != g.ow()) {
            throw new ShapeException("convTranspose2d: expected (N, " + ws[0] + ", " + g.oh() + ", " + g.ow()
                    + ") input for weight " + Shape.format(ws) + " and a " + h + "x" + w + " image with stride "
                    + stride + ", padding " + padding + ", got " + Shape.format(xs));
        }
        return Engine.apply(new ConvTranspose2d(h, w, ws[2], ws[3], stride, padding), x, weight);
    }

    @Override
    public String name() {
        return "convTranspose2d";
    }

    @Override
    public String attributes() {
        return "image=" + h + "x" + w + ", kernel=" + kh + "x" + kw + ", stride=" + stride + ", padding=" + padding;
    }

    @Override
    protected Tensor forward(Tensor[] in) {
        int[] xs = in[0].shape();
        int[] ws = in[1].shape();
        ConvLoops.Geometry g = ConvLoops.Geometry.of(name(), new int[]{xs[0], ws[1], h, w}, ws[0], kh, kw, stride,
                padding);
        return ConvLoops.convTranspose(in[0], in[1], g);
    }

    @Override
    protected Tensor[] vjp(Tensor dout) {
        Tensor x = input(0);
        Tensor weight = input(1);
        Tensor dx = x.requiresGrad() ? Conv2d.apply(dout, weight, null, stride, padding) : null;
        Tensor dw = weight.requiresGrad() ? Conv2dWeightGrad.apply(dout, x, kh, kw, stride, padding) : null;
        return new Tensor[]{dx, dw};
    }

    @Override
    protected Tensor jvp(Tensor[] t) {
        return apply(t[0], input(1), h, w, stride, padding).add(apply(input(0), t[1], h, w, stride, padding));
    }
}
