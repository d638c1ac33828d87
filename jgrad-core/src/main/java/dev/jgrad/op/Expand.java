package dev.jgrad.op;

import dev.jgrad.Shape;
import dev.jgrad.ShapeException;
import dev.jgrad.Tensor;
import dev.jgrad.autograd.Engine;

/**
 * out = x broadcast to a larger shape (a view with zero strides). dx = dout summed over the expanded axes
 * (by the engine's one un-broadcast).
 */
public final class Expand extends Op {

    private final int[] shape;

    private Expand(int[] shape) {
        this.shape = shape;
    }

    public static Tensor apply(Tensor x, int[] shape) {
        int[] s = Shape.check("expand", shape);
        if (!Shape.broadcastsTo(x.shape(), s)) {
            throw new ShapeException("expand: " + Shape.format(x.shape()) + " cannot be broadcast to "
                    + Shape.format(s));
        }
        return Engine.apply(new Expand(s), x);
    }

    @Override
    public String name() {
        return "expand";
    }

    @Override
    public String attributes() {
        return Shape.format(shape);
    }

    @Override
    protected Tensor forward(Tensor[] in) {
        return in[0].view(shape.clone(), Compute.broadcastStrides(in[0], shape), in[0].offset());
    }

    @Override
    protected Tensor[] vjp(Tensor dout) {
        return new Tensor[]{dout};
    }

    @Override
    protected Tensor jvp(Tensor[] t) {
        return t[0].expand(shape);
    }
}
