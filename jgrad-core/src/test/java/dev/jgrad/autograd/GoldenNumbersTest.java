package dev.jgrad.autograd;

import dev.jgrad.Tensor;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The lecture's worked examples and gate behaviours (DESIGN.md section 8). */
class GoldenNumbersTest {

    private static final double EPS = 1e-12;

    @Test
    void addThenMulExampleGivesLectureValuesAndGradients() {
        Tensor x = Tensor.scalar(-2).requiresGrad(true);
        Tensor y = Tensor.scalar(5).requiresGrad(true);
        Tensor z = Tensor.scalar(-4).requiresGrad(true);
        Tensor q = x.add(y).retainGrad();
        Tensor f = q.mul(z);
        f.backward();
        assertEquals(3, q.item(), EPS);
        assertEquals(-12, f.item(), EPS);
        assertEquals(-4, x.grad().item(), EPS);
        assertEquals(-4, y.grad().item(), EPS);
        assertEquals(3, z.grad().item(), EPS);
        assertEquals(-4, q.grad().item(), EPS);
    }

    @Test
    void sigmoidNeuronGatesGiveLectureGradients() {
        Tensor w0 = Tensor.scalar(2).requiresGrad(true);
        Tensor x0 = Tensor.scalar(-1).requiresGrad(true);
        Tensor w1 = Tensor.scalar(-3).requiresGrad(true);
        Tensor x1 = Tensor.scalar(-2).requiresGrad(true);
        Tensor w2 = Tensor.scalar(-3).requiresGrad(true);
        // Gate by gate, as on the slide: 1 / (1 + exp(-(w0 x0 + w1 x1 + w2))).
        Tensor dot = w0.mul(x0).add(w1.mul(x1)).add(w2);
        Tensor f = dot.neg().exp().add(1).pow(-1);
        f.backward();
        assertEquals(0.7311, f.item(), 1e-4);
        assertEquals(-0.1966, w0.grad().item(), 1e-4);
        assertEquals(-0.3932, w1.grad().item(), 1e-4);
        assertEquals(0.1966, w2.grad().item(), 1e-4);
        assertEquals(0.3932, x0.grad().item(), 1e-4);
        assertEquals(-0.5898, x1.grad().item(), 1e-4);
    }

    @Test
    void sigmoidGateGivesSameGradientsAsItsGates() {
        Tensor w = Tensor.vector(2, -3, -3).requiresGrad(true);
        Tensor x = Tensor.vector(-1, -2).requiresGrad(true);
        Tensor dot = w.slice(0, 0, 2).mul(x).sum().add(w.slice(0, 2, 3).sum());
        Tensor f = dot.sigmoid();
        f.backward();
        assertEquals(0.7311, f.item(), 1e-4);
        assertArrayEquals(new double[]{-0.1966, -0.3932, 0.1966}, w.grad().toDoubleArray(), 1e-4);
        assertArrayEquals(new double[]{0.3932, -0.5898}, x.grad().toDoubleArray(), 1e-4);
    }

    @Test
    void sigmoidLocalGradientAtPoint73IsPoint1966() {
        // sigmoid(1.0) = 0.7311; its local gradient is (1 - 0.7311) 0.7311.
        Tensor x = Tensor.scalar(1.0).requiresGrad(true);
        Tensor out = x.sigmoid();
        out.backward();
        assertEquals((1 - out.item()) * out.item(), x.grad().item(), EPS);
        assertEquals(0.1966, x.grad().item(), 1e-4);
    }

    @Test
    void addGateDistributesUpstreamGradientUnchanged() {
        Tensor a = Tensor.scalar(4).requiresGrad(true);
        Tensor b = Tensor.scalar(-7).requiresGrad(true);
        a.add(b).backward(Tensor.scalar(2.5));
        assertEquals(2.5, a.grad().item(), EPS);
        assertEquals(2.5, b.grad().item(), EPS);
    }

    @Test
    void maxGateRoutesWholeGradientToLargerInput() {
        Tensor a = Tensor.scalar(4).requiresGrad(true);
        Tensor b = Tensor.scalar(-7).requiresGrad(true);
        a.maximum(b).backward(Tensor.scalar(2.5));
        assertEquals(2.5, a.grad().item(), EPS);
        assertEquals(0, b.grad().item(), EPS);
    }

    @Test
    void maxGateTieRoutesGradientToFirstInput() {
        Tensor a = Tensor.scalar(3).requiresGrad(true);
        Tensor b = Tensor.scalar(3).requiresGrad(true);
        a.maximum(b).backward();
        assertEquals(1, a.grad().item(), EPS);
        assertEquals(0, b.grad().item(), EPS);
    }

    @Test
    void mulGateSwitchesInputs() {
        Tensor a = Tensor.scalar(3).requiresGrad(true);
        Tensor b = Tensor.scalar(-4).requiresGrad(true);
        a.mul(b).backward(Tensor.scalar(2));
        assertEquals(-8, a.grad().item(), EPS);
        assertEquals(6, b.grad().item(), EPS);
    }

    @Test
    void gradientsAddWhereValueFansOut() {
        Tensor x = Tensor.scalar(3).requiresGrad(true);
        Tensor f = x.mul(x).add(x);
        f.backward();
        assertEquals(2 * 3 + 1, x.grad().item(), EPS);
    }
}
