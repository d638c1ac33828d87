package dev.jgrad.op;

import dev.jgrad.Tensor;
import dev.jgrad.autograd.Engine;
import dev.jgrad.backend.Kernels.Binary;

/**
 * out = x + w (broadcast). d out/dx = 1, d out/dw = 1: the add gate hands dout unchanged to every input.
 */
public final class Add extends Op {

    public static Tensor apply(Tensor x, Tensor w) {
        return Engine.apply(new Add(), x, w);
    }

    @Override
    public String name() {
        return "add";
    }

    @Override
    protected Tensor forward(Tensor[] in) {
        return Compute.binary(Binary.ADD, in[0], in[1], name());
    }

    @Override
    protected Tensor[] vjp(Tensor dout) {
        return new Tensor[]{dout, dout};
    }

    @Override
    protected Tensor jvp(Tensor[] t) {
        return t[0].add(t[1]);
    }
}
