package dev.jgrad.optim;

/**
 * lr(t): the learning rate at step (or epoch) {@code t = 0, 1, ...} for an optimizer whose initial rate
 * is {@code baseLr}.
 *
 * <p>Schedules are values with no state; {@link LrScheduler} holds the current t and sets an optimizer's
 * lr from one. Whether t counts steps or epochs is up to the caller of {@link LrScheduler#step()}.
 * Implementations: {@link StepLR}, {@link ExponentialLR}, {@link CosineAnnealingLR},
 * {@link LinearWarmup} (a warm-up ramp in front of another schedule), {@link Constant}.
 */
@FunctionalInterface
public interface LrSchedule {

    /** The learning rate at {@code t >= 0}, given the optimizer's initial rate. */
    double lr(double baseLr, long t);

    /** A schedule that keeps the initial rate. */
    static LrSchedule constant() {
        return new Constant();
    }

    /** lr(t) = baseLr. */
    record Constant() implements LrSchedule {
        @Override
        public double lr(double baseLr, long t) {
            return baseLr;
        }

        @Override
        public String toString() {
            return "Constant()";
        }
    }
}
