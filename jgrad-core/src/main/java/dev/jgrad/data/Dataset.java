package dev.jgrad.data;

import dev.jgrad.Shape;
import dev.jgrad.ShapeException;
import dev.jgrad.Tensor;

import java.util.SplittableRandom;

/**
 * Examples {@code x} (N, ...) with integer labels in [0, classes), held in memory.
 */
public record Dataset(Tensor x, int[] labels, int classes) {

    public Dataset {
        if (x.rank() == 0 || x.size(0) != labels.length) {
            throw new ShapeException("Dataset: " + labels.length + " labels for examples " + Shape.format(x.shape()));
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= classes) {
                throw new IllegalArgumentException("Dataset: label " + labels[i] + " at index " + i
                        + " is outside [0, " + classes + ")");
            }
        }
    }

    public int size() {
        return labels.length;
    }

    /** The examples at the given indices, in that order. */
    public Dataset subset(int[] indices) {
        int[] y = new int[indices.length];
        for (int i = 0; i < indices.length; i++) {
            y[i] = labels[indices[i]];
        }
        return new Dataset(x.detach().indexSelect(0, indices), y, classes);
    }

    /** The first n examples. */
    public Dataset head(int n) {
        int[] idx = new int[Math.min(n, size())];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        return subset(idx);
    }

    /** A permutation of 0..n-1 from the generator (Fisher-Yates). */
    public static int[] permutation(int n, SplittableRandom rng) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    @Override
    public String toString() {
        return "Dataset(" + size() + " examples " + Shape.format(x.shape()) + ", " + classes + " classes)";
    }
}
