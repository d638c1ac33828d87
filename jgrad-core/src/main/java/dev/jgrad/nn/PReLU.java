package dev.jgrad.nn;

import dev.jgrad.DType;
import dev.jgrad.Tensor;

/**
 * PReLU: x for x &gt; 0, a x otherwise, with a learned slope a: one shared slope, or one per channel
 * (axis 1 of the input). Starts at 0.25.
 */
public final class PReLU extends Module {

    private final int channels;

    /** One shared slope. */
    public PReLU() {
        this(1, DType.FLOAT32);
    }

    /** One slope per channel (axis 1), or a shared one when channels == 1. */
    public PReLU(int channels, DType dtype) {
        if (channels < 1) {
            throw new IllegalArgumentException("PReLU: channels must be positive, got " + channels);
        }
        this.channels = channels;
        param("weight", Tensor.full(dtype, 0.25, channels));
    }

    @Override
    public Tensor forward(Tensor x) {
        Tensor a = get("weight");
        if (channels > 1) {
            int[] shape = new int[x.rank()];
            java.util.Arrays.fill(shape, 1);
            shape[1] = channels;
            a = a.reshape(shape);
        } else {
            a = a.reshape();
        }
        return Tensor.where(x.gt(0), x, x.mul(a));
    }

    @Override
    public String toString() {
        return "PReLU(" + channels + ")";
    }
}
