package dev.jgrad.op;

import dev.jgrad.Tensor;
import dev.jgrad.autograd.Engine;
import dev.jgrad.backend.Kernels.Unary;

/** out = max(0, x). dx = dout where x &gt; 0, else 0. NOTE: relu'(0) = 0. */
public final class Relu extends Op {

    public static Tensor apply(Tensor x) {
        return Engine.apply(new Relu(), x);
    }

    @Override
    public String name() {
        return "relu";
    }

    @Override
    protected Tensor forward(Tensor[] in) {
        return Compute.unary(Unary.RELU, in[0]);
    }

    /**
     * dout where relu's output is nonzero (exactly where x &gt; 0), else 0: one select pass over dout, with no
     * mask to build. The output is a constant here, since the step's own derivative is zero almost everywhere.
     */
    private Tensor gate(Tensor t) {
        return gate(output(), t);
    }

    /** t where a ReLU output is positive, else 0; the output enters as a constant (shared with {@link Affine}). */
    static Tensor gate(Tensor reluOutput, Tensor t) {
        return Where.apply(reluOutput.detach(), t, Compute.constant(t.dtype(), 0));
    }

    @Override
    protected Tensor[] vjp(Tensor dout) {
        return new Tensor[]{gate(dout)};
    }

    @Override
    protected Tensor jvp(Tensor[] t) {
        return gate(t[0]);
    }
}
