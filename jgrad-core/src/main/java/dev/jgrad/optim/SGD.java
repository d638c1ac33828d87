package dev.jgrad.optim;

import dev.jgrad.Tensor;
import dev.jgrad.backend.Backend;

import java.util.List;

/**
 * Stochastic gradient descent: {@code p -= lr * g}, optionally with L2 weight decay, momentum and Nesterov.
 *
 * <p>The rule, PyTorch's {@code torch.optim.SGD} (Sutskever et al., "On the importance of
 * initialization and momentum in deep learning", ICML 2013), for gradient {@code g}:
 * <pre>
 * g = g + weightDecay * p
 * if momentum != 0:
 *     buf = g                                      on a parameter's first update
 *     buf = momentum * buf + (1 - dampening) * g   afterwards
 *     g = nesterov ? g + momentum * buf : buf
 * p = p - lr * g
 * </pre>
 *
 * <p>Relation to CS231n: the notes write momentum as {@code v = mu * v - lr * dx; x += v}, and Nesterov
 * as {@code v_prev = v; v = mu * v - lr * dx; x += -mu * v_prev + (1 + mu) * v}. With a constant lr and
 * no dampening these are the same sequence of parameters, with {@code v = -lr * buf}. They differ when the
 * lr changes: CS231n's velocity carries the old lr, while PyTorch's buffer is free of lr, so a new lr
 * takes effect on the whole step at once.
 *
 * <p>State buffer (only with momentum): {@code momentum}.
 */
public final class SGD extends Optimizer {

    private final double momentum;
    private final double dampening;
    private final boolean nesterov;
    private final double weightDecay;

    /** Plain SGD: {@code p -= lr * g}. */
    public SGD(List<Tensor> params, double lr) {
        this(params, lr, 0, 0, false, 0);
    }

    /** SGD with (heavy-ball) momentum. */
    public SGD(List<Tensor> params, double lr, double momentum) {
        this(params, lr, momentum, 0, false, 0);
    }

    /** SGD with momentum, optionally Nesterov, and L2 weight decay. */
    public SGD(List<Tensor> params, double lr, double momentum, boolean nesterov, double weightDecay) {
        this(params, lr, momentum, 0, nesterov, weightDecay);
    }

    /** The full form; Nesterov needs a positive momentum and zero dampening (as in PyTorch). */
    public SGD(List<Tensor> params, double lr, double momentum, double dampening, boolean nesterov,
               double weightDecay) {
        super("SGD", params, lr, momentum != 0 ? new String[]{"momentum"} : new String[0]);
        this.momentum = Fmt.atLeast("SGD", "momentum", momentum, 0);
        this.dampening = Fmt.atLeast("SGD", "dampening", dampening, 0);
        this.nesterov = nesterov;
        this.weightDecay = Fmt.atLeast("SGD", "weightDecay", weightDecay, 0);
        if (nesterov && (momentum <= 0 || dampening != 0)) {
            throw new IllegalArgumentException("SGD: nesterov needs momentum > 0 and dampening == 0, got momentum="
                    + momentum + ", dampening=" + dampening);
        }
    }

    public double momentum() {
        return momentum;
    }

    public double dampening() {
        return dampening;
    }

    public boolean nesterov() {
        return nesterov;
    }

    public double weightDecay() {
        return weightDecay;
    }

    @Override
    protected void update(int index, double[] p, int po, double[] g, int go, int so, int n, long t) {
        double lr = lr();
        if (momentum == 0 && weightDecay == 0) {
            Backend.kernels().axpy(n, -lr, g, go, p, po);
            return;
        }
        if (momentum == 0) {
            for (int i = 0; i < n; i++) {
                double gi = g[go + i] + weightDecay * p[po + i];
                p[po + i] -= lr * gi;
            }
            return;
        }
        double[] buf = buffer(index, 0);
        if (t == 1) {
            for (int i = 0; i < n; i++) {
                double gi = g[go + i] + weightDecay * p[po + i];
                buf[so + i] = gi;
                p[po + i] -= lr * (nesterov ? gi + momentum * gi : gi);
            }
            return;
        }
        double keep = 1 - dampening;
        if (!nesterov) {
            // The common case as one branch-free loop, which the JIT turns into vector code.
            for (int i = 0; i < n; i++) {
                double b = momentum * buf[so + i] + keep * (g[go + i] + weightDecay * p[po + i]);
                buf[so + i] = b;
                p[po + i] -= lr * b;
            }
            return;
        }
        for (int i = 0; i < n; i++) {
            double gi = g[go + i] + weightDecay * p[po + i];
            double b = momentum * buf[so + i] + keep * gi;
            buf[so + i] = b;
            p[po + i] -= lr * (gi + momentum * b);
        }
    }

    @Override
    protected boolean update32(int index, float[] p, int po, float[] g, int go, int so, int n, long t) {
        if (momentum == 0 || t == 1) {
            return false;
        }
        Backend.kernels().sgdMomentum(n, lr(), momentum, 1 - dampening, weightDecay, nesterov, p, po, g, go,
                buffer(index, 0), so);
        return true;
    }

    @Override
    public String toString() {
        return "SGD(lr=" + Fmt.num(lr()) + ", momentum=" + Fmt.num(momentum)
                + (dampening != 0 ? ", dampening=" + Fmt.num(dampening) : "")
                + ", nesterov=" + nesterov + ", weightDecay=" + Fmt.num(weightDecay) + ")";
    }
}
