package dev.jgrad.nn;

import dev.jgrad.Tensor;

/** The sigmoid activation, 1 / (1 + e^-x), elementwise. */
public final class Sigmoid extends Module {

    @Override
    public Tensor forward(Tensor x) {
        return x.sigmoid();
    }

    @Override
    public String toString() {
        return "Sigmoid";
    }
}
