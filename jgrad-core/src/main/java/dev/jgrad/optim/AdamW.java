package dev.jgrad.optim;

import dev.jgrad.Tensor;

import java.util.List;

/**
 * AdamW: {@code p -= lr * weightDecay * p}, then the {@link Adam} step on the unchanged gradient.
 *
 * <p>The rule, PyTorch's {@code torch.optim.AdamW} (Loshchilov and Hutter, "Decoupled Weight Decay
 * Regularization", ICLR 2019), on a parameter's t-th update:
 * <pre>
 * p = p * (1 - lr * weightDecay)                (decoupled: the decay never enters m or v)
 * m = beta1 * m + (1 - beta1) * g
 * v = beta2 * v + (1 - beta2) * g * g
 * p = p - (lr / (1 - beta1^t)) * m / (sqrt(v) / sqrt(1 - beta2^t) + eps)
 * </pre>
 * The decay is scaled by lr, as in PyTorch (the paper scales it by the schedule multiplier only).
 *
 * <p>State buffers: {@code expAvg} (m) and {@code expAvgSq} (v).
 */
public final class AdamW extends Optimizer {

    private final double beta1;
    private final double beta2;
    private final double eps;
    private final double weightDecay;

    /** lr = 0.001, betas = (0.9, 0.999), eps = 1e-8, weightDecay = 0.01 (PyTorch's defaults). */
    public AdamW(List<Tensor> params) {
        this(params, 1e-3);
    }

    /** Default betas, eps and weightDecay = 0.01. */
    public AdamW(List<Tensor> params, double lr) {
        this(params, lr, 0.9, 0.999, 1e-8, 1e-2);
    }

    public AdamW(List<Tensor> params, double lr, double beta1, double beta2, double eps, double weightDecay) {
        super("AdamW", params, lr, "expAvg", "expAvgSq");
        this.beta1 = Fmt.unitInterval("AdamW", "beta1", beta1);
        this.beta2 = Fmt.unitInterval("AdamW", "beta2", beta2);
        this.eps = Fmt.atLeast("AdamW", "eps", eps, 0);
        this.weightDecay = Fmt.atLeast("AdamW", "weightDecay", weightDecay, 0);
    }

    public double beta1() {
        return beta1;
    }

    public double beta2() {
        return beta2;
    }

    public double eps() {
        return eps;
    }

    public double weightDecay() {
        return weightDecay;
    }

    @Override
    protected void update(int index, double[] p, int po, double[] g, int go, int so, int n, long t) {
        Adam.rule(p, po, g, go, so, n, t, buffer(index, 0), buffer(index, 1), lr(), beta1, beta2, eps, 0,
                1 - lr() * weightDecay);
    }

    @Override
    protected boolean update32(int index, float[] p, int po, float[] g, int go, int so, int n, long t) {
        Adam.rule32(p, po, g, go, so, n, t, buffer(index, 0), buffer(index, 1), lr(), beta1, beta2, eps, 0,
                1 - lr() * weightDecay);
        return true;
    }

    @Override
    public String toString() {
        return "AdamW(lr=" + Fmt.num(lr()) + ", betas=(" + Fmt.num(beta1) + ", " + Fmt.num(beta2) + "), eps="
                + Fmt.num(eps) + ", weightDecay=" + Fmt.num(weightDecay) + ")";
    }
}
