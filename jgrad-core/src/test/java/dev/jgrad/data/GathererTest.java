package dev.jgrad.data;

import dev.jgrad.DType;
import dev.jgrad.Tensor;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GathererTest {

    /** Example i is a 1 x 2 x 3 image of the values 10 i + 0 .. 10 i + 5, with label i % 3. */
    private static Dataset images(int n, DType dtype) {
        double[] x = new double[n * 6];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < 6; j++) {
                x[i * 6 + j] = 10 * i + j;
            }
            y[i] = i % 3;
        }
        return new Dataset(Tensor.of(x, n, 1, 2, 3).to(dtype), y, 3);
    }

    private static void assertRows(int[] idx, Batches.Batch b) {
        assertArrayEquals(new int[]{idx.length, 1, 2, 3}, b.x().shape());
        assertTrue(java.lang.reflect.Array.getLength(storage(b.x())) == idx.length * 6, "storage of the batch's size");
        double[] v = b.x().toDoubleArray();
        for (int i = 0; i < idx.length; i++) {
            for (int j = 0; j < 6; j++) {
                assertTrue(v[i * 6 + j] == 10 * idx[i] + j, "row " + i + " value " + j);
            }
            assertTrue(b.labels()[i] == idx[i] % 3);
        }
    }

    private static Object storage(Tensor t) {
        return t.dtype() == DType.FLOAT64 ? t.f64() : t.f32();
    }

    @Test
    void aReusingGathererWritesEveryBatchOfOneSizeIntoTheSameBuffer() {
        for (DType dtype : DType.values()) {
            Gatherer g = Gatherer.reusing(images(9, dtype));
            int[] first = {4, 0, 8, 4};
            Batches.Batch a = g.gather(first);
            assertRows(first, a);
            Object buffer = storage(a.x());
            int[] second = {1, 2, 3, 7};
            Batches.Batch b = g.gather(second);
            assertRows(second, b);
            assertSame(buffer, storage(b.x()), dtype.toString());
            assertArrayEquals(b.x().toDoubleArray(), a.x().toDoubleArray());  // the earlier x, overwritten
            int[] shorter = {6, 5};
            assertRows(shorter, g.gather(shorter));
            Batches.Batch c = g.gather(first);
            assertRows(first, c);
            assertRows(new int[0], g.gather(new int[0]));
        }
    }

    @Test
    void aFreshGathererGivesEveryBatchItsOwnArrays() {
        Gatherer g = Gatherer.fresh(images(5, DType.FLOAT32));
        Batches.Batch a = g.gather(new int[]{0, 1});
        Batches.Batch b = g.gather(new int[]{2, 3});
        assertNotSame(storage(a.x()), storage(b.x()));
        assertRows(new int[]{0, 1}, a);
        assertRows(new int[]{2, 3}, b);
    }

    @Test
    void anIndexOutsideTheDatasetIsRejectedBeforeAnythingIsWritten() {
        Gatherer g = Gatherer.reusing(images(5, DType.FLOAT32));
        Batches.Batch a = g.gather(new int[]{0, 1, 2});
        for (int bad : new int[]{5, -1}) {
            IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class,
                    () -> g.gather(new int[]{3, 4, bad}));
            assertTrue(e.getMessage().contains("index " + bad + " at position 2"), e.getMessage());
            assertTrue(e.getMessage().contains("5 examples"), e.getMessage());
        }
        assertRows(new int[]{0, 1, 2}, a);
    }
}
