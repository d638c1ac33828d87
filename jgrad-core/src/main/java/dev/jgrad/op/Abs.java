package dev.jgrad.op;

import dev.jgrad.Tensor;
import dev.jgrad.autograd.Engine;
import dev.jgrad.backend.Kernels.Unary;

/** out = |x|. dx = dout * sign(x). NOTE: abs'(0) = 0. */
public final class Abs extends Op {

    public static Tensor apply(Tensor x) {
        return Engine.apply(new Abs(), x);
    }

    @Override
    public String name() {
        return "abs";
    }

    @Override
    protected Tensor forward(Tensor[] in) {
        return Compute.unary(Unary.ABS, in[0]);
    }

    /** sign(x) as a constant: its own derivative is zero almost everywhere. */
    private Tensor sign() {
        return Compute.unary(Unary.SIGN, input(0));
    }

    @Override
    protected Tensor[] vjp(Tensor dout) {
        return new Tensor[]{dout.mul(sign())};
    }

    @Override
    protected Tensor jvp(Tensor[] t) {
        return t[0].mul(sign());
    }
}
