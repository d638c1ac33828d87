package dev.jgrad.optim;

import java.util.Objects;

/**
 * lr(t) = then(0) * (t + 1) / (warmupSteps + 1) for t &lt; warmupSteps, then(t - warmupSteps) afterwards:
 * a linear ramp in front of another schedule.
 *
 * <p>The ramp climbs in equal steps towards {@code then}'s first rate, which is reached on the first step
 * after the warm-up, where {@code then} starts at its own step 0 (so a {@link CosineAnnealingLR} with
 * tMax = total - warmupSteps ends on the last step). With warmupSteps = 0 this is {@code then}. Warm-up
 * as in Goyal et al., "Accurate, Large Minibatch SGD: Training ImageNet in 1 Hour", 2017; PyTorch
 * spells it {@code SequentialLR(LinearLR(...), ...)}.
 */
public record LinearWarmup(long warmupSteps, LrSchedule then) implements LrSchedule {

    public LinearWarmup {
        if (warmupSteps < 0) {
            throw new IllegalArgumentException("LinearWarmup: warmupSteps must be >= 0, got " + warmupSteps);
        }
        Objects.requireNonNull(then, "LinearWarmup: then (the schedule after the warm-up) is null");
    }

    @Override
    public double lr(double baseLr, long t) {
        if (t < warmupSteps) {
            return then.lr(baseLr, 0) * (t + 1) / (warmupSteps + 1);
        }
        return then.lr(baseLr, t - warmupSteps);
    }

    @Override
    public String toString() {
        return "LinearWarmup(warmupSteps=" + warmupSteps + ", then=" + then + ")";
    }
}
