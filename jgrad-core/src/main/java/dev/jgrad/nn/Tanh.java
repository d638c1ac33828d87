package dev.jgrad.nn;

import dev.jgrad.Tensor;

/** The tanh activation, elementwise. */
public final class Tanh extends Module {

    @Override
    public Tensor forward(Tensor x) {
        return x.tanh();
    }

    @Override
    public String toString() {
        return "Tanh";
    }
}
