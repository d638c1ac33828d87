package dev.jgrad.op;

import dev.jgrad.DType;
import dev.jgrad.Shape;
import dev.jgrad.ShapeException;
import dev.jgrad.Tensor;
import dev.jgrad.autograd.Engine;
import dev.jgrad.backend.Kernels;
import dev.jgrad.backend.Parallel;

/**
 * out[n, c, y, x] = sum of cols[n, (c kh + i) kw + j, oh OW + ow] over the patches with
 * oh s - p + i = y and ow s - p + j = x: the adjoint of {@link Im2col} (overlapping patches sum,
 * padding is dropped). dcols = im2col of dout; the op is linear, so the tangent is the col2im of the
 * input's tangent. Fused (a scatter-add kernel) as im2col's reverse rule.
 */
public final class Col2im extends Op {

    private final int c;
    private final int h;
    private final int w;
    private final int kh;
    private final int kw;
    private final int stride;
    private final int padding;

    private Col2im(int c, int h, int w, int kh, int kw, int stride, int padding) {
        this.c = c;
        this.h = h;
        this.w = w;
        this.kh = kh;
        this.kw = kw;
        this.stride = stride;
        this.padding = padding;
    }

    /** Folds columns (N, c kh kw, OH OW) back into an image batch (N, c, h, w), summing overlaps. */
    public static Tensor apply(Tensor cols, int c, int h, int w, int kh, int kw, int stride, int padding) {
        int[] s = cols.shape();
        if (s.length != 3) {
            throw new ShapeException("col2im: expected (N, C*kh*kw, OH*OW) columns, got " + Shape.format(s));
        }
        if (c < 0 || h < 0 || w < 0) {
            throw new ShapeException("col2im: negative image size " + c + "x" + h + "x" + w + " for columns "
                    + Shape.format(s));
        }
        String image = "image " + c + "x" + h + "x" + w;
        int[] o = Im2col.outputSize("col2im", image, h, w, kh, kw, stride, padding);
        long rows = (long) c * kh * kw;
        long l = (long) o[0] * o[1];
        if (s[1] != rows || s[2] != l) {
            throw new ShapeException("col2im: expected (N, " + rows + ", " + l + ") columns for an " + image
                    + " with kernel " + kh + "x" + kw + ", stride " + stride + ", padding " + padding + ", got "
                    + Shape.format(s));
        }
        return Engine.apply(new Col2im(c, h, w, kh, kw, stride, padding), cols);
    }

    @Override
    public String name() {
        return "col2im";
    }

    @Override
    public String attributes() {
        return "image=" + c + "x" + h + "x" + w + ", kernel=" + kh + "x" + kw + ", stride=" + stride
                + ", padding=" + padding;
    }

    @Override
    protected Tensor forward(Tensor[] in) {
        Tensor cols = Compute.contiguous(in[0]);
        int n = cols.shape()[0];
        Tensor out = Compute.empty(cols.dtype(), new int[]{n, c, h, w});
        if (out.numel() == 0) {
            return out;
        }
        Kernels k = Compute.kernels();
        int co = cols.offset();
        int patch = cols.shape()[1] * cols.shape()[2];
        int image = c * h * w;
        // Images are independent: one task each, writing disjoint parts of out.
        if (cols.dtype() == DType.FLOAT64) {
            double[] cd = cols.f64();
            double[] od = out.f64();
            Parallel.forEach(n, b -> k.col2im(cd, co + b * patch, c, h, w, kh, kw, stride, padding, od, b * image,
                    false));
        } else {
            float[] cf = cols.f32();
            float[] of = out.f32();
            Parallel.forEach(n, b -> k.col2im(cf, co + b * patch, c, h, w, kh, kw, stride, padding, of, b * image,
                    false));
        }
        return out;
    }

    @Override
    protected Tensor[] vjp(Tensor dout) {
        return new Tensor[]{Im2col.apply(dout, kh, kw, stride, padding)};
    }

    @Override
    protected Tensor jvp(Tensor[] t) {
        return apply(t[0], c, h, w, kh, kw, stride, padding);
    }
}
