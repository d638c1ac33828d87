package dev.jgrad.op;

import dev.jgrad.Tensor;
import dev.jgrad.autograd.Engine;
import dev.jgrad.backend.Kernels.Unary;

/** out = tanh x. dx = dout * (1 - out^2). */
public final class Tanh extends Op {

    public static Tensor apply(Tensor x) {
        return Engine.apply(new Tanh(), x);
    }

    @Override
    public String name() {
        return "tanh";
    }

    @Override
    protected Tensor forward(Tensor[] in) {
        return Compute.unary(Unary.TANH, in[0]);
    }

    private Tensor local() {
        Tensor out = output();
        return out.mul(out).neg().add(1);
    }

    @Override
    protected Tensor[] vjp(Tensor dout) {
        return new Tensor[]{dout.mul(local())};
    }

    @Override
    protected Tensor jvp(Tensor[] t) {
        return t[0].mul(local());
    }
}
