package dev.jgrad.nn;

import dev.jgrad.DType;
import dev.jgrad.ShapeException;
import dev.jgrad.Tensor;
import dev.jgrad.autograd.GradCheck;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NormalizationTest {

    private static void assertGradientsMatch(Module m, Tensor x) {
        m.to(DType.FLOAT64);
        for (Map.Entry<String, GradCheck.Report> e : ModuleCheck.check(m, x).entrySet()) {
            assertTrue(e.getValue().passed(), m + " " + e.getKey() + ": " + e.getValue());
        }
    }

    @Test
    void batchNormTrainingNormalizesEachFeatureAndUpdatesRunningStatistics() {
        BatchNorm1d bn = new BatchNorm1d(3, 1e-5, 0.1, DType.FLOAT64);
        Tensor x = Tensor.randn(new SplittableRandom(1), 64, 3).mul(Tensor.vector(1, 2, 3)).add(Tensor.vector(5, -1, 0));
        Tensor y = bn.forward(x);
        double[] mean = y.mean(0, false).toDoubleArray();
        double[] var = y.var(new int[]{0}, false).toDoubleArray();
        for (int c = 0; c < 3; c++) {
            assertEquals(0, mean[c], 1e-12);
            assertEquals(1, var[c], 1e-3);
        }
        double[] bm = x.mean(0, false).toDoubleArray();
        double[] bv = x.var(new int[]{0}, false, 1).toDoubleArray();
        double[] rm = bn.runningMean().toDoubleArray();
        double[] rv = bn.runningVar().toDoubleArray();
        for (int c = 0; c < 3; c++) {
            assertEquals(0.1 * bm[c], rm[c], 1e-12);
            assertEquals(0.9 + 0.1 * bv[c], rv[c], 1e-12);
        }
    }

    @Test
    void batchNormEvalUsesRunningStatistics() {
        BatchNorm1d bn = new BatchNorm1d(2, 1e-5, 0.1, DType.FLOAT64);
        bn.setBuffer("runningMean", Tensor.vector(1, 2));
        bn.setBuffer("runningVar", Tensor.vector(4, 9));
        bn.eval();
        Tensor y = bn.forward(Tensor.of(new double[]{3, 2, 1, 5}, 2, 2));
        double[] expected = {2 / Math.sqrt(4 + 1e-5), 0, 0, 3 / Math.sqrt(9 + 1e-5)};
        assertArrayEquals(expected, y.toDoubleArray(), 1e-12);
        assertEquals(Map.of("runningMean", bn.runningMean(), "runningVar", bn.runningVar()), bn.namedBuffers());
    }

    @Test
    void batchNorm2dNormalizesPerChannelOverBatchAndSpace() {
        BatchNorm2d bn = new BatchNorm2d(2, 1e-5, 0.1, DType.FLOAT64);
        Tensor x = Tensor.randn(new SplittableRandom(2), 4, 2, 3, 3).mul(3).add(1);
        Tensor y = bn.forward(x);
        double[] mean = y.mean(new int[]{0, 2, 3}, false).toDoubleArray();
        assertEquals(0, mean[0], 1e-12);
        assertEquals(0, mean[1], 1e-12);
        ShapeException e = assertThrows(ShapeException.class, () -> bn.forward(Tensor.ones(4, 3, 2, 2)));
        assertEquals("BatchNorm2d(2): expected (N, 2, H, W) input, got [4, 3, 2, 2]", e.getMessage());
    }

    @Test
    void batchNormGradientsMatchNumericalGradients() {
        assertGradientsMatch(new BatchNorm1d(3), Tensor.randn(new SplittableRandom(3), 5, 3));
        assertGradientsMatch(new BatchNorm2d(2), Tensor.randn(new SplittableRandom(4), 2, 2, 2, 3));
        BatchNorm1d eval = new BatchNorm1d(3);
        eval.forward(Tensor.randn(new SplittableRandom(5), 8, 3).to(DType.FLOAT32));
        eval.eval();
        assertGradientsMatch(eval, Tensor.randn(new SplittableRandom(6), 4, 3));
    }

    @Test
    void layerNormNormalizesEachExampleAndChecksGradients() {
        LayerNorm ln = new LayerNorm(new int[]{4}, 1e-5, DType.FLOAT64);
        Tensor y = ln.forward(Tensor.randn(new SplittableRandom(7), 3, 4).mul(5));
        double[] m = y.mean(1, false).toDoubleArray();
        for (double v : m) {
            assertEquals(0, v, 1e-12);
        }
        assertGradientsMatch(new LayerNorm(2, 3), Tensor.randn(new SplittableRandom(8), 2, 2, 3));
        assertThrows(ShapeException.class, () -> ln.forward(Tensor.ones(3, 5)));
    }

    @Test
    void embeddingLooksUpRowsAndSumsGradientsOfRepeatedIndices() {
        Embedding emb = new Embedding(5, 3, DType.FLOAT64, new SplittableRandom(9));
        Tensor w = emb.namedParameters().get("weight");
        Tensor out = emb.forward(Tensor.of(new double[]{4, 1, 4, 0}, 2, 2));
        assertArrayEquals(new int[]{2, 2, 3}, out.shape());
        assertArrayEquals(w.indexSelect(0, 4).toDoubleArray(), out.slice(0, 0, 1).slice(1, 0, 1).flatten().toDoubleArray());
        out.sum().backward();
        assertArrayEquals(new double[]{1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 2, 2, 2}, w.grad().toDoubleArray());
        assertThrows(ShapeException.class, () -> emb.lookup(5));
        assertThrows(IllegalArgumentException.class, () -> emb.forward(Tensor.vector(0.5)));
    }
}
