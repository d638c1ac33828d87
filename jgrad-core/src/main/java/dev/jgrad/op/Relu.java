package dev.jgrad.op;

import dev.jgrad.Tensor;
import dev.jgrad.autograd.Engine;
import dev.jgrad.backend.Kernels.Unary;

/** out = max(0, x). dx = dout where x &gt; 0, else 0. NOTE: relu'(0) = 0. */
public final class Relu extends Op {

    public static Tensor apply(Tensor x) {
        return Engine.apply(new Relu(), x);
    }

    @Override
    public String name() {
        return "relu";
    }

    @Override
    protected Tensor forward(Tensor[] in) {
        return Compute.unary(Unary.RELU, in[0]);
    }

    /** 1 where x &gt; 0: a constant, since the step's own derivative is zero almost everywhere. */
    private Tensor mask() {
        return Compute.unary(Unary.STEP, input(0));
    }

    @Override
    protected Tensor[] vjp(Tensor dout) {
        return new Tensor[]{dout.mul(mask())};
    }

    @Override
    protected Tensor jvp(Tensor[] t) {
        return t[0].mul(mask());
    }
}
