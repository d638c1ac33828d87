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
