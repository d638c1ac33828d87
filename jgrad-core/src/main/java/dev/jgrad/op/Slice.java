package dev.jgrad.op;

import dev.jgrad.Shape;
import dev.jgrad.ShapeException;
import dev.jgrad.Tensor;
import dev.jgrad.autograd.Engine;

/** out = x[start:end] along one axis (a view). dx = dout placed back between zeros. */
public final class Slice extends Op {

    private final int axis;
    private final int start;
    private final int end;

    private Slice(int axis, int start, int end) {
        this.axis = axis;
        this.start = start;
        this.end = end;
    }

    /** Elements [start, end) along {@code axis}; negative bounds count from the end. */
    public static Tensor apply(Tensor x, int axis, int start, int end) {
        int a = Shape.axis("slice", axis, x.rank());
        int n = x.shape()[a];
        int s = start < 0 ? start + n : start;
        int e = end < 0 ? end + n : end;
        if (s < 0 || e > n || s > e) {
            throw new ShapeException("slice: [" + start + ", " + end + ") is out of range for axis " + axis
                    + " of size " + n + " in " + Shape.format(x.shape()));
        }
        return Engine.apply(new Slice(a, s, e), x);
    }

    @Override
    public String name() {
        return "slice";
    }

    @Override
    public String attributes() {
        return "axis=" + axis + ", " + start + ":" + end;
    }

    @Override
    protected Tensor forward(Tensor[] in) {
        Tensor x = in[0];
        int[] shape = x.shape();
        int[] strides = x.strides();
        shape[axis] = end - start;
        return x.view(shape, strides, x.offset() + (shape[axis] == 0 ? 0 : start * strides[axis]));
    }

    @Override
    protected Tensor[] vjp(Tensor dout) {
        int[] in = input(0).shape();
        int[] before = in.clone();
        before[axis] = start;
        int[] after = in.clone();
        after[axis] = in[axis] - end;
        return new Tensor[]{Concat.apply(axis, Tensor.zeros(dout.dtype(), before), dout,
                Tensor.zeros(dout.dtype(), after))};
    }

    @Override
    protected Tensor jvp(Tensor[] t) {
        return t[0].slice(axis, start, end);
    }
}
