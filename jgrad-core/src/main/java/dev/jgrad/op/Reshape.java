package dev.jgrad.op;

import dev.jgrad.Shape;
import dev.jgrad.ShapeException;
import dev.jgrad.Tensor;
import dev.jgrad.autograd.Engine;

/** out = x with a new shape (a view when x is contiguous, else a copy). dx = dout reshaped back. */
public final class Reshape extends Op {

    private final int[] shape;

    private Reshape(int[] shape) {
        this.shape = shape;
    }

    /** Reshapes; one size may be -1 and is then inferred. */
    public static Tensor apply(Tensor x, int[] newShape) {
        return Engine.apply(new Reshape(resolve(x.shape(), newShape)), x);
    }

    static int[] resolve(int[] from, int[] to) {
        int n = Shape.numel(from);
        int[] s = to.clone();
        int infer = -1;
        long known = 1;
        for (int i = 0; i < s.length; i++) {
            if (s[i] == -1 && infer < 0) {
                infer = i;
            } else if (s[i] < 0) {
                throw new ShapeException("reshape: invalid size " + s[i] + " in " + Shape.format(to));
            } else {
                known *= s[i];
            }
        }
        if (infer >= 0) {
            if (known == 0 || n % known != 0) {
                throw new ShapeException("reshape: cannot infer -1 in " + Shape.format(to) + " for "
                        + Shape.format(from) + " (" + n + " elements)");
            }
            s[infer] = (int) (n / known);
            known *= s[infer];
        }
        if (known != n) {
            throw new ShapeException("reshape: " + Shape.format(from) + " has " + n + " elements, "
                    + Shape.format(to) + " holds " + known);
        }
        return s;
    }

    @Override
    public String name() {
        return "reshape";
    }

    @Override
    public String attributes() {
        return Shape.format(shape);
    }

    @Override
    protected Tensor forward(Tensor[] in) {
        Tensor c = Compute.contiguous(in[0]);
        return c.view(shape.clone(), Shape.contiguousStrides(shape), c.offset());
    }

    @Override
    protected Tensor[] vjp(Tensor dout) {
        return new Tensor[]{dout.reshape(input(0).shape())};
    }

    @Override
    protected Tensor jvp(Tensor[] t) {
        return t[0].reshape(shape);
    }
}
