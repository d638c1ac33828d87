package dev.jgrad.op;

import dev.jgrad.Tensor;
import dev.jgrad.autograd.Engine;
import dev.jgrad.backend.Kernels.Unary;

/**
 * out = 1 / (1 + e^-x). dx = dout * (1 - out) out: the lecture's sigmoid gate, whose local gradient at
 * out = 0.73 is 0.1966. Fused (rather than built from exp and div) for its simple local gradient and
 * because it is evaluated per sign without overflow.
 */
public final class Sigmoid extends Op {

    public static Tensor apply(Tensor x) {
        return Engine.apply(new Sigmoid(), x);
    }

    @Override
    public String name() {
        return "sigmoid";
    }

    @Override
    protected Tensor forward(Tensor[] in) {
        return Compute.unary(Unary.SIGMOID, in[0]);
    }

    private Tensor local() {
        Tensor out = output();
        return out.neg().add(1).mul(out);
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
