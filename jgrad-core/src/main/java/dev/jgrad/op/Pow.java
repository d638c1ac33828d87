package dev.jgrad.op;

import dev.jgrad.Tensor;
import dev.jgrad.autograd.Engine;
import dev.jgrad.backend.Kernels.Binary;

/**
 * out = x^w elementwise (broadcast). dx = dout * w x^(w-1), dw = dout * out * ln x.
 * NOTE: dw needs x &gt; 0; it is only computed when w requires a gradient.
 */
public final class Pow extends Op {

    public static Tensor apply(Tensor x, Tensor w) {
        return Engine.apply(new Pow(), x, w);
    }

    @Override
    public String name() {
        return "pow";
    }

    @Override
    protected Tensor forward(Tensor[] in) {
        return Compute.binary(Binary.POW, in[0], in[1], name());
    }

    private Tensor dx() {
        return input(1).mul(input(0).pow(input(1).sub(1)));
    }

    private Tensor dw() {
        return output().mul(input(0).log());
    }

    @Override
    protected Tensor[] vjp(Tensor dout) {
        Tensor dw = input(1).requiresGrad() ? dout.mul(dw()) : null;
        Tensor dx = input(0).requiresGrad() ? dout.mul(dx()) : null;
        return new Tensor[]{dx, dw};
    }

    @Override
    protected Tensor jvp(Tensor[] t) {
        Tensor out = t[0].mul(dx());
        return input(1).tangent() != null ? out.add(t[1].mul(dw())) : out;
    }
}
