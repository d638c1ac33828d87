package dev.jgrad.nn;

import dev.jgrad.Tensor;

/** Leaky ReLU: x for x &gt; 0, alpha x otherwise (alpha = 0.01 by default). */
public final class LeakyReLU extends Module {

    private final double alpha;

    public LeakyReLU() {
        this(0.01);
    }

    public LeakyReLU(double alpha) {
        this.alpha = alpha;
    }

    public double alpha() {
        return alpha;
    }

    @Override
    public Tensor forward(Tensor x) {
        return x.leakyRelu(alpha);
    }

    @Override
    public String toString() {
        return "LeakyReLU(" + alpha + ")";
    }
}
