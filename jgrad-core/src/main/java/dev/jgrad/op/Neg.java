package dev.jgrad.op;

import dev.jgrad.Tensor;
import dev.jgrad.autograd.Engine;
import dev.jgrad.backend.Kernels.Unary;

/** out = -x. dx = -dout. */
public final class Neg extends Op {

    public static Tensor apply(Tensor x) {
        return Engine.apply(new Neg(), x);
    }

    @Override
    public String name() {
        return "neg";
    }

    @Override
    protected Tensor forward(Tensor[] in) {
        return Compute.unary(Unary.NEG, in[0]);
    }

    @Override
    protected Tensor[] vjp(Tensor dout) {
        return new Tensor[]{dout.neg()};
    }

    @Override
    protected Tensor jvp(Tensor[] t) {
        return t[0].neg();
    }
}
