package dev.jgrad.optim;

import dev.jgrad.DType;
import dev.jgrad.Tensor;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ClipTest {

    @Test
    void byNormScalesGlobalNormToMaxAndReturnsNormBeforeClipping() {
        Tensor a = Tensor.zeros(2).requiresGrad(true);
        Tensor b = Tensor.zeros(1).requiresGrad(true);
        Tensor c = Tensor.zeros(3).requiresGrad(true); // no gradient: skipped
        a.setGrad(Tensor.vector(3, 4));
        b.setGrad(Tensor.vector(12));
        // sqrt(9 + 16 + 144) = 13; scale 6.5 / (13 + 1e-6)
        double norm = Clip.byNorm(List.of(a, b, c), 6.5);
        assertEquals(13, norm, 1e-12);
        double k = 6.5 / (13 + 1e-6);
        assertArrayEquals(new double[]{3 * k, 4 * k}, a.grad().toDoubleArray(), 1e-12);
        assertArrayEquals(new double[]{12 * k}, b.grad().toDoubleArray(), 1e-12);
        assertEquals(6.5, Clip.byNorm(List.of(a, b), 100), 1e-6);
        assertNull(c.grad());
    }

    @Test
    void byNormBelowMaxLeavesGradientsAlone() {
        Tensor a = Tensor.zeros(2).requiresGrad(true);
        Tensor g = Tensor.vector(3, 4);
        a.setGrad(g);
        assertEquals(5, Clip.byNorm(List.of(a), 5), 1e-12);
        assertSame(g, a.grad());
    }

    @Test
    void byNormNeverWritesIntoAGradientTheEngineShares() {
        Tensor x = Tensor.vector(1, 2).requiresGrad(true);
        Tensor y = Tensor.vector(3, 4).requiresGrad(true);
        Tensor seed = Tensor.vector(30, 40);
        x.add(y).backward(seed); // the add gate may hand the seed itself to both inputs
        Clip.byNorm(List.of(x, y), 1);
        assertArrayEquals(new double[]{30, 40}, seed.toDoubleArray());
        double total = Math.hypot(Math.hypot(30, 40), Math.hypot(30, 40));
        double k = 1 / (total + 1e-6);
        assertArrayEquals(new double[]{30 * k, 40 * k}, x.grad().toDoubleArray(), 1e-12);
        assertArrayEquals(new double[]{30 * k, 40 * k}, y.grad().toDoubleArray(), 1e-12);
    }

    @Test
    void byNormKeepsDtypeAndShape() {
        Tensor a = Tensor.zeros(DType.FLOAT32, 2, 2).requiresGrad(true);
        a.setGrad(Tensor.full(DType.FLOAT32, 2, 2, 2)); // norm 4
        assertEquals(4, Clip.byNorm(List.of(a), 2), 1e-6);
        assertEquals(DType.FLOAT32, a.grad().dtype());
        assertArrayEquals(new int[]{2, 2}, a.grad().shape());
        assertArrayEquals(new double[]{1, 1, 1, 1}, a.grad().toDoubleArray(), 1e-6);
    }

    @Test
    void byValueClampsEachElement() {
        Tensor a = Tensor.zeros(4).requiresGrad(true);
        Tensor original = Tensor.vector(-3, 0.5, 2, -1);
        a.setGrad(original);
        assertEquals(2, Clip.byValue(List.of(a), 1));
        assertArrayEquals(new double[]{-1, 0.5, 1, -1}, a.grad().toDoubleArray());
        assertArrayEquals(new double[]{-3, 0.5, 2, -1}, original.toDoubleArray());
    }

    @Test
    void negativeLimitsAreRejected() {
        List<Tensor> ps = List.of(Tensor.zeros(1).requiresGrad(true));
        assertThrows(IllegalArgumentException.class, () -> Clip.byNorm(ps, -1));
        assertThrows(IllegalArgumentException.class, () -> Clip.byValue(ps, Double.NaN));
    }
}
