package dev.jgrad.op;

import dev.jgrad.Tensor;
import dev.jgrad.autograd.Engine;
import dev.jgrad.backend.Kernels.Unary;

/** out = e^x. dx = dout * out. */
public final class Exp extends Op {

    public static Tensor apply(Tensor x) {
        return Engine.apply(new Exp(), x);
    }

    @Override
    public String name() {
        return "exp";
    }

    @Override
    protected Tensor forward(Tensor[] in) {
        return Compute.unary(Unary.EXP, in[0]);
    }

    @Override
    protected Tensor[] vjp(Tensor dout) {
        return new Tensor[]{dout.mul(output())};
    }

    @Override
    protected Tensor jvp(Tensor[] t) {
        return t[0].mul(output());
    }
}
