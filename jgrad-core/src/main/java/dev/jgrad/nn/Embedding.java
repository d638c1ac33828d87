package dev.jgrad.nn;

import dev.jgrad.DType;
import dev.jgrad.Shape;
import dev.jgrad.ShapeException;
import dev.jgrad.Tensor;

import java.util.SplittableRandom;

/**
 * A lookup table: row i of the weight (num, dim) is the vector of index i. The gradient of a row is the
 * sum of the gradients of every position that looked it up.
 */
public final class Embedding extends Module {

    private final int num;
    private final int dim;

    /** Weights from N(0, 1), float32. */
    public Embedding(int num, int dim, SplittableRandom rng) {
        this(num, dim, DType.FLOAT32, rng);
    }

    public Embedding(int num, int dim, DType dtype, SplittableRandom rng) {
        if (num < 1 || dim < 1) {
            throw new IllegalArgumentException("Embedding: sizes must be positive, got " + num + " x " + dim);
        }
        this.num = num;
        this.dim = dim;
        param("weight", Init.normal(rng, dtype, 0, 1, num, dim));
    }

    /** Looks up indices given as a tensor of whole numbers; the output shape is the index shape plus (dim). */
    @Override
    public Tensor forward(Tensor indices) {
        double[] v = indices.toDoubleArray();
        int[] idx = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            if (v[i] != Math.rint(v[i])) {
                throw new IllegalArgumentException(this + ": index " + v[i] + " at position " + i + " is not a whole number");
            }
            idx[i] = (int) v[i];
        }
        int[] s = indices.shape();
        int[] out = java.util.Arrays.copyOf(s, s.length + 1);
        out[s.length] = dim;
        return lookup(idx).reshape(out);
    }

    /** Looks up a flat list of indices: (k, dim). */
    public Tensor lookup(int... indices) {
        for (int i = 0; i < indices.length; i++) {
            if (indices[i] < 0 || indices[i] >= num) {
                throw new ShapeException(this + ": index " + indices[i] + " at position " + i + " is outside [0, "
                        + num + ") for weight " + Shape.format(new int[]{num, dim}));
            }
        }
        return get("weight").indexSelect(0, indices);
    }

    @Override
    public String toString() {
        return "Embedding(" + num + ", " + dim + ")";
    }
}
