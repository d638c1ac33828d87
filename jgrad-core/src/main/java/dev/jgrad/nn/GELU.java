package dev.jgrad.nn;

import dev.jgrad.Tensor;

/** GELU, tanh approximation: 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3))). */
public final class GELU extends Module {

    private static final double C = Math.sqrt(2 / Math.PI);

    @Override
    public Tensor forward(Tensor x) {
        Tensor inner = x.add(x.pow(3).mul(0.044715)).mul(C);
        return x.mul(inner.tanh().add(1)).mul(0.5);
    }

    @Override
    public String toString() {
        return "GELU";
    }
}
