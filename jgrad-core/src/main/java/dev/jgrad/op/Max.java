package dev.jgrad.op;

import dev.jgrad.DType;
import dev.jgrad.Shape;
import dev.jgrad.Tensor;
import dev.jgrad.autograd.Engine;
import dev.jgrad.backend.Kernels;

import java.util.Arrays;

/**
 * out = max of x over axes. dx = dout at the position of the max, 0 elsewhere.
 * NOTE: the gradient goes to the first argmax (row-major order over the reduced axes); NaN counts as largest.
 */
public final class Max extends Op {

    private final int[] axes;
    private final boolean keepDim;
    private Tensor mask;

    private Max(int[] axes, boolean keepDim) {
        this.axes = axes;
        this.keepDim = keepDim;
    }

    /** Max over {@code axes} (null or empty: all axes). */
    public static Tensor apply(Tensor x, int[] axes, boolean keepDim) {
        return Engine.apply(new Max(Shape.axes("max", axes, x.rank()), keepDim), x);
    }

    /** Indices of the first maximum along one axis, in row-major order of the remaining axes. */
    public static int[] argmax(Tensor x, int axis) {
        int[] ax = {Shape.axis("argmax", axis, x.rank())};
        if (x.shape()[ax[0]] == 0) {
            throw new dev.jgrad.ShapeException("argmax: axis " + axis + " is empty in " + Shape.format(x.shape()));
        }
        Compute.Rows rows = Compute.rows(x.detach(), ax);
        int[] idx = new int[rows.count()];
        Kernels k = Compute.kernels();
        Tensor p = rows.data();
        for (int r = 0; r < idx.length; r++) {
            int off = p.offset() + r * rows.length();
            idx[r] = p.dtype() == DType.FLOAT64 ? k.argmax(p.f64(), off, rows.length())
                    : k.argmax(p.f32(), off, rows.length());
        }
        return idx;
    }

    @Override
    public String name() {
        return "max";
    }

    @Override
    public String attributes() {
        return "axes=" + Arrays.toString(axes) + (keepDim ? ", keepDim" : "");
    }

    @Override
    protected Tensor forward(Tensor[] in) {
        Tensor x = in[0];
        int[] shape = x.shape();
        for (int a : axes) {
            if (shape[a] == 0) {
                throw new dev.jgrad.ShapeException("max: cannot reduce over empty axis " + a + " of "
                        + Shape.format(shape));
            }
        }
        Tensor out = Compute.empty(x.dtype(), Shape.reduced(shape, axes, keepDim));
        Compute.Rows rows = Compute.rows(x, axes);
        Tensor p = rows.data();
        Tensor m = Compute.empty(x.dtype(), p.shape());
        Kernels k = Compute.kernels();
        int len = rows.length();
        for (int r = 0; r < rows.count(); r++) {
            int off = p.offset() + r * len;
            if (x.dtype() == DType.FLOAT64) {
                int i = k.argmax(p.f64(), off, len);
                out.f64()[r] = p.f64()[off + i];
                m.f64()[r * len + i] = 1;
            } else {
                int i = k.argmax(p.f32(), off, len);
                out.f32()[r] = p.f32()[off + i];
                m.f32()[r * len + i] = 1;
            }
        }
        // The one-hot mask of winners, back in x's axis order (a view).
        mask = Compute.permuted(m, Compute.inverse(rows.perm()));
        return out;
    }

    @Override
    protected void releaseSaved() {
        mask = null;
    }

    @Override
    protected Tensor[] vjp(Tensor dout) {
        int[] in = input(0).shape();
        return new Tensor[]{dout.reshape(Shape.reduced(in, axes, true)).mul(mask)};
    }

    @Override
    protected Tensor jvp(Tensor[] t) {
        return t[0].mul(mask).sum(axes, keepDim);
    }
}
