package dev.jgrad.optim;

import dev.jgrad.Tensor;

import java.util.List;

/**
 * RMSProp: {@code sq = alpha * sq + (1 - alpha) * g * g; p -= lr * g / (sqrt(sq) + eps)}.
 *
 * <p>The rule, PyTorch's {@code torch.optim.RMSprop} (Tieleman and Hinton, Coursera "Neural Networks
 * for Machine Learning", lecture 6.5, 2012; CS231n's {@code rmsprop} with {@code decay_rate = alpha}):
 * <pre>
 * g = g + weightDecay * p
 * sq = alpha * sq + (1 - alpha) * g * g
 * p = p - lr * g / (sqrt(sq) + eps)
 * </pre>
 * Defaults alpha = 0.99 and eps = 1e-8 (added outside the square root), as PyTorch and CS231n.
 * PyTorch's {@code momentum} and {@code centered} variants are not offered (this is both off).
 *
 * <p>State buffer: {@code squareAvg}.
 */
public final class RMSProp extends Optimizer {

    private final double alpha;
    private final double eps;
    private final double weightDecay;

    /** alpha = 0.99, eps = 1e-8, no weight decay. PyTorch's default lr is 0.01. */
    public RMSProp(List<Tensor> params, double lr) {
        this(params, lr, 0.99, 1e-8, 0);
    }

    public RMSProp(List<Tensor> params, double lr, double alpha, double eps, double weightDecay) {
        super("RMSProp", params, lr, "squareAvg");
        this.alpha = Fmt.unitInterval("RMSProp", "alpha", alpha);
        this.eps = Fmt.atLeast("RMSProp", "eps", eps, 0);
        this.weightDecay = Fmt.atLeast("RMSProp", "weightDecay", weightDecay, 0);
    }

    public double alpha() {
        return alpha;
    }

    public double eps() {
        return eps;
    }

    public double weightDecay() {
        return weightDecay;
    }

    @Override
    protected void update(int index, double[] p, int po, double[] g, int go, int so, int n, long t) {
        double lr = lr();
        double[] sq = buffer(index, 0);
        for (int i = 0; i < n; i++) {
            double gi = g[go + i] + weightDecay * p[po + i];
            double s = alpha * sq[so + i] + (1 - alpha) * gi * gi;
            sq[so + i] = s;
            p[po + i] -= lr * (gi / (Math.sqrt(s) + eps));
        }
    }

    @Override
    public String toString() {
        return "RMSProp(lr=" + Fmt.num(lr()) + ", alpha=" + Fmt.num(alpha) + ", eps=" + Fmt.num(eps)
                + ", weightDecay=" + Fmt.num(weightDecay) + ")";
    }
}
