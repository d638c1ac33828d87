package dev.jgrad.nn;

import dev.jgrad.DType;
import dev.jgrad.Shape;
import dev.jgrad.ShapeException;
import dev.jgrad.Tensor;

import java.util.Arrays;

/**
 * Layer normalization: each example is normalized over its last axes (the normalized shape) by its own
 * mean and biased variance, then scaled and shifted elementwise. The same in training and evaluation.
 */
public final class LayerNorm extends Module {

    private final int[] normalized;
    private final double eps;

    public LayerNorm(int... normalizedShape) {
        this(normalizedShape, 1e-5, DType.FLOAT32);
    }

    public LayerNorm(int[] normalizedShape, double eps, DType dtype) {
        if (normalizedShape.length == 0) {
            throw new IllegalArgumentException("LayerNorm: the normalized shape needs at least one axis");
        }
        this.normalized = Shape.check("LayerNorm", normalizedShape);
        this.eps = eps;
        param("weight", Tensor.ones(dtype, normalized));
        param("bias", Tensor.zeros(dtype, normalized));
    }

    @Override
    public Tensor forward(Tensor x) {
        int[] s = x.shape();
        int k = normalized.length;
        if (s.length < k || !Arrays.equals(Arrays.copyOfRange(s, s.length - k, s.length), normalized)) {
            throw new ShapeException(this + ": input " + Shape.format(s) + " does not end in "
                    + Shape.format(normalized));
        }
        int[] axes = new int[k];
        for (int i = 0; i < k; i++) {
            axes[i] = s.length - k + i;
        }
        Tensor xhat = x.sub(x.mean(axes, true)).div(x.var(axes, true).add(eps).sqrt());
        return xhat.mul(get("weight")).add(get("bias"));
    }

    @Override
    public String toString() {
        return "LayerNorm(" + Shape.format(normalized) + ")";
    }
}
