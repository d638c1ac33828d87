package dev.jgrad.op;

import dev.jgrad.Tensor;
import dev.jgrad.autograd.Engine;
import dev.jgrad.backend.Kernels.Binary;

/**
 * out = max(x, w) elementwise (broadcast). dx = dout where x &gt;= w, dw = dout elsewhere: the max gate
 * routes the whole gradient to the larger input. NOTE: ties route to the first input, x.
 */
public final class Maximum extends Op {

    public static Tensor apply(Tensor x, Tensor w) {
        return Engine.apply(new Maximum(), x, w);
    }

    @Override
    public String name() {
        return "maximum";
    }

    @Override
    protected Tensor forward(Tensor[] in) {
        return Compute.binary(Binary.MAX, in[0], in[1], name());
    }

    /** 1 where x wins (ties included), as a constant. */
    private Tensor mask() {
        return Compute.binary(Binary.GE, input(0), input(1), name());
    }

    @Override
    protected Tensor[] vjp(Tensor dout) {
        Tensor m = mask();
        Tensor zero = Compute.constant(dout.dtype(), 0);
        return new Tensor[]{Where.apply(m, dout, zero), Where.apply(m, zero, dout)};
    }

    @Override
    protected Tensor jvp(Tensor[] t) {
        return Where.apply(mask(), t[0], t[1]);
    }
}
