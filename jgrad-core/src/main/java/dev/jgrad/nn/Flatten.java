package dev.jgrad.nn;

import dev.jgrad.Tensor;

/** Flattens every axis after the first: (N, ...) to (N, D). */
public final class Flatten extends Module {

    @Override
    public Tensor forward(Tensor x) {
        return x.reshape(x.size(0), -1);
    }

    @Override
    public String toString() {
        return "Flatten";
    }
}
