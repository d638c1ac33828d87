package dev.jgrad.data;

import dev.jgrad.Tensor;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class BatchesTest {

    /** Example i is the row (i, -i) with label i % 4, in float32. */
    private static Dataset indexed(int n) {
        float[] x = new float[2 * n];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            x[2 * i] = i;
            x[2 * i + 1] = -i;
            y[i] = i % 4;
        }
        return new Dataset(Tensor.of(x, n, 2), y, 4);
    }

    private static List<Integer> epoch(Batches batches, List<Integer> sizes) {
        List<Integer> order = new ArrayList<>();
        for (Batches.Batch b : batches) {
            sizes.add(b.size());
            float[] x = b.x().toFloatArray();
            assertEquals(b.size(), b.x().size(0));
            for (int i = 0; i < b.size(); i++) {
                int id = (int) x[2 * i];
                assertEquals(-id, x[2 * i + 1]);
                assertEquals(id % 4, b.labels()[i]);
                order.add(id);
            }
        }
        return order;
    }

    @Test
    void everyExampleAppearsExactlyOncePerEpochAndEpochsDiffer() {
        Batches batches = Batches.shuffled(indexed(103), 10, false, new SplittableRandom(1));
        assertEquals(11, batches.batchesPerEpoch());
        List<Integer> sizes = new ArrayList<>();
        List<Integer> first = epoch(batches, sizes);
        List<Integer> second = epoch(batches, new ArrayList<>());
        assertEquals(List.of(10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 3), sizes);
        for (List<Integer> e : List.of(first, second)) {
            int[] sorted = e.stream().mapToInt(Integer::intValue).sorted().toArray();
            int[] expect = new int[103];
            Arrays.setAll(expect, i -> i);
            assertArrayEquals(expect, sorted);
        }
        assertFalse(first.equals(second));
    }

    @Test
    void theSameSeedGivesTheSameBatches() {
        Dataset d = indexed(40);
        Batches a = Batches.shuffled(d, 7, false, new SplittableRandom(5));
        Batches b = Batches.shuffled(d, 7, false, new SplittableRandom(5));
        for (int e = 0; e < 3; e++) {
            assertEquals(epoch(a, new ArrayList<>()), epoch(b, new ArrayList<>()));
        }
    }

    @Test
    void dropLastSkipsTheShortBatch() {
        Batches batches = Batches.shuffled(indexed(103), 10, true, new SplittableRandom(2));
        assertEquals(10, batches.batchesPerEpoch());
        List<Integer> sizes = new ArrayList<>();
        assertEquals(100, epoch(batches, sizes).size());
        assertEquals(List.of(10, 10, 10, 10, 10, 10, 10, 10, 10, 10), sizes);
    }

    @Test
    void sequentialBatchesKeepTheOrderAndKeepFloat64() {
        Dataset d = new Dataset(Tensor.of(new double[]{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, 5, 1, 2), new int[]{0, 1, 0, 1, 0}, 2);
        List<Batches.Batch> all = new ArrayList<>();
        Batches.sequential(d, 2).forEach(all::add);
        assertEquals(3, all.size());
        assertArrayEquals(new int[]{2, 1, 2}, all.get(1).x().shape());
        assertArrayEquals(new double[]{4, 5, 6, 7}, all.get(1).x().toDoubleArray());
        assertArrayEquals(new double[]{8, 9}, all.get(2).x().toDoubleArray());
        assertEquals(dev.jgrad.DType.FLOAT64, all.get(2).x().dtype());
    }
}
