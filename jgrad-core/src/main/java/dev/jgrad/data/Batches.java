package dev.jgrad.data;

import dev.jgrad.Tensor;

import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;

/**
 * Minibatches of a dataset. Each call to {@link #iterator()} is one epoch: a shuffling instance draws a
 * fresh permutation from its generator, so epochs differ and a seed makes the whole run repeatable.
 * <pre>{@code
 * Batches batches = Batches.shuffled(train, 64, false, new SplittableRandom(1));
 * for (int epoch = 0; epoch < 10; epoch++) {
 *     for (Batches.Batch b : batches) { ... b.x() (B, ...) ... b.labels() ... }
 * }
 * }</pre>
 *
 * <p>Every batch gets its own arrays: tensors are values and an autograd graph may still hold the
 * previous batch, so buffers are not recycled; rows are copied straight from the dataset's storage. A loop
 * that uses each batch within its step can gather into one reused buffer instead ({@link Gatherer#reusing}).
 */
public final class Batches implements Iterable<Batches.Batch> {

    /** Examples (B, ...) and their labels. */
    public record Batch(Tensor x, int[] labels) {
        public int size() {
            return labels.length;
        }
    }

    private final Dataset data;
    private final int batchSize;
    private final boolean dropLast;
    private final SplittableRandom rng;
    private final Gatherer gather;

    private Batches(Dataset data, int batchSize, boolean dropLast, SplittableRandom rng) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("Batches: batch size must be positive, got " + batchSize);
        }
        this.data = data;
        this.batchSize = batchSize;
        this.dropLast = dropLast;
        this.rng = rng;
        this.gather = Gatherer.fresh(data);
    }

    /** A new permutation each epoch from {@code rng}; {@code dropLast} skips a final short batch. */
    public static Batches shuffled(Dataset data, int batchSize, boolean dropLast, SplittableRandom rng) {
        return new Batches(data, batchSize, dropLast, rng);
    }

    /** The examples in order, the last batch possibly short (for evaluation). */
    public static Batches sequential(Dataset data, int batchSize) {
        return new Batches(data, batchSize, false, null);
    }

    /** Batches in one epoch. */
    public int batchesPerEpoch() {
        int n = data.size();
        return dropLast ? n / batchSize : (n + batchSize - 1) / batchSize;
    }

    /** One epoch. */
    @Override
    public Iterator<Batch> iterator() {
        int[] order = rng == null ? identity(data.size()) : Dataset.permutation(data.size(), rng);
        int count = batchesPerEpoch();
        return new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < count;
            }

            @Override
            public Batch next() {
                if (next >= count) {
                    throw new NoSuchElementException("Batches: the epoch has " + count + " batches");
                }
                int from = next++ * batchSize;
                return gather.gather(Arrays.copyOfRange(order, from, Math.min(order.length, from + batchSize)));
            }
        };
    }

    private static int[] identity(int n) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        return p;
    }

    @Override
    public String toString() {
        return "Batches(" + data.size() + " examples, batch " + batchSize + (rng == null ? ", in order" : ", shuffled")
                + (dropLast ? ", drop last" : "") + ")";
    }
}
