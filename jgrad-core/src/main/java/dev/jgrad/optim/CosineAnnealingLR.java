package dev.jgrad.optim;

/**
 * lr(t) = etaMin + (baseLr - etaMin) * (1 + cos(pi * t / tMax)) / 2: half a cosine from baseLr at t = 0
 * down to etaMin at t = tMax.
 *
 * <p>PyTorch's {@code torch.optim.lr_scheduler.CosineAnnealingLR} in its closed form (Loshchilov and
 * Hutter, "SGDR: Stochastic Gradient Descent with Warm Restarts", ICLR 2017, without restarts). As in
 * PyTorch, past tMax the cosine goes on and the rate climbs back towards baseLr: set tMax to the
 * number of steps you will run.
 */
public record CosineAnnealingLR(long tMax, double etaMin) implements LrSchedule {

    public CosineAnnealingLR {
        if (tMax < 1) {
            throw new IllegalArgumentException("CosineAnnealingLR: tMax must be at least 1, got " + tMax);
        }
        Fmt.atLeast("CosineAnnealingLR", "etaMin", etaMin, 0);
    }

    @Override
    public double lr(double baseLr, long t) {
        return etaMin + (baseLr - etaMin) * (1 + Math.cos(Math.PI * t / tMax)) / 2;
    }

    @Override
    public String toString() {
        return "CosineAnnealingLR(tMax=" + tMax + ", etaMin=" + Fmt.num(etaMin) + ")";
    }
}
