package dev.jgrad.op;

import dev.jgrad.DType;
import dev.jgrad.Shape;
import dev.jgrad.Tensor;
import dev.jgrad.autograd.Engine;
import dev.jgrad.backend.Kernels;

import java.util.Arrays;

/** out = sum of x over axes (all when none are given). dx = dout copied back over the summed axes. */
public final class Sum extends Op {

    private final int[] axes;
    private final boolean keepDim;

    private Sum(int[] axes, boolean keepDim) {
        this.axes = axes;
        this.keepDim = keepDim;
    }

    /** Sums over {@code axes} (null or empty: all axes); reduced axes are kept as size 1 with keepDim. */
    public static Tensor apply(Tensor x, int[] axes, boolean keepDim) {
        return Engine.apply(new Sum(Shape.axes("sum", axes, x.rank()), keepDim), x);
    }

    @Override
    public String name() {
        return "sum";
    }

    @Override
    public String attributes() {
        return "axes=" + Arrays.toString(axes) + (keepDim ? ", keepDim" : "");
    }

    @Override
    protected Tensor forward(Tensor[] in) {
        Tensor x = in[0];
        int[] outShape = Shape.reduced(x.shape(), axes, keepDim);
        Tensor out = Compute.empty(x.dtype(), outShape);
        if (x.numel() == 0) {
            return out;
        }
        if (leadingAxes(x)) {
            return sumLeading(x, out);
        }
        Compute.Rows rows = Compute.rows(x, axes);
        Tensor p = rows.data();
        Kernels k = Compute.kernels();
        int len = rows.length();
        if (x.dtype() == DType.FLOAT64) {
            double[] o = out.f64();
            for (int r = 0; r < rows.count(); r++) {
                o[r] = k.sum(p.f64(), p.offset() + r * len, len);
            }
        } else {
            float[] o = out.f32();
            for (int r = 0; r < rows.count(); r++) {
                o[r] = k.sum(p.f32(), p.offset() + r * len, len);
            }
        }
        return out;
    }

    /** Whether x is contiguous and the summed axes are its first ones, but not all of them. */
    private boolean leadingAxes(Tensor x) {
        if (!x.isContiguous() || axes.length == 0 || axes.length >= x.rank()) {
            return false;
        }
        for (int i = 0; i < axes.length; i++) {
            if (axes[i] != i) {
                return false;
            }
        }
        return true;
    }

    /**
     * Sum over leading axes of a contiguous x (a bias gradient: the column sums of (N, C)): the trailing
     * block of each leading position is added onto out with a vector axpy, instead of gathering strided
     * columns into rows.
     */
    private Tensor sumLeading(Tensor x, Tensor out) {
        int block = out.numel();
        int count = x.numel() / block;
        Kernels k = Compute.kernels();
        for (int b = 0; b < count; b++) {
            int xo = x.offset() + b * block;
            if (x.dtype() == DType.FLOAT64) {
                k.axpy(block, 1.0, x.f64(), xo, out.f64(), 0);
            } else {
                k.axpy(block, 1f, x.f32(), xo, out.f32(), 0);
            }
        }
        return out;
    }

    @Override
    protected Tensor[] vjp(Tensor dout) {
        int[] in = input(0).shape();
        return new Tensor[]{dout.reshape(Shape.reduced(in, axes, true)).expand(in)};
    }

    @Override
    protected Tensor jvp(Tensor[] t) {
        return t[0].sum(axes, keepDim);
    }
}
