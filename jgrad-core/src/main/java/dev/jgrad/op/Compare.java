package dev.jgrad.op;

import dev.jgrad.Tensor;
import dev.jgrad.autograd.Engine;
import dev.jgrad.backend.Kernels.Binary;

/**
 * out = 1 where the comparison holds, else 0 (broadcast), in the inputs' dtype. A mask: not
 * differentiable, so it records nothing and passes no gradient or tangent.
 */
public final class Compare extends Op {

    /** The comparison. */
    public enum Kind {
        GT(Binary.GT, "gt"), GE(Binary.GE, "ge"), LT(Binary.LT, "lt"), LE(Binary.LE, "le"),
        EQ(Binary.EQ, "eq"), NE(Binary.NE, "ne");

        final Binary kernel;
        final String label;

        Kind(Binary kernel, String label) {
            this.kernel = kernel;
            this.label = label;
        }
    }

    private final Kind kind;

    private Compare(Kind kind) {
        this.kind = kind;
    }

    public static Tensor apply(Kind kind, Tensor x, Tensor w) {
        return Engine.apply(new Compare(kind), x, w);
    }

    @Override
    public String name() {
        return kind.label;
    }

    @Override
    public boolean differentiable(int i) {
        return false;
    }

    @Override
    protected Tensor forward(Tensor[] in) {
        return Compute.binary(kind.kernel, in[0], in[1], name());
    }

    @Override
    protected Tensor[] vjp(Tensor dout) {
        return new Tensor[]{null, null};
    }

    @Override
    protected Tensor jvp(Tensor[] t) {
        return null;
    }
}
