package dev.jgrad.nn;

import dev.jgrad.DType;
import dev.jgrad.Shape;
import dev.jgrad.ShapeException;
import dev.jgrad.Tensor;

import java.util.SplittableRandom;

/**
 * The 2-d convolution layer (cross-correlation, as CS231n's {@code conv_forward}): x (N, C, H, W) with
 * weights W (O, C, k, k) and bias b (O) gives out (N, O, OH, OW), OH = (H + 2 pad - k) / stride + 1.
 * Computed by the fused {@link dev.jgrad.op.Conv2d} op (per image: im2col in cache, then one GEMM); the
 * backward pass (its transposed convolution and weight-gradient ops) comes from the op rules.
 */
public final class Conv2d extends Module {

    private final int inChannels;
    private final int outChannels;
    private final int kernel;
    private final int stride;
    private final int padding;

    /**
     * A float32 layer with bias; weights and bias U(-1/sqrt(fan_in), 1/sqrt(fan_in)) with fan_in = C k k,
     * the scaling {@link Linear} uses (and PyTorch's default for convolutions).
     */
    public Conv2d(int inChannels, int outChannels, int kernel, int stride, int padding, SplittableRandom rng) {
        this(inChannels, outChannels, kernel, stride, padding, true, DType.FLOAT32, Init::lecunUniform, rng);
    }

    /** {@code init} receives fan_in = C k k and fan_out = O k k; the bias always uses the fan_in scaling. */
    public Conv2d(int inChannels, int outChannels, int kernel, int stride, int padding, boolean bias, DType dtype,
                  Init.Scheme init, SplittableRandom rng) {
        if (inChannels <= 0 || outChannels <= 0 || kernel <= 0 || stride <= 0 || padding < 0) {
            throw new IllegalArgumentException("Conv2d: channels, kernel and stride must be positive and padding"
                    + " non-negative, got " + inChannels + " -> " + outChannels + ", kernel " + kernel + ", stride "
                    + stride + ", padding " + padding);
        }
        this.inChannels = inChannels;
        this.outChannels = outChannels;
        this.kernel = kernel;
        this.stride = stride;
        this.padding = padding;
        int fanIn = inChannels * kernel * kernel;
        int fanOut = outChannels * kernel * kernel;
        param("weight", init.create(rng, dtype, fanIn, fanOut, outChannels, inChannels, kernel, kernel));
        if (bias) {
            param("bias", Init.lecunUniform(rng, dtype, fanIn, fanOut, outChannels));
        }
    }

    public int inChannels() {
        return inChannels;
    }

    public int outChannels() {
        return outChannels;
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

    /** Whether the layer adds a bias. */
    public boolean hasBias() {
        return namedParameters().containsKey("bias");
    }

    @Override
    public Tensor forward(Tensor x) {
        return forward(x, false);
    }

    /**
     * The convolution, followed by ReLU when {@code relu}, as one fused op (what {@link Sequential} runs for a
     * Conv2d followed by a ReLU).
     */
    public Tensor forward(Tensor x, boolean relu) {
        check(x);
        return dev.jgrad.op.Conv2d.apply(x, get("weight"), hasBias() ? get("bias") : null, stride, padding, relu);
    }

    /**
     * The convolution, ReLU and {@code pool} as one fused op (what {@link Sequential} runs for a Conv2d, a ReLU
     * and a MaxPool2d in a row): each image's activations are pooled while in cache and never stored.
     */
    public Tensor forwardReluPool(Tensor x, MaxPool2d pool) {
        check(x);
        return dev.jgrad.op.Conv2d.applyReluPool(x, get("weight"), hasBias() ? get("bias") : null, stride, padding,
                pool.kernel(), pool.stride());
    }

    /**
     * Whether {@link #forwardReluPool} applies to x: a valid input whose output planes hold at least one pooling
     * window (otherwise the layers run one by one, and the one that cannot take its input says so).
     */
    public boolean poolFits(Tensor x, MaxPool2d pool) {
        int[] s = x.shape();
        if (s.length != 4 || s[1] != inChannels) {
            return false;
        }
        long oh = ((long) s[2] + 2L * padding - kernel) / stride + 1;
        long ow = ((long) s[3] + 2L * padding - kernel) / stride + 1;
        return s[2] + 2L * padding >= kernel && s[3] + 2L * padding >= kernel && oh >= pool.kernel()
                && ow >= pool.kernel();
    }

    private void check(Tensor x) {
        int[] s = x.shape();
        if (s.length != 4 || s[1] != inChannels) {
            throw new ShapeException(this + ": expected (N, " + inChannels + ", H, W) input, got " + Shape.format(s));
        }
    }

    @Override
    public String toString() {
        return "Conv2d(" + inChannels + " -> " + outChannels + ", " + kernel + "x" + kernel + ", stride=" + stride
                + ", pad=" + padding + ")";
    }
}
