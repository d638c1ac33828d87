package dev.jgrad.nn;

import dev.jgrad.Tensor;
import dev.jgrad.op.Im2col;

/**
 * Max pooling over k x k windows, each channel separately: (N, C, H, W) to (N, C, OH, OW) with
 * OH = (H - k) / stride + 1. Built from im2col (channels folded into the batch) and a max over the
 * window axis. NOTE: the gradient goes to the first maximum of each window (row-major), ties included.
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
        int[] s = AvgPool2d.checkInput(this, x, kernel, 0);
        // Channels folded into the batch, so each window holds one channel: (N C, k k, OH OW).
        Tensor cols = Im2col.apply(x.reshape(s[0] * s[1], 1, s[2], s[3]), kernel, kernel, stride, 0);
        int oh = (s[2] - kernel) / stride + 1;
        int ow = (s[3] - kernel) / stride + 1;
        return cols.max(1, false).reshape(s[0], s[1], oh, ow);
    }

    @Override
    public String toString() {
        return "MaxPool2d(" + kernel + ", stride=" + stride + ")";
    }
}
