package dev.jgrad.nn;

import dev.jgrad.Tensor;

/**
 * Max pooling over k x k windows, each channel separately: (N, C, H, W) to (N, C, OH, OW) with
 * OH = (H - k) / stride + 1, by the fused {@link dev.jgrad.op.MaxPool2d} op (one pass, argmax saved).
 * NOTE: the gradient goes to the first maximum of each window (row-major), ties included.
 */
public final class MaxPool2d extends Module {

    private final int kernel;
    private final int stride;

    /** Non-overlapping windows: stride = kernel. */
    public MaxPool2d(int kernel) {
        this(kernel, kernel);
    }

    public MaxPool2d(int kernel, int stride) {
        if (kernel <= 0 || stride <= 0) {
            throw new IllegalArgumentException("MaxPool2d: kernel and stride must be positive, got " + kernel
                    + ", stride " + stride);
        }
        this.kernel = kernel;
        this.stride = stride;
    }

    public int kernel() {
        return kernel;
    }

    public int stride() {
        return stride;
    }

    @Override
    public Tensor forward(Tensor x) {
        AvgPool2d.checkInput(this, x, kernel, 0);
        return dev.jgrad.op.MaxPool2d.apply(x, kernel, kernel, stride);
    }

    @Override
    public String toString() {
        return "MaxPool2d(" + kernel + ", stride=" + stride + ")";
    }
}
