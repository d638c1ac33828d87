package dev.jgrad.optim;

/**
 * lr(t) = baseLr * gamma^t: the rate is multiplied by gamma every step (or epoch).
 *
 * <p>PyTorch's {@code torch.optim.lr_scheduler.ExponentialLR}, in its closed form (PyTorch multiplies
 * step by step, which can differ in the last bits).
 */
public record ExponentialLR(double gamma) implements LrSchedule {

    public ExponentialLR {
        Fmt.atLeast("ExponentialLR", "gamma", gamma, 0);
    }

    @Override
    public double lr(double baseLr, long t) {
        return baseLr * Math.pow(gamma, t);
    }

    @Override
    public String toString() {
        return "ExponentialLR(gamma=" + Fmt.num(gamma) + ")";
    }
}
