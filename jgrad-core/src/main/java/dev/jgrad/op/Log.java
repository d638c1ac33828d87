package dev.jgrad.op;

import dev.jgrad.Tensor;
import dev.jgrad.autograd.Engine;
import dev.jgrad.backend.Kernels.Unary;

/** out = ln x. dx = dout / x. NOTE: ln 0 = -Inf and ln of a negative number is NaN, as in IEEE 754. */
public final class Log extends Op {

    public static Tensor apply(Tensor x) {
        return Engine.apply(new Log(), x);
    }

    @Override
    public String name() {
        return "log";
    }

    @Override
    protected Tensor forward(Tensor[] in) {
        return Compute.unary(Unary.LOG, in[0]);
    }

    @Override
    protected Tensor[] vjp(Tensor dout) {
        return new Tensor[]{dout.div(input(0))};
    }

    @Override
    protected Tensor jvp(Tensor[] t) {
        return t[0].div(input(0));
    }
}
