package dev.jgrad.nn;

import dev.jgrad.DType;
import dev.jgrad.Shape;
import dev.jgrad.ShapeException;
import dev.jgrad.Tensor;
import dev.jgrad.op.Affine;

import java.util.SplittableRandom;

/**
 * The affine (fully-connected) layer: {@code out = x W + b} with x (N, in), W (in, out), b (out), as in
 * CS231n's {@code affine_forward}, computed by one fused op ({@link Affine}: the GEMM adds the bias in its epilogue).
 * Inputs with more than two axes are flattened to (N, in) first.
 */
public final class Linear extends Module {

    private final int in;
    private final int out;

    /** Weights and bias from the sqrt(1/fan_in) uniform scaling, float32. */
    public Linear(int in, int out, SplittableRandom rng) {
        this(in, out, true, DType.FLOAT32, Init::lecunUniform, rng);
    }

    public Linear(int in, int out, boolean bias, DType dtype, Init.Scheme init, SplittableRandom rng) {
        if (in <= 0 || out <= 0) {
            throw new IllegalArgumentException("Linear: sizes must be positive, got " + in + " -> " + out);
        }
        this.in = in;
        this.out = out;
        param("weight", init.create(rng, dtype, in, out, in, out));
        if (bias) {
            param("bias", Init.lecunUniform(rng, dtype, in, out, out));
        }
    }

    public int in() {
        return in;
    }

    public int out() {
        return out;
    }

    @Override
    public Tensor forward(Tensor x) {
        return forward(x, false);
    }

    /**
     * x W + b, followed by ReLU when {@code relu}, as one fused op (what {@link Sequential} runs for a
     * Linear followed by a ReLU).
     */
    public Tensor forward(Tensor x, boolean relu) {
        Tensor x2 = x.rank() == 2 ? x : flatten(x);
        if (x2.size(1) != in) {
            throw new ShapeException("Linear(" + in + " -> " + out + "): expected (N, " + in + ") input, got "
                    + Shape.format(x.shape()));
        }
        Tensor b = namedParameters().containsKey("bias") ? get("bias") : null;
        return Affine.apply(x2, get("weight"), b, relu);
    }

    private Tensor flatten(Tensor x) {
        if (x.rank() < 2 || x.numel() / Math.max(x.size(0), 1) != in) {
            throw new ShapeException("Linear(" + in + " -> " + out + "): expected (N, " + in + ") input, got "
                    + Shape.format(x.shape()));
        }
        return x.reshape(x.size(0), in);
    }

    @Override
    public String toString() {
        return "Linear(" + in + " -> " + out + ")";
    }
}
