package dev.jgrad.data;

import dev.jgrad.DType;
import dev.jgrad.Tensor;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PreprocessTest {

    /** Images (n, c, h, w) float32 with channel k centred at 10 k and spread k + 1. */
    private static Tensor images(int n, int c, int h, int w, SplittableRandom rng) {
        float[] v = new float[n * c * h * w];
        for (int i = 0; i < v.length; i++) {
            int k = (i / (h * w)) % c;
            v[i] = (float) (10 * k + (k + 1) * Tensor.gaussian(rng));
        }
        return Tensor.wrap(v, new int[]{n, c, h, w});
    }

    @Test
    void unitScaleMatchesThePixelScaleReaders() {
        float[] v = new float[256];
        for (int i = 0; i < 256; i++) {
            v[i] = i;
        }
        float[] got = Preprocess.unitScale(Tensor.of(v, 256, 1)).toFloatArray();
        float[] table = Source.table(PixelScale.UNIT);
        assertArrayEquals(table, got);
        assertEquals(1f, got[255]);
    }

    @Test
    void channelStatsAreThePooledMeanAndPopulationDeviationOfEachChannel() {
        Tensor x = images(7, 3, 4, 5, new SplittableRandom(1));
        Preprocess.ChannelStats s = Preprocess.channelStats(x);
        float[] v = x.toFloatArray();
        for (int k = 0; k < 3; k++) {
            double sum = 0;
            double sq = 0;
            int count = 0;
            for (int i = 0; i < v.length; i++) {
                if ((i / 20) % 3 == k) {
                    sum += v[i];
                    sq += (double) v[i] * v[i];
                    count++;
                }
            }
            double mean = sum / count;
            assertEquals(mean, s.mean()[k], 1e-9);
            assertEquals(Math.sqrt(sq / count - mean * mean), s.std()[k], 1e-6);
        }
    }

    @Test
    void normalizingWithTrainStatisticsGivesZeroMeanUnitDeviationPerChannel() {
        Tensor train = images(20, 3, 4, 4, new SplittableRandom(2));
        Preprocess.ChannelStats s = Preprocess.channelStats(train);
        Preprocess.ChannelStats after = Preprocess.channelStats(s.apply(train));
        for (int k = 0; k < 3; k++) {
            assertEquals(0, after.mean()[k], 1e-5);
            assertEquals(1, after.std()[k], 1e-5);
        }
        // a test set is shifted by the training statistics, not its own
        Tensor test = Tensor.full(DType.FLOAT32, 10, 1, 3, 4, 4);
        float[] t = s.apply(test).toFloatArray();
        assertEquals((float) ((10 - s.mean()[0]) / s.std()[0]), t[0], 1e-5);
        assertEquals((float) ((10 - s.mean()[2]) / s.std()[2]), t[47], 1e-5);
    }

    @Test
    void featureStatsOfATableAndAConstantFeatureMapsToZero() {
        Tensor x = Tensor.of(new double[]{1, 5, 3, 5, 5, 5}, 3, 2);
        Preprocess.ChannelStats s = Preprocess.channelStats(x);
        assertArrayEquals(new double[]{3, 5}, s.mean(), 1e-12);
        assertArrayEquals(new double[]{Math.sqrt(8.0 / 3), 1}, s.std(), 1e-12);
        Tensor n = s.apply(x);
        assertEquals(DType.FLOAT64, n.dtype());
        assertArrayEquals(new double[]{-2 / Math.sqrt(8.0 / 3), 0, 0, 0, 2 / Math.sqrt(8.0 / 3), 0}, n.toDoubleArray(), 1e-12);
        assertThrows(dev.jgrad.ShapeException.class, () -> s.apply(Tensor.zeros(2, 3)));
    }

    @Test
    void meanImageSubtractionLeavesEveryPixelWithZeroMeanAndInputUnchanged() {
        Tensor x = images(9, 2, 3, 3, new SplittableRandom(3));
        float[] before = x.toFloatArray();
        Preprocess.MeanImage m = Preprocess.meanImage(x);
        assertArrayEquals(new int[]{2, 3, 3}, m.mean().shape());
        assertEquals(DType.FLOAT32, m.mean().dtype());
        float[] centred = m.apply(x).toFloatArray();
        for (int p = 0; p < 18; p++) {
            double sum = 0;
            for (int n = 0; n < 9; n++) {
                sum += centred[n * 18 + p];
            }
            assertEquals(0, sum / 9, 1e-5);
            assertEquals(before[p] - m.mean().toFloatArray()[p], centred[p], 1e-6);
        }
        assertArrayEquals(before, x.toFloatArray());
    }

    private static Dataset indexed(int n) {
        double[] x = new double[n];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            x[i] = i;
            y[i] = i % 3;
        }
        return new Dataset(Tensor.of(x, n, 1), y, 3);
    }

    @Test
    void splitIsDeterministicPerSeedAndPartitionsTheExamples() {
        Dataset d = indexed(50);
        Preprocess.Split a = Preprocess.split(d, 12, 7);
        Preprocess.Split b = Preprocess.split(d, 12, 7);
        Preprocess.Split c = Preprocess.split(d, 12, 8);
        assertEquals(38, a.train().size());
        assertEquals(12, a.val().size());
        assertArrayEquals(a.val().x().toDoubleArray(), b.val().x().toDoubleArray());
        assertArrayEquals(a.train().x().toDoubleArray(), b.train().x().toDoubleArray());
        assertFalse(Arrays.equals(a.val().x().toDoubleArray(), c.val().x().toDoubleArray()));
        double[] all = new double[50];
        System.arraycopy(a.train().x().toDoubleArray(), 0, all, 0, 38);
        System.arraycopy(a.val().x().toDoubleArray(), 0, all, 38, 12);
        Arrays.sort(all);
        for (int i = 0; i < 50; i++) {
            assertEquals(i, all[i]);
        }
        for (int i = 0; i < 12; i++) {
            assertEquals((int) a.val().x().at(i, 0) % 3, a.val().labels()[i]);
        }
        assertThrows(IllegalArgumentException.class, () -> Preprocess.split(d, 51, 1));
    }
}
