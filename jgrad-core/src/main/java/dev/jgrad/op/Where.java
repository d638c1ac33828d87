package dev.jgrad.op;

import dev.jgrad.Tensor;
import dev.jgrad.autograd.Engine;

/**
 * out = cond != 0 ? a : b elementwise (all three broadcast). da = dout where cond, db = dout elsewhere;
 * the condition is a mask and gets no gradient. A select, not a blend: an Inf in the branch not taken
 * does not leak into the result or the gradient.
 */
public final class Where extends Op {

    public static Tensor apply(Tensor cond, Tensor a, Tensor b) {
        return Engine.apply(new Where(), cond, a, b);
    }

    @Override
    public String name() {
        return "where";
    }

    @Override
    public boolean differentiable(int i) {
        return i != 0;
    }

    @Override
    protected Tensor forward(Tensor[] in) {
        Tensor cond = in[0].dtype() == in[1].dtype() ? in[0] : in[0].detach().to(in[1].dtype());
        return Compute.select(cond, in[1], in[2], name());
    }

    @Override
    protected Tensor[] vjp(Tensor dout) {
        Tensor cond = input(0).detach();
        Tensor zero = Compute.constant(dout.dtype(), 0);
        return new Tensor[]{null, apply(cond, dout, zero), apply(cond, zero, dout)};
    }

    @Override
    protected Tensor jvp(Tensor[] t) {
        return apply(input(0).detach(), t[1], t[2]);
    }
}
