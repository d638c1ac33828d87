package dev.jgrad.op;

import dev.jgrad.Tensor;
import dev.jgrad.autograd.Engine;
import dev.jgrad.backend.Kernels.Unary;

/** out = sqrt x. dx = dout / (2 out). NOTE: the gradient at x = 0 is +Inf. */
public final class Sqrt extends Op {

    public static Tensor apply(Tensor x) {
        return Engine.apply(new Sqrt(), x);
    }

    @Override
    public String name() {
        return "sqrt";
    }

    @Override
    protected Tensor forward(Tensor[] in) {
        return Compute.unary(Unary.SQRT, in[0]);
    }

    @Override
    protected Tensor[] vjp(Tensor dout) {
        return new Tensor[]{dout.div(output().mul(2))};
    }

    @Override
    protected Tensor jvp(Tensor[] t) {
        return t[0].div(output().mul(2));
    }
}
