package dev.jgrad.optim;

import dev.jgrad.Tensor;

import java.util.List;

/**
 * Adagrad: {@code sum += g * g; p -= lr * g / (sqrt(sum) + eps)}, a per-element lr that shrinks with the
 * gradients seen so far.
 *
 * <p>The rule, PyTorch's {@code torch.optim.Adagrad} (Duchi, Hazan and Singer, "Adaptive Subgradient
 * Methods for Online Learning and Stochastic Optimization", JMLR 2011):
 * <pre>
 * g = g + weightDecay * p
 * sum = sum + g * g
 * p = p - lr * g / (sqrt(sum) + eps)
 * </pre>
 * eps (default 1e-10, as PyTorch) is added outside the square root. PyTorch's {@code lr_decay} and
 * {@code initial_accumulator_value} are not offered: this is PyTorch with both at 0.
 *
 * <p>State buffer: {@code sum}.
 */
public final class Adagrad extends Optimizer {

    private final double eps;
    private final double weightDecay;

    /** eps = 1e-10, no weight decay. PyTorch's default lr is 0.01. */
    public Adagrad(List<Tensor> params, double lr) {
        this(params, lr, 1e-10, 0);
    }

    public Adagrad(List<Tensor> params, double lr, double eps, double weightDecay) {
        super("Adagrad", params, lr, "sum");
        this.eps = Fmt.atLeast("Adagrad", "eps", eps, 0);
        this.weightDecay = Fmt.atLeast("Adagrad", "weightDecay", weightDecay, 0);
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
        double[] sum = buffer(index, 0);
        for (int i = 0; i < n; i++) {
            double gi = g[go + i] + weightDecay * p[po + i];
            double s = sum[so + i] + gi * gi;
            sum[so + i] = s;
            p[po + i] -= lr * (gi / (Math.sqrt(s) + eps));
        }
    }

    @Override
    public String toString() {
        return "Adagrad(lr=" + Fmt.num(lr()) + ", eps=" + Fmt.num(eps) + ", weightDecay=" + Fmt.num(weightDecay) + ")";
    }
}
