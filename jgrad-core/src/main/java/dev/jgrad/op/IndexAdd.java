package dev.jgrad.op;

import dev.jgrad.DType;
import dev.jgrad.Shape;
import dev.jgrad.ShapeException;
import dev.jgrad.Tensor;
import dev.jgrad.autograd.Engine;

/**
 * out = zeros of length {@code size} along an axis, with slice i of x added at position indices[i]
 * (a scatter-add). dx = dout at those indices ({@link IndexSelect}). The reverse rule of indexSelect.
 */
public final class IndexAdd extends Op {

    private final int axis;
    private final int[] indices;
    private final int size;

    private IndexAdd(int axis, int[] indices, int size) {
        this.axis = axis;
        this.indices = indices;
        this.size = size;
    }

    public static Tensor apply(Tensor x, int axis, int[] indices, int size) {
        int a = Shape.axis("indexAdd", axis, x.rank());
        if (x.shape()[a] != indices.length) {
            throw new ShapeException("indexAdd: " + indices.length + " indices for axis " + a + " of size "
                    + x.shape()[a] + " in " + Shape.format(x.shape()));
        }
        IndexSelect.checkIndices("indexAdd", indices, size, a);
        return Engine.apply(new IndexAdd(a, indices.clone(), size), x);
    }

    @Override
    public String name() {
        return "indexAdd";
    }

    @Override
    public String attributes() {
        return "axis=" + axis + ", size=" + size;
    }

    @Override
    protected Tensor forward(Tensor[] in) {
        Tensor x = Compute.contiguous(in[0]);
        int[] xs = x.shape();
        int[] shape = xs.clone();
        shape[axis] = size;
        Tensor out = Compute.empty(x.dtype(), shape);
        int outer = Shape.numel(xs, 0, axis);
        int inner = Shape.numel(xs, axis + 1, xs.length);
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < indices.length; i++) {
                int src = x.offset() + (o * indices.length + i) * inner;
                int dst = (o * size + indices[i]) * inner;
                if (x.dtype() == DType.FLOAT64) {
                    Compute.kernels().axpy(inner, 1.0, x.f64(), src, out.f64(), dst);
                } else {
                    Compute.kernels().axpy(inner, 1.0f, x.f32(), src, out.f32(), dst);
                }
            }
        }
        return out;
    }

    @Override
    protected Tensor[] vjp(Tensor dout) {
        return new Tensor[]{dout.indexSelect(axis, indices)};
    }

    @Override
    protected Tensor jvp(Tensor[] t) {
        return apply(t[0], axis, indices, size);
    }
}
