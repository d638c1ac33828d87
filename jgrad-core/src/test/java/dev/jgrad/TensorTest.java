package dev.jgrad;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TensorTest {

    @Test
    void sumOverLeadingAxesGivesColumnSumsForContiguousAndStridedInputs() {
        Tensor x = Tensor.of(new double[]{1, 2, 3, 4, 5, 6}, 3, 2);
        for (Tensor t : new Tensor[]{x, x.to(DType.FLOAT32), x.transpose().contiguous().transpose()}) {
            assertArrayEquals(new double[]{9, 12}, t.sum(0, false).toDoubleArray(), 0,
                    t.describe());
        }
        Tensor y = Tensor.arange(24).reshape(2, 3, 4);
        assertArrayEquals(new double[]{60, 66, 72, 78},
                y.sum(new int[]{0, 1}, false).toDoubleArray(), 0);
    }

    @Test
    void arrayTypeChoosesDtype() {
        assertEquals(DType.FLOAT64, Tensor.of(new double[]{1, 2}, 2).dtype());
        assertEquals(DType.FLOAT32, Tensor.of(new float[]{1, 2}, 2).dtype());
        assertEquals(DType.FLOAT32, Tensor.of(new float[]{1, 2}, 2).exp().dtype());
    }

    @Test
    void ofCopiesCallersArray() {
        double[] data = {1, 2, 3};
        Tensor t = Tensor.of(data, 3);
        data[0] = 99;
        assertEquals(1, t.at(0));
    }

    @Test
    void factoriesMakeTheirValues() {
        assertArrayEquals(new double[]{0, 0, 0, 0}, Tensor.zeros(2, 2).toDoubleArray());
        assertArrayEquals(new double[]{1, 1}, Tensor.ones(2).toDoubleArray());
        assertArrayEquals(new double[]{7, 7}, Tensor.full(DType.FLOAT32, 7, 2).toDoubleArray());
        assertArrayEquals(new double[]{0, 1, 2}, Tensor.arange(3).toDoubleArray());
        assertArrayEquals(new double[]{1, 0.5, 0}, Tensor.arange(1, -0.1, -0.5).toDoubleArray(), 1e-15);
        assertArrayEquals(new double[]{1, 0, 0, 1}, Tensor.eye(2).toDoubleArray());
        assertArrayEquals(new double[]{0, 1, 0, 1, 0, 0}, Tensor.oneHot(new int[]{1, 0}, 3).toDoubleArray());
        assertEquals(3.5, Tensor.scalar(3.5).item());
        assertEquals(0, Tensor.scalar(3.5).rank());
    }

    @Test
    void seededRandomFactoriesAreReproducible() {
        double[] a = Tensor.randn(new SplittableRandom(5), 100).toDoubleArray();
        double[] b = Tensor.randn(new SplittableRandom(5), 100).toDoubleArray();
        assertArrayEquals(a, b);
        Tensor n = Tensor.randn(new SplittableRandom(6), 20000);
        assertEquals(0, n.mean().item(), 0.03);
        assertEquals(1, n.var(null, false).item(), 0.05);
        Tensor u = Tensor.rand(new SplittableRandom(6), 1000);
        assertTrue(u.min().item() >= 0 && u.max().item() < 1);
    }

    @Test
    void transposeIsAViewSharingStorage() {
        Tensor x = Tensor.of(new double[]{1, 2, 3, 4, 5, 6}, 2, 3);
        Tensor t = x.transpose();
        assertSame(x.f64(), t.f64());
        assertArrayEquals(new int[]{3, 2}, t.shape());
        assertArrayEquals(new double[]{1, 4, 2, 5, 3, 6}, t.toDoubleArray());
        assertEquals(false, t.isContiguous());
        assertArrayEquals(new double[]{1, 4, 2, 5, 3, 6}, t.contiguous().toDoubleArray());
    }

    @Test
    void reshapeOfContiguousIsViewAndInfersMinusOne() {
        Tensor x = Tensor.arange(6);
        Tensor r = x.reshape(2, -1);
        assertArrayEquals(new int[]{2, 3}, r.shape());
        assertSame(x.f64(), r.f64());
        assertEquals(5, r.at(1, 2));
    }

    @Test
    void sliceAndExpandAreViews() {
        Tensor x = Tensor.arange(12).reshape(3, 4);
        Tensor s = x.slice(1, 1, 3);
        assertSame(x.f64(), s.f64());
        assertArrayEquals(new double[]{1, 2, 5, 6, 9, 10}, s.toDoubleArray());
        Tensor e = Tensor.vector(1, 2).reshape(2, 1).expand(2, 3);
        assertArrayEquals(new double[]{1, 1, 1, 2, 2, 2}, e.toDoubleArray());
        assertArrayEquals(new double[]{8, 9, 10, 11}, x.slice(0, -1, 3).flatten().toDoubleArray());
    }

    @Test
    void broadcastingFollowsNumpyRules() {
        Tensor a = Tensor.arange(3).reshape(3, 1);
        Tensor b = Tensor.arange(4);
        Tensor c = a.mul(b);
        assertArrayEquals(new int[]{3, 4}, c.shape());
        assertEquals(6, c.at(2, 3));
        assertArrayEquals(new int[]{2, 3, 4}, Tensor.ones(2, 1, 4).add(Tensor.ones(3, 1)).shape());
    }

    @Test
    void reductionsOverAxesWithKeepDim() {
        Tensor x = Tensor.arange(24).reshape(2, 3, 4);
        assertArrayEquals(new int[]{3}, x.sum(new int[]{0, 2}, false).shape());
        assertArrayEquals(new int[]{1, 3, 1}, x.sum(new int[]{0, 2}, true).shape());
        assertArrayEquals(new double[]{60, 92, 124}, x.sum(new int[]{0, 2}, false).toDoubleArray());
        assertEquals(276, x.sum().item());
        assertEquals(11.5, x.mean().item());
        assertArrayEquals(new double[]{20, 21, 22, 23}, x.max(new int[]{0, 1}, false).toDoubleArray());
        assertArrayEquals(new double[]{0, 1, 2, 3}, x.min(new int[]{0, 1}, false).toDoubleArray());
        // Ties go to the first index.
        assertArrayEquals(new int[]{1, 2}, Tensor.of(new double[]{1, 5, 5, 0, 0, 9}, 2, 3).argmax(1));
        assertArrayEquals(new int[]{0, 0, 1}, Tensor.of(new double[]{1, 5, 5, 0, 0, 9}, 2, 3).argmax(0));
    }

    @Test
    void maxGradientGoesToFirstArgmaxOnTies() {
        Tensor x = Tensor.of(new double[]{3, 1, 3, 2, 2, 0}, 2, 3).requiresGrad(true);
        x.max(1, false).sum().backward();
        assertArrayEquals(new double[]{1, 0, 0, 1, 0, 0}, x.grad().toDoubleArray());
    }

    @Test
    void logSumExpAndSoftmaxAreStableForHugeLogits() {
        Tensor x = Tensor.vector(1e4, 1e4 - 1, -1e4).requiresGrad(true);
        Tensor lse = x.logSumExp(0, false);
        assertEquals(1e4 + Math.log(1 + Math.exp(-1)), lse.item(), 1e-9);
        lse.backward();
        double[] g = x.grad().toDoubleArray();
        assertEquals(1 / (1 + Math.exp(-1)), g[0], 1e-12);
        assertEquals(0, g[2], 1e-300);
        double[] sm = x.detach().softmax(0).toDoubleArray();
        assertArrayEquals(g, sm, 1e-12);
        assertTrue(Double.isFinite(Tensor.of(new float[]{1e4f, -1e4f}, 2).logSoftmax(0).sum().item()));
    }

    /**
     * Large enough that the rows are cut between the threads (LogSoftmax.PARALLEL_MIN), along both axes, in
     * both precisions, with rows holding +inf, -inf and NaN: each row matches x - (max + log sum exp(x - max))
     * computed in double.
     */
    @Test
    void logSoftmaxOfALargeInputMatchesARowByRowReference() {
        SplittableRandom rnd = new SplittableRandom(41);
        int rows = 600;
        int cols = 500;
        double[] v = new double[rows * cols];
        for (int i = 0; i < v.length; i++) {
            v[i] = rnd.nextDouble(-8, 8);
        }
        v[7 * cols + 3] = Double.POSITIVE_INFINITY;
        v[301 * cols + 10] = Double.NaN;
        v[599 * cols + 499] = Double.NEGATIVE_INFINITY;
        for (DType dtype : new DType[]{DType.FLOAT32, DType.FLOAT64}) {
            Tensor x = Tensor.of(v, rows, cols).to(dtype);
            double tol = dtype == DType.FLOAT32 ? 2e-5 : 1e-12;
            double[] byRows = x.logSoftmax(1).toDoubleArray();
            double[] byCols = x.transpose(0, 1).logSoftmax(0).transpose(0, 1).toDoubleArray();
            double[] xs = x.toDoubleArray();
            for (int r = 0; r < rows; r++) {
                double m = Double.NEGATIVE_INFINITY;
                boolean nan = false;
                for (int c = 0; c < cols; c++) {
                    m = Math.max(m, xs[r * cols + c]);
                    nan |= Double.isNaN(xs[r * cols + c]);
                }
                double lse = m;
                if (nan) {
                    lse = Double.NaN;
                } else if (!Double.isInfinite(m)) {
                    double s = 0;
                    for (int c = 0; c < cols; c++) {
                        s += Math.exp(xs[r * cols + c] - m);
                    }
                    lse = m + Math.log(s);
                }
                for (int c = 0; c < cols; c++) {
                    int i = r * cols + c;
                    double want = xs[i] - lse;
                    for (double[] got : new double[][]{byRows, byCols}) {
                        String what = dtype + " (" + r + ", " + c + ")";
                        if (Double.isNaN(want)) {
                            assertTrue(Double.isNaN(got[i]), what + ": " + got[i]);
                        } else {
                            assertEquals(want, got[i], tol * Math.max(1, Math.abs(want)), what);
                        }
                    }
                }
            }
        }
    }

    @Test
    void gatherPicksLabelsAndIndexSelectRepeats() {
        Tensor scores = Tensor.of(new double[]{1, 2, 3, 4, 5, 6}, 2, 3);
        assertArrayEquals(new double[]{3, 4}, scores.gather(1, new int[]{2, 0}).toDoubleArray());
        assertArrayEquals(new double[]{4, 5, 6, 4, 5, 6}, scores.indexSelect(0, 1, 1).toDoubleArray());
        Tensor x = scores.requiresGrad(true);
        x.indexSelect(0, 1, 1).sum().backward();
        assertArrayEquals(new double[]{0, 0, 0, 2, 2, 2}, x.grad().toDoubleArray());
    }

    @Test
    void whereAndComparisonsMakeMasks() {
        Tensor x = Tensor.vector(-1, 0, 2);
        assertArrayEquals(new double[]{0, 0, 1}, x.gt(0).toDoubleArray());
        assertArrayEquals(new double[]{1, 0, 0}, x.lt(0).toDoubleArray());
        assertArrayEquals(new double[]{0, 1, 0}, x.eq(Tensor.zeros(3)).toDoubleArray());
        assertArrayEquals(new double[]{9, 9, 2}, Tensor.where(x.gt(0), x, Tensor.scalar(9)).toDoubleArray());
    }

    @Test
    void concatAndStackJoinTensors() {
        Tensor a = Tensor.of(new double[]{1, 2}, 1, 2);
        Tensor b = Tensor.of(new double[]{3, 4, 5, 6}, 2, 2);
        assertArrayEquals(new double[]{1, 2, 3, 4, 5, 6}, Tensor.concat(0, a, b).toDoubleArray());
        Tensor s = Tensor.stack(1, Tensor.vector(1, 2), Tensor.vector(3, 4));
        assertArrayEquals(new int[]{2, 2}, s.shape());
        assertArrayEquals(new double[]{1, 3, 2, 4}, s.toDoubleArray());
    }

    @Test
    void matmulShapesFollowNumpy() {
        assertArrayEquals(new int[]{}, Tensor.ones(3).matmul(Tensor.ones(3)).shape());
        assertEquals(3, Tensor.ones(3).matmul(Tensor.ones(3)).item());
        assertArrayEquals(new int[]{5}, Tensor.ones(3).matmul(Tensor.ones(3, 5)).shape());
        assertArrayEquals(new int[]{2}, Tensor.ones(2, 3).matmul(Tensor.ones(3)).shape());
        assertArrayEquals(new int[]{4, 2, 5}, Tensor.ones(4, 2, 3).matmul(Tensor.ones(3, 5)).shape());
        assertArrayEquals(new int[]{2, 4, 3, 6}, Tensor.ones(2, 1, 3, 5).matmul(Tensor.ones(4, 5, 6)).shape());
        Tensor a = Tensor.of(new double[]{1, 2, 3, 4}, 2, 2);
        assertArrayEquals(new double[]{7, 10, 15, 22}, a.matmul(a).toDoubleArray());
        assertArrayEquals(new double[]{10, 14, 14, 20}, a.transpose().matmul(a).toDoubleArray());
    }

    @Test
    void toStringShowsShapeDtypeOpAndValues() {
        Tensor x = Tensor.vector(1, 2, 3).requiresGrad(true);
        assertEquals("Tensor[3] float64 (leaf, requires grad) [1.0, 2.0, 3.0]", x.toString());
        assertEquals("Tensor[3] float64 (mul) [2.0, 4.0, 6.0]", x.mul(2).toString());
        String big = Tensor.arange(100).reshape(10, 10).toString();
        assertTrue(big.startsWith("Tensor[10, 10] float64 [[0.0, 1.0, 2.0, ..., 7.0, 8.0, 9.0], "), big);
        assertEquals("Tensor[] float32 0.500000", Tensor.scalar(0.5, DType.FLOAT32).toString());
    }

    @Test
    void conversionsRoundTrip() {
        Tensor x = Tensor.of(new float[]{1.5f, -2f}, 2);
        assertArrayEquals(new float[]{1.5f, -2f}, x.toFloatArray());
        assertArrayEquals(new double[]{1.5, -2}, x.to(DType.FLOAT64).toDoubleArray());
        assertEquals(DType.FLOAT64, x.to(DType.FLOAT64).dtype());
        assertNotEquals(x, x.to(DType.FLOAT64));
    }

    @Test
    void zeroSizeTensorsFlowThroughOpsAndBackward() {
        Tensor x = Tensor.zeros(0, 3).requiresGrad(true);
        Tensor w = Tensor.ones(3, 2).requiresGrad(true);
        Tensor y = x.matmul(w).relu().add(Tensor.ones(2)).exp();
        assertArrayEquals(new int[]{0, 2}, y.shape());
        Tensor s = y.sum();
        assertEquals(0, s.item());
        s.backward();
        assertArrayEquals(new int[]{0, 3}, x.grad().shape());
        assertArrayEquals(new double[]{0, 0, 0, 0, 0, 0}, w.grad().toDoubleArray());
        assertArrayEquals(new int[]{0, 1}, Tensor.zeros(0, 3).sum(new int[]{1}, true).shape());
        assertArrayEquals(new int[]{0, 3}, Tensor.zeros(0, 3).softmax(1).shape());
        assertArrayEquals(new int[]{0, 3}, Tensor.concat(0, Tensor.zeros(0, 3), Tensor.zeros(0, 3)).shape());
    }

    @Test
    void itemOnManyElementsSaysWhy() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Tensor.ones(2).item());
        assertEquals("item: tensor has shape [2]; item() needs exactly one element", e.getMessage());
    }
}
