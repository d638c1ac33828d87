package dev.jgrad.op;

import dev.jgrad.DType;
import dev.jgrad.Shape;
import dev.jgrad.ShapeException;
import dev.jgrad.Tensor;
import dev.jgrad.autograd.Engine;
import dev.jgrad.backend.Kernels.Unary;

/** out = the inputs joined along an axis. dx_i = the slice of dout where x_i lies. */
public final class Concat extends Op {

    private final int axis;

    Concat(int axis) {
        this.axis = axis;
    }

    public static Tensor apply(int axis, Tensor... xs) {
        if (xs.length == 0) {
            throw new ShapeException("concat: needs at least one tensor");
        }
        int rank = xs[0].rank();
        int a = Shape.axis("concat", axis, rank);
        int[] first = xs[0].shape();
        for (int i = 1; i < xs.length; i++) {
            int[] s = xs[i].shape();
            boolean ok = s.length == rank;
            for (int d = 0; ok && d < rank; d++) {
                ok = d == a || s[d] == first[d];
            }
            if (!ok) {
                throw new ShapeException("concat: tensor " + i + " has shape " + Shape.format(s)
                        + ", which does not match " + Shape.format(first) + " outside axis " + a);
            }
        }
        return Engine.apply(new Concat(a), xs);
    }

    /** Stacks tensors of one shape along a new axis. */
    public static Tensor stack(int axis, Tensor... xs) {
        if (xs.length == 0) {
            throw new ShapeException("stack: needs at least one tensor");
        }
        int[] first = xs[0].shape();
        Tensor[] u = new Tensor[xs.length];
        for (int i = 0; i < xs.length; i++) {
            if (!java.util.Arrays.equals(xs[i].shape(), first)) {
                throw new ShapeException("stack: tensor " + i + " has shape " + Shape.format(xs[i].shape())
                        + ", tensor 0 has " + Shape.format(first));
            }
            u[i] = xs[i].unsqueeze(axis);
        }
        return apply(axis < 0 ? axis + first.length + 1 : axis, u);
    }

    @Override
    public String name() {
        return "concat";
    }

    @Override
    public String attributes() {
        return "axis=" + axis;
    }

    @Override
    protected Tensor forward(Tensor[] in) {
        int[] shape = in[0].shape();
        int total = 0;
        for (Tensor x : in) {
            total += x.shape()[axis];
        }
        shape[axis] = total;
        DType dtype = in[0].dtype();
        Tensor out = Compute.empty(dtype, shape);
        int[] outStrides = out.strides();
        int pos = 0;
        for (Tensor x : in) {
            int[] xs = x.shape();
            int base = pos * outStrides[axis];
            pos += xs[axis];
            // Walk x's index space; out's block for x is the second operand.
            Compute.forEachRun(xs, new int[][]{x.strides(), outStrides}, new int[]{x.offset(), base}, (o, n, s) -> {
                if (dtype == DType.FLOAT64) {
                    copy(x.f64(), o[0], s[0], out.f64(), o[1], s[1], n);
                } else {
                    copy(x.f32(), o[0], s[0], out.f32(), o[1], s[1], n);
                }
            });
        }
        return out;
    }

    private static void copy(double[] src, int so, int ss, double[] dst, int d0, int ds, int n) {
        if (ds == 1) {
            Compute.kernels().unary(Unary.COPY, src, so, ss, dst, d0, n);
            return;
        }
        for (int i = 0; i < n; i++) {
            dst[d0 + i * ds] = src[so + i * ss];
        }
    }

    private static void copy(float[] src, int so, int ss, float[] dst, int d0, int ds, int n) {
        if (ds == 1) {
            Compute.kernels().unary(Unary.COPY, src, so, ss, dst, d0, n);
            return;
        }
        for (int i = 0; i < n; i++) {
            dst[d0 + i * ds] = src[so + i * ss];
        }
    }

    @Override
    protected Tensor[] vjp(Tensor dout) {
        Tensor[] d = new Tensor[arity()];
        int pos = 0;
        for (int i = 0; i < d.length; i++) {
            int len = input(i).shape()[axis];
            d[i] = dout.slice(axis, pos, pos + len);
            pos += len;
        }
        return d;
    }

    @Override
    protected Tensor jvp(Tensor[] t) {
        return apply(axis, t);
    }
}
