package dev.jgrad.op;

import dev.jgrad.Shape;
import dev.jgrad.ShapeException;
import dev.jgrad.Tensor;
import dev.jgrad.autograd.Engine;

/**
 * The fully-connected layer as one op: out = x W + b, optionally followed by ReLU, with x (N, in),
 * W (in, out) and b (out) or no bias. Forward is one GEMM ({@link dev.jgrad.backend.Kernels#affine}) whose
 * epilogue adds the bias and applies ReLU to each tile of the output while it is in cache: no intermediate
 * tensors and no extra pass over the output. Its values are those of {@code x.matmul(W).add(b)} then ReLU, to
 * the bit.
 * With z the pre-activation: dz = dout where out &gt; 0 (ReLU) or dout; dx = dz Wᵀ, dW = xᵀ dz,
 * db = the column sums of dz.
 */
public final class Affine extends Op {

    private final boolean relu;
    private final boolean bias;

    private Affine(boolean relu, boolean bias) {
        this.relu = relu;
        this.bias = bias;
    }

    /** x (N, in) @ w (in, out) + b (out; null for none), then ReLU when {@code relu}. */
    public static Tensor apply(Tensor x, Tensor w, Tensor b, boolean relu) {
        String name = relu ? "linear+relu" : "linear";
        if (x.rank() != 2 || w.rank() != 2 || x.size(1) != w.size(0)) {
            throw new ShapeException(name + ": expected x (N, in) and W (in, out), got x " + Shape.format(x.shape())
                    + " and W " + Shape.format(w.shape()));
        }
        if (b != null && (b.rank() != 1 || b.size(0) != w.size(1))) {
            throw new ShapeException(name + ": bias must have shape (" + w.size(1) + "), got "
                    + Shape.format(b.shape()));
        }
        return b == null ? Engine.apply(new Affine(relu, false), x, w)
                : Engine.apply(new Affine(relu, true), x, w, b);
    }

    @Override
    public String name() {
        return relu ? "linear+relu" : "linear";
    }

    @Override
    protected Tensor forward(Tensor[] in) {
        Tensor x = in[0];
        Tensor w = in[1];
        int m = x.size(0);
        int n = w.size(1);
        Tensor out = Compute.empty(x.dtype(), new int[]{m, n});
        if (out.numel() == 0) {
            return out;
        }
        Matmul.product2d(x, w, bias ? in[2] : null, relu, out, 0);
        return out;
    }

    /** ReLU's gate on t, from the output; t itself without ReLU. */
    private Tensor gate(Tensor t) {
        return relu ? Relu.gate(output(), t) : t;
    }

    @Override
    protected Tensor[] vjp(Tensor dout) {
        Tensor x = input(0);
        Tensor w = input(1);
        Tensor dz = gate(dout);
        Tensor dx = x.requiresGrad() ? Matmul.gradient(x, dz, w.transpose()) : null;
        Tensor dw = w.requiresGrad() ? Matmul.gradient(w, x.transpose(), dz) : null;
        if (!bias) {
            return new Tensor[]{dx, dw};
        }
        Tensor db = input(2).requiresGrad() ? dz.sum(0, false) : null;
        return new Tensor[]{dx, dw, db};
    }

    @Override
    protected Tensor jvp(Tensor[] t) {
        Tensor z = t[0].matmul(input(1)).add(input(0).matmul(t[1]));
        return gate(bias ? z.add(t[2]) : z);
    }
}
