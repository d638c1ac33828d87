package dev.jgrad.nn;

import dev.jgrad.DType;

/** Batch normalization of (N, C, H, W) activations per channel; see {@link BatchNorm}. */
public final class BatchNorm2d extends BatchNorm {

    public BatchNorm2d(int channels) {
        this(channels, 1e-5, 0.1, DType.FLOAT32);
    }

    public BatchNorm2d(int channels, double eps, double momentum, DType dtype) {
        super(channels, 4, eps, momentum, dtype);
    }

    @Override
    String name() {
        return "BatchNorm2d";
    }
}
