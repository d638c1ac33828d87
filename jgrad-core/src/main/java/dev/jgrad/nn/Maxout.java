package dev.jgrad.nn;

import dev.jgrad.DType;
import dev.jgrad.Tensor;

import java.util.SplittableRandom;

/**
 * Maxout with k linear pieces: {@code out_j = max_i (x W_i + b_i)_j}. The gradient flows only through the
 * winning piece of each output (the max gate).
 */
public final class Maxout extends Module {

    private final int in;
    private final int out;
    private final int k;

    public Maxout(int in, int out, int k, SplittableRandom rng) {
        this(in, out, k, DType.FLOAT32, rng);
    }

    public Maxout(int in, int out, int k, DType dtype, SplittableRandom rng) {
        if (k < 1) {
            throw new IllegalArgumentException("Maxout: needs at least one piece, got k = " + k);
        }
        this.in = in;
        this.out = out;
        this.k = k;
        child("pieces", new Linear(in, out * k, true, dtype, Init::lecunUniform, rng));
    }

    public int in() {
        return in;
    }

    public int out() {
        return out;
    }

    /** The number of linear pieces. */
    public int pieces() {
        return k;
    }

    @Override
    public Tensor forward(Tensor x) {
        Tensor z = children().get("pieces").forward(x);   // (N, out * k)
        return z.reshape(z.size(0), out, k).max(2, false); // (N, out)
    }

    @Override
    public String toString() {
        return "Maxout(" + in + " -> " + out + ", k=" + k + ")";
    }
}
