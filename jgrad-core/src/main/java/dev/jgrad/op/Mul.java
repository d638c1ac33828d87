package dev.jgrad.op;

import dev.jgrad.Tensor;
import dev.jgrad.autograd.Engine;
import dev.jgrad.backend.Kernels.Binary;

/**
 * out = x * w (elementwise, broadcast). dx = dout * w, dw = dout * x: the mul gate "switches" its inputs.
 */
public final class Mul extends Op {

    public static Tensor apply(Tensor x, Tensor w) {
        return Engine.apply(new Mul(), x, w);
    }

    @Override
    public String name() {
        return "mul";
    }

    @Override
    protected Tensor forward(Tensor[] in) {
        return Compute.binary(Binary.MUL, in[0], in[1], name());
    }

    @Override
    protected Tensor[] vjp(Tensor dout) {
        return new Tensor[]{dout.mul(input(1)), dout.mul(input(0))};
    }

    @Override
    protected Tensor jvp(Tensor[] t) {
        return t[0].mul(input(1)).add(input(0).mul(t[1]));
    }
}
