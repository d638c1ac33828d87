package dev.jgrad.nn;

import dev.jgrad.DType;

/** Batch normalization of (N, C) activations per feature; see {@link BatchNorm}. */
public final class BatchNorm1d extends BatchNorm {

    public BatchNorm1d(int features) {
        this(features, 1e-5, 0.1, DType.FLOAT32);
    }

    public BatchNorm1d(int features, double eps, double momentum, DType dtype) {
        super(features, 2, eps, momentum, dtype);
    }

    @Override
    String name() {
        return "BatchNorm1d";
    }
}
