package dev.jgrad.nn;

import dev.jgrad.Tensor;

/** Softmax along an axis (the last by default): exp(x) / sum(exp(x)), computed stably. */
public final class Softmax extends Module {

    private final int axis;

    public Softmax() {
        this(-1);
    }

    public Softmax(int axis) {
        this.axis = axis;
    }

    @Override
    public Tensor forward(Tensor x) {
        return x.softmax(axis);
    }

    @Override
    public String toString() {
        return "Softmax(" + axis + ")";
    }
}
