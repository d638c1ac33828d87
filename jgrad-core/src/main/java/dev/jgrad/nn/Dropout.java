package dev.jgrad.nn;

import dev.jgrad.Tensor;

import java.util.SplittableRandom;

/**
 * Inverted dropout: in training, each value is zeroed with probability p and the survivors are scaled by
 * 1 / (1 - p), so evaluation mode is the identity.
 */
public final class Dropout extends Module {

    private final double p;
    private final SplittableRandom rng;

    public Dropout(double p, SplittableRandom rng) {
        if (!(p >= 0 && p < 1)) {
            throw new IllegalArgumentException("Dropout: p must be in [0, 1), got " + p);
        }
        this.p = p;
        this.rng = rng;
    }

    public double p() {
        return p;
    }

    @Override
    public Tensor forward(Tensor x) {
        if (!isTraining() || p == 0) {
            return x;
        }
        double[] mask = new double[x.numel()];
        double keep = 1 / (1 - p);
        for (int i = 0; i < mask.length; i++) {
            mask[i] = rng.nextDouble() < p ? 0 : keep;
        }
        return x.mul(Tensor.wrap(mask, x.shape()).to(x.dtype()));
    }

    @Override
    public String toString() {
        return "Dropout(" + p + ")";
    }
}
