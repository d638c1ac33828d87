package dev.jgrad.nn;

import dev.jgrad.Tensor;

/** The ReLU activation, max(0, x), elementwise. */
public final class ReLU extends Module {

    @Override
    public Tensor forward(Tensor x) {
        return x.relu();
    }

    @Override
    public String toString() {
        return "ReLU";
    }
}
