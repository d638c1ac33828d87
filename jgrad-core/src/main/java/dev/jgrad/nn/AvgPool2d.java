package dev.jgrad.nn;

import dev.jgrad.Shape;
import dev.jgrad.ShapeException;
import dev.jgrad.Tensor;
import dev.jgrad.op.Conv2d;

/**
 * Average pooling over k x k windows, each channel separately: (N, C, H, W) to (N, C, OH, OW) with
 * OH = (H + 2 pad - k) / stride + 1. Computed as a convolution of each channel (folded into the batch) with
 * a k x k filter of 1 / (k k), so the fused conv op does the work without unfolding the batch.
 * NOTE: zero padding counts in the mean (every window divides by k k), as PyTorch's default
 * {@code count_include_pad=True}: a window at the border that overlaps the padding averages toward 0.
 */
public final class AvgPool2d extends Module {

    private final int kernel;
    private final int stride;
    private final int padding;

    /** Non-overlapping windows: stride = kernel, no padding. */
    public AvgPool2d(int kernel) {
        this(kernel, kernel, 0);
    }

    public AvgPool2d(int kernel, int stride) {
        this(kernel, stride, 0);
    }

    public AvgPool2d(int kernel, int stride, int padding) {
        if (kernel <= 0 || stride <= 0 || padding < 0) {
            throw new IllegalArgumentException("AvgPool2d: kernel and stride must be positive and padding"
                    + " non-negative, got " + kernel + ", stride " + stride + ", padding " + padding);
        }
        this.kernel = kernel;
        this.stride = stride;
        this.padding = padding;
    }

    public int kernel() {
        return kernel;
    }

    public int stride() {
        return stride;
    }

    public int padding() {
        return padding;
    }

    @Override
    public Tensor forward(Tensor x) {
        int[] s = checkInput(this, x, kernel, padding);
        Tensor mean = Tensor.full(x.dtype(), 1.0 / (kernel * kernel), 1, 1, kernel, kernel);
        // (N C, 1, OH, OW)
        Tensor out = Conv2d.apply(x.reshape(s[0] * s[1], 1, s[2], s[3]), mean, null, stride, padding);
        return out.reshape(s[0], s[1], out.shape()[2], out.shape()[3]);
    }

    /** The shape of a pooling layer's (N, C, H, W) input; a wrong rank or a window too large names the layer. */
    static int[] checkInput(Module layer, Tensor x, int kernel, int padding) {
        int[] s = x.shape();
        if (s.length != 4) {
            throw new ShapeException(layer + ": expected (N, C, H, W) input, got " + Shape.format(s));
        }
        if (kernel > s[2] + 2 * padding || kernel > s[3] + 2 * padding) {
            throw new ShapeException(layer + ": window " + kernel + "x" + kernel + " is larger than the"
                    + (padding > 0 ? " padded" : "") + " input " + (s[2] + 2 * padding) + "x" + (s[3] + 2 * padding)
                    + ": " + Shape.format(s));
        }
        return s;
    }

    @Override
    public String toString() {
        return "AvgPool2d(" + kernel + ", stride=" + stride + (padding > 0 ? ", pad=" + padding : "") + ")";
    }
}
