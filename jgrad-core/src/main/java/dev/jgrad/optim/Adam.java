package dev.jgrad.optim;

import dev.jgrad.Tensor;
import dev.jgrad.backend.Backend;

import java.util.List;

/**
 * Adam: {@code p -= lr * mhat / (sqrt(vhat) + eps)}, with bias-corrected moment estimates mhat and vhat.
 *
 * <p>The rule, PyTorch's {@code torch.optim.Adam} (Kingma and Ba, "Adam: A Method for Stochastic
 * Optimization", ICLR 2015), on a parameter's t-th update (t = 1, 2, ...):
 * <pre>
 * g = g + weightDecay * p                       (L2 added to the gradient; see AdamW for decoupled decay)
 * m = beta1 * m + (1 - beta1) * g
 * v = beta2 * v + (1 - beta2) * g * g
 * p = p - (lr / (1 - beta1^t)) * m / (sqrt(v) / sqrt(1 - beta2^t) + eps)
 * </pre>
 * eps is added outside the square root, after the bias correction, as in PyTorch (and CS231n's
 * {@code adam}). Like PyTorch, m is updated as {@code m + (1 - beta1) (g - m)}, the same value up to
 * rounding. AMSGrad is not offered.
 *
 * <p>State buffers: {@code expAvg} (m) and {@code expAvgSq} (v); t is the parameter's {@code "i.step"}.
 */
public final class Adam extends Optimizer {

    private final double beta1;
    private final double beta2;
    private final double eps;
    private final double weightDecay;

    /** lr = 0.001, betas = (0.9, 0.999), eps = 1e-8, no weight decay (PyTorch's defaults). */
    public Adam(List<Tensor> params) {
        this(params, 1e-3);
    }

    /** Default betas and eps, no weight decay. */
    public Adam(List<Tensor> params, double lr) {
        this(params, lr, 0.9, 0.999, 1e-8, 0);
    }

    public Adam(List<Tensor> params, double lr, double beta1, double beta2, double eps, double weightDecay) {
        super("Adam", params, lr, "expAvg", "expAvgSq");
        this.beta1 = Fmt.unitInterval("Adam", "beta1", beta1);
        this.beta2 = Fmt.unitInterval("Adam", "beta2", beta2);
        this.eps = Fmt.atLeast("Adam", "eps", eps, 0);
        this.weightDecay = Fmt.atLeast("Adam", "weightDecay", weightDecay, 0);
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
        rule(p, po, g, go, so, n, t, buffer(index, 0), buffer(index, 1), lr(), beta1, beta2, eps, weightDecay, 1);
    }

    @Override
    protected boolean update32(int index, float[] p, int po, float[] g, int go, int so, int n, long t) {
        rule32(p, po, g, go, so, n, t, buffer(index, 0), buffer(index, 1), lr(), beta1, beta2, eps, weightDecay, 1);
        return true;
    }

    /** {@link #rule} on float32 values, by the backend's kernel (the same result as widening them to double). */
    static void rule32(float[] p, int po, float[] g, int go, int so, int n, long t, double[] m, double[] v,
                       double lr, double beta1, double beta2, double eps, double weightDecay, double decay) {
        Backend.kernels().adam(n, stepSize(lr, beta1, t), correction2Sqrt(beta2, t), beta1, beta2, eps, weightDecay,
                decay, p, po, g, go, m, v, so);
    }

    /** The step size with the first moment's bias correction: lr / (1 - beta1^t). */
    private static double stepSize(double lr, double beta1, long t) {
        return lr / (1 - Math.pow(beta1, t));
    }

    /** The square root of the second moment's bias correction: sqrt(1 - beta2^t). */
    private static double correction2Sqrt(double beta2, long t) {
        return Math.sqrt(1 - Math.pow(beta2, t));
    }

    /**
     * The Adam step shared with {@link AdamW}: p is first multiplied by {@code decay} (AdamW's decoupled
     * decay; 1 for Adam), then gets the step with {@code weightDecay} (L2) added to the gradient.
     */
    static void rule(double[] p, int po, double[] g, int go, int so, int n, long t, double[] m, double[] v,
                     double lr, double beta1, double beta2, double eps, double weightDecay, double decay) {
        double stepSize = stepSize(lr, beta1, t);
        double correction2Sqrt = correction2Sqrt(beta2, t);
        for (int i = 0; i < n; i++) {
            double gi = g[go + i] + weightDecay * p[po + i];
            double pi = decay == 1 ? p[po + i] : p[po + i] * decay;
            double mi = m[so + i] + (1 - beta1) * (gi - m[so + i]);
            double vi = beta2 * v[so + i] + (1 - beta2) * gi * gi;
            m[so + i] = mi;
            v[so + i] = vi;
            p[po + i] = pi - stepSize * (mi / (Math.sqrt(vi) / correction2Sqrt + eps));
        }
    }

    @Override
    public String toString() {
        return "Adam(lr=" + Fmt.num(lr()) + ", betas=(" + Fmt.num(beta1) + ", " + Fmt.num(beta2) + "), eps="
                + Fmt.num(eps) + ", weightDecay=" + Fmt.num(weightDecay) + ")";
    }
}
