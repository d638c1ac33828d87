package dev.jgrad.op;

import dev.jgrad.DType;
import dev.jgrad.Shape;
import dev.jgrad.ShapeException;
import dev.jgrad.Tensor;
import dev.jgrad.autograd.Engine;

/**
 * out.flat[i] = x.flat[index[i]], shaped {@code shape}: elements picked by their row-major position in x
 * (repeats allowed). dx = dout added back at those positions ({@link ScatterAdd}); linear, so the tangent
 * is the same pick of the input's tangent. The reverse rule of ScatterAdd, and max pooling's tangent.
 */
public final class Take extends Op {

    private final int[] index;
    private final int[] shape;

    private Take(int[] index, int[] shape) {
        this.index = index;
        this.shape = shape;
    }

    /** Picks x.flat[index[i]] for each i; {@code shape} holds index.length elements. */
    public static Tensor apply(Tensor x, int[] index, int[] shape) {
        int[] s = Shape.check("take", shape);
        if (Shape.numel(s) != index.length) {
            throw new ShapeException("take: " + index.length + " indices for output shape " + Shape.format(s)
                    + " (" + Shape.numel(s) + " elements)");
        }
        ScatterAdd.checkPositions("take", index, x.numel(), x.shape());
        return of(x, index.clone(), s);
    }

    /** Without the checks or a copy of index, for rules whose index was checked and is never changed. */
    static Tensor of(Tensor x, int[] index, int[] shape) {
        return Engine.apply(new Take(index, shape), x);
    }

    @Override
    public String name() {
        return "take";
    }

    @Override
    public String attributes() {
        return index.length + " positions";
    }

    @Override
    protected Tensor forward(Tensor[] in) {
        Tensor x = Compute.contiguous(in[0]);
        Tensor out = Compute.empty(x.dtype(), shape);
        int xo = x.offset();
        if (x.dtype() == DType.FLOAT64) {
            double[] xd = x.f64();
            double[] od = out.f64();
            for (int i = 0; i < index.length; i++) {
                od[i] = xd[xo + index[i]];
            }
        } else {
            float[] xf = x.f32();
            float[] of = out.f32();
            for (int i = 0; i < index.length; i++) {
                of[i] = xf[xo + index[i]];
            }
        }
        return out;
    }

    @Override
    protected Tensor[] vjp(Tensor dout) {
        return new Tensor[]{ScatterAdd.of(dout, index, input(0).shape())};
    }

    @Override
    protected Tensor jvp(Tensor[] t) {
        return of(t[0], index, shape);
    }
}
