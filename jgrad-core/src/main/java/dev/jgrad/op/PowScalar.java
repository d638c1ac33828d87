package dev.jgrad.op;

import dev.jgrad.Tensor;
import dev.jgrad.autograd.Engine;
import dev.jgrad.backend.Kernels.Binary;

/** out = x^p for a constant p. dx = dout * p x^(p-1). */
public final class PowScalar extends Op {

    private final double p;

    private PowScalar(double p) {
        this.p = p;
    }

    public static Tensor apply(Tensor x, double p) {
        return Engine.apply(new PowScalar(p), x);
    }

    @Override
    public String name() {
        return "pow";
    }

    @Override
    public String attributes() {
        return "p=" + p;
    }

    @Override
    protected Tensor forward(Tensor[] in) {
        return Compute.binary(Binary.POW, in[0], Compute.constant(in[0].dtype(), p), name());
    }

    private Tensor slope() {
        return p == 1 ? Tensor.ones(input(0).dtype()) : input(0).pow(p - 1).mul(p);
    }

    @Override
    protected Tensor[] vjp(Tensor dout) {
        return new Tensor[]{dout.mul(slope())};
    }

    @Override
    protected Tensor jvp(Tensor[] t) {
        return t[0].mul(slope());
    }
}
