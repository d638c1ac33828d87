package dev.jgrad.op;

import dev.jgrad.DType;
import dev.jgrad.Shape;
import dev.jgrad.ShapeException;
import dev.jgrad.Tensor;
import dev.jgrad.autograd.Engine;

/**
 * out = zeros of shape {@code shape} with x.flat[i] added at row-major position index[i] (a scatter-add:
 * a repeated position receives the sum). dx = dout at those positions ({@link Take}); linear, so the
 * tangent is the same scatter of the input's tangent. The reverse rule of Take and of max pooling.
 */
public final class ScatterAdd extends Op {

    private final int[] index;
    private final int[] shape;

    private ScatterAdd(int[] index, int[] shape) {
        this.index = index;
        this.shape = shape;
    }

    /** A {@code shape} tensor of zeros plus x.flat[i] at position index[i]; index has one entry per element of x. */
    public static Tensor apply(Tensor x, int[] index, int[] shape) {
        int[] s = Shape.check("scatterAdd", shape);
        if (x.numel() != index.length) {
            throw new ShapeException("scatterAdd: " + index.length + " indices for input " + Shape.format(x.shape())
                    + " (" + x.numel() + " elements)");
        }
        checkPositions("scatterAdd", index, Shape.numel(s), s);
        return of(x, index.clone(), s);
    }

    /** Without the checks or a copy of index, for rules whose index was checked and is never changed. */
    static Tensor of(Tensor x, int[] index, int[] shape) {
        return Engine.apply(new ScatterAdd(index, shape), x);
    }

    /** Every position must lie in [0, size) of a tensor of the given shape. */
    static void checkPositions(String op, int[] index, int size, int[] shape) {
        for (int i = 0; i < index.length; i++) {
            if (index[i] < 0 || index[i] >= size) {
                throw new ShapeException(op + ": position " + index[i] + " at " + i + " is out of range for "
                        + Shape.format(shape) + " (" + size + " elements)");
            }
        }
    }

    @Override
    public String name() {
        return "scatterAdd";
    }

    @Override
    public String attributes() {
        return index.length + " positions into " + Shape.format(shape);
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
                od[index[i]] += xd[xo + i];
            }
        } else {
            float[] xf = x.f32();
            float[] of = out.f32();
            for (int i = 0; i < index.length; i++) {
                of[index[i]] += xf[xo + i];
            }
        }
        return out;
    }

    @Override
    protected Tensor[] vjp(Tensor dout) {
        return new Tensor[]{Take.of(dout, index, input(0).shape())};
    }

    @Override
    protected Tensor jvp(Tensor[] t) {
        return of(t[0], index, shape);
    }
}
