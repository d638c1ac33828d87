package dev.jgrad.nn;

import dev.jgrad.Tensor;

import java.util.SplittableRandom;

/**
 * Inverted dropout: in training, each value is zeroed with probability p and the survivors are scaled by
 * 1 / (1 - p), so evaluation mode is the identity.
 *
 * <p>Each training call draws its mask from a generator seeded by the layer's seed and a call counter
 * kept as the buffer {@code step}, so a model restored from a checkpoint drops exactly the values an
 * uninterrupted run would have dropped.
 */
public final class Dropout extends Module {

    private final double p;
    private final long seed;

    public Dropout(double p, SplittableRandom rng) {
        if (!(p >= 0 && p < 1)) {
            throw new IllegalArgumentException("Dropout: p must be in [0, 1), got " + p);
        }
        this.p = p;
        this.seed = rng.nextLong();
        buffer("step", Tensor.scalar(0));
    }

    public double p() {
        return p;
    }

    @Override
    public Tensor forward(Tensor x) {
        if (!isTraining() || p == 0) {
            return x;
        }
        long step = (long) getBuffer("step").item();
        buffer("step", Tensor.scalar(step + 1, getBuffer("step").dtype()));
        SplittableRandom rng = new SplittableRandom(seed + step * 0x9E3779B97F4A7C15L);
        double keep = 1 / (1 - p);
        int n = x.numel();
        // The mask is made in x's dtype: one array per call, no conversion copy.
        if (x.dtype() == dev.jgrad.DType.FLOAT32) {
            float[] mask = new float[n];
            for (int i = 0; i < n; i++) {
                mask[i] = rng.nextDouble() < p ? 0f : (float) keep;
            }
            return x.mul(Tensor.wrap(mask, x.shape()));
        }
        double[] mask = new double[n];
        for (int i = 0; i < n; i++) {
            mask[i] = rng.nextDouble() < p ? 0 : keep;
        }
        return x.mul(Tensor.wrap(mask, x.shape()));
    }

    @Override
    public String toString() {
        return "Dropout(" + p + ")";
    }
}
