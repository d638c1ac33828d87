package dev.jgrad.optim;

/**
 * lr(t) = baseLr * gamma^floor(t / stepSize): the rate drops by gamma every stepSize steps (or epochs).
 *
 * <p>PyTorch's {@code torch.optim.lr_scheduler.StepLR}, in its closed form; CS231n's Solver decays by
 * {@code lr_decay} every epoch, which is {@code StepLR(1, lr_decay)} stepped once per epoch.
 */
public record StepLR(long stepSize, double gamma) implements LrSchedule {

    public StepLR {
        if (stepSize < 1) {
            throw new IllegalArgumentException("StepLR: stepSize must be at least 1, got " + stepSize);
        }
        Fmt.atLeast("StepLR", "gamma", gamma, 0);
    }

    @Override
    public double lr(double baseLr, long t) {
        return baseLr * Math.pow(gamma, Math.floorDiv(t, stepSize));
    }

    @Override
    public String toString() {
        return "StepLR(stepSize=" + stepSize + ", gamma=" + Fmt.num(gamma) + ")";
    }
}
