package dev.jgrad.op;

import dev.jgrad.Shape;
import dev.jgrad.ShapeException;
import dev.jgrad.Tensor;
import dev.jgrad.autograd.Engine;

/**
 * out = the slices of x at {@code indices} along an axis (repeats allowed). dx = dout added back at
 * those indices ({@link IndexAdd}), so a repeated index receives the sum of its gradients.
 */
public final class IndexSelect extends Op {

    private final int axis;
    private final int[] indices;

    private IndexSelect(int axis, int[] indices) {
        this.axis = axis;
        this.indices = indices;
    }

    public static Tensor apply(Tensor x, int axis, int[] indices) {
        int a = Shape.axis("indexSelect", axis, x.rank());
        checkIndices("indexSelect", indices, x.shape()[a], a);
        return Engine.apply(new IndexSelect(a, indices.clone()), x);
    }

    static void checkIndices(String op, int[] indices, int size, int axis) {
        for (int i = 0; i < indices.length; i++) {
            if (indices[i] < 0 || indices[i] >= size) {
                throw new ShapeException(op + ": index " + indices[i] + " at position " + i
                        + " is out of range for axis " + axis + " of size " + size);
            }
        }
    }

    @Override
    public String name() {
        return "indexSelect";
    }

    @Override
    public String attributes() {
        return "axis=" + axis + ", " + indices.length + " indices";
    }

    @Override
    protected Tensor forward(Tensor[] in) {
        Tensor x = in[0];
        if (x.isContiguous()) {
            return copyBlocks(x);
        }
        Tensor[] parts = new Tensor[indices.length];
        int[] shape = x.shape();
        int[] strides = x.strides();
        shape[axis] = 1;
        for (int i = 0; i < indices.length; i++) {
            parts[i] = x.view(shape, strides, x.offset() + indices[i] * strides[axis]);
        }
        if (parts.length == 0) {
            return Compute.empty(x.dtype(), shape.length == 0 ? shape : zeroAlong(shape));
        }
        return new Concat(axis).compute(parts);
    }

    /**
     * Contiguous x: each (outer position, index) pair is one block of the trailing axes, copied whole.
     * This is how a minibatch is gathered from a dataset, so it is a single pass of array copies.
     */
    private Tensor copyBlocks(Tensor x) {
        int[] shape = x.shape();
        int outer = Shape.numel(shape, 0, axis);
        int inner = Shape.numel(shape, axis + 1, shape.length);
        int size = shape[axis];
        shape[axis] = indices.length;
        Tensor out = Compute.empty(x.dtype(), shape);
        Object src = x.dtype() == dev.jgrad.DType.FLOAT64 ? x.f64() : x.f32();
        Object dst = x.dtype() == dev.jgrad.DType.FLOAT64 ? out.f64() : out.f32();
        int o = 0;
        for (int b = 0; b < outer; b++) {
            int base = x.offset() + b * size * inner;
            for (int index : indices) {
                System.arraycopy(src, base + index * inner, dst, o, inner);
                o += inner;
            }
        }
        return out;
    }

    private int[] zeroAlong(int[] shape) {
        int[] s = shape.clone();
        s[axis] = 0;
        return s;
    }

    @Override
    protected Tensor[] vjp(Tensor dout) {
        return new Tensor[]{IndexAdd.apply(dout, axis, indices, input(0).shape()[axis])};
    }

    @Override
    protected Tensor jvp(Tensor[] t) {
        return t[0].indexSelect(axis, indices);
    }
}
