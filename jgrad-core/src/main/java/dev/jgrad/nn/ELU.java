package dev.jgrad.nn;

import dev.jgrad.Tensor;

/** ELU: x for x &gt; 0, alpha (e^x - 1) otherwise (alpha = 1 by default). */
public final class ELU extends Module {

    private final double alpha;

    public ELU() {
        this(1.0);
    }

    public ELU(double alpha) {
        this.alpha = alpha;
    }

    public double alpha() {
        return alpha;
    }

    @Override
    public Tensor forward(Tensor x) {
        return x.elu(alpha);
    }

    @Override
    public String toString() {
        return "ELU(" + alpha + ")";
    }
}
