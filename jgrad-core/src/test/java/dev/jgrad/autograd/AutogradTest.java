package dev.jgrad.autograd;

import dev.jgrad.ShapeException;
import dev.jgrad.Tensor;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AutogradTest {

    @Test
    void millionNodeChainBackpropagatesWithoutStackOverflow() {
        Tensor x = Tensor.scalar(0.5).requiresGrad(true);
        Tensor y = x;
        for (int i = 0; i < 1_000_000; i++) {
            y = y.add(1e-6);
        }
        y.backward();
        assertEquals(1.0, x.grad().item(), 1e-12);
        assertEquals(1.5, y.item(), 1e-6);
    }

    @Test
    void gradientOfBroadcastAddSumsOverExpandedAxes() {
        Tensor x = Tensor.ones(2, 3).requiresGrad(true);
        Tensor b = Tensor.vector(1, 2, 3).requiresGrad(true);
        Tensor c = Tensor.ones(2, 1).requiresGrad(true);
        x.add(b).add(c).sum().backward();
        assertArrayEquals(new double[]{2, 2, 2}, b.grad().toDoubleArray());
        assertArrayEquals(new int[]{2, 1}, c.grad().shape());
        assertArrayEquals(new double[]{3, 3}, c.grad().toDoubleArray());
        assertArrayEquals(new double[]{1, 1, 1, 1, 1, 1}, x.grad().toDoubleArray());
    }

    @Test
    void secondBackwardThroughFreedGraphIsIllegalStateSayingSo() {
        Tensor x = Tensor.scalar(2).requiresGrad(true);
        Tensor y = x.exp();
        y.backward();
        IllegalStateException e = assertThrows(IllegalStateException.class, y::backward);
        assertTrue(e.getMessage().contains("freed"), e.getMessage());
        assertTrue(e.getMessage().contains("exp"), e.getMessage());
    }

    @Test
    void retainGraphAllowsSecondBackwardThatAccumulates() {
        Tensor x = Tensor.scalar(2).requiresGrad(true);
        Tensor y = x.mul(x);
        y.backward(Tensor.scalar(1), true, false);
        y.backward(Tensor.scalar(1), true, false);
        assertEquals(8, x.grad().item(), 1e-12);
        x.zeroGrad();
        assertNull(x.grad());
    }

    @Test
    void createGraphGivesGradOfGrad() {
        Tensor x = Tensor.scalar(1.5).requiresGrad(true);
        Tensor y = x.pow(4);
        Tensor[] g = Engine.grad(y, null, new Tensor[]{x}, false, true);
        assertEquals(4 * Math.pow(1.5, 3), g[0].item(), 1e-12);
        Tensor[] gg = Engine.grad(g[0], null, new Tensor[]{x}, false, true);
        assertEquals(12 * 1.5 * 1.5, gg[0].item(), 1e-12);
        Tensor[] ggg = Engine.grad(gg[0], null, new Tensor[]{x}, false, true);
        assertEquals(24 * 1.5, ggg[0].item(), 1e-12);
        Tensor[] g4 = Engine.grad(ggg[0], null, new Tensor[]{x}, false, false);
        assertEquals(24, g4[0].item(), 1e-12);
    }

    @Test
    void backwardWithCreateGraphMakesDifferentiableLeafGradients() {
        Tensor x = Tensor.scalar(0.3).requiresGrad(true);
        x.tanh().pow(2).backward(Tensor.scalar(1), false, true);
        Tensor g = x.grad();
        assertTrue(g.requiresGrad());
        x.zeroGrad();
        g.backward();
        // d/dx of d/dx tanh(x)^2 = d/dx 2 tanh(x)(1 - tanh(x)^2)
        double t = Math.tanh(0.3);
        assertEquals(2 * (1 - t * t) * (1 - 3 * t * t), x.grad().item(), 1e-12);
    }

    @Test
    void noGradScopeRecordsNothing() {
        Tensor x = Tensor.scalar(2).requiresGrad(true);
        Tensor y = GradMode.noGrad(() -> x.mul(3));
        assertFalse(y.requiresGrad());
        assertNull(y.gradFn());
        assertTrue(GradMode.isEnabled());
        assertThrows(IllegalStateException.class, y::backward);
    }

    @Test
    void detachStopsGradient() {
        Tensor x = Tensor.scalar(2).requiresGrad(true);
        Tensor y = x.mul(x.detach());
        y.backward();
        assertEquals(2, x.grad().item(), 1e-12);
    }

    @Test
    void unusedInputGetsZeroGradientFromFunctionalApi() {
        Tensor[] g = Autodiff.grads(a -> a[0].mul(2).sum(), Tensor.vector(1, 2), Tensor.vector(3, 4, 5));
        assertArrayEquals(new double[]{2, 2}, g[0].toDoubleArray());
        assertArrayEquals(new double[]{0, 0, 0}, g[1].toDoubleArray());
    }

    @Test
    void leafAndInteriorTensorsAreDistinguished() {
        Tensor x = Tensor.scalar(2).requiresGrad(true);
        Tensor y = x.mul(3);
        assertTrue(x.isLeaf());
        assertFalse(y.isLeaf());
        assertEquals("mul", y.gradFn().name());
        y.backward();
        assertNull(y.grad(), "interior gradients are not kept unless retainGrad()");
    }

    @Test
    void nonScalarBackwardWithoutSeedNamesShape() {
        Tensor x = Tensor.ones(2, 3).requiresGrad(true);
        ShapeException e = assertThrows(ShapeException.class, () -> x.mul(2).backward());
        assertEquals("backward: output has shape [2, 3]; pass a seed gradient of that shape", e.getMessage());
    }

    @Test
    void seedOfWrongShapeIsRejected() {
        Tensor x = Tensor.ones(2, 3).requiresGrad(true);
        ShapeException e = assertThrows(ShapeException.class, () -> x.mul(2).backward(Tensor.ones(3)));
        assertTrue(e.getMessage().startsWith("backward: seed has shape [3]"), e.getMessage());
    }

    @Test
    void seededBackwardOfVectorOutputGivesVectorJacobianProduct() {
        Tensor x = Tensor.vector(1, 2, 3).requiresGrad(true);
        x.mul(x).backward(Tensor.vector(1, 0, -1));
        assertArrayEquals(new double[]{2, 0, -6}, x.grad().toDoubleArray(), 1e-12);
    }

    @Test
    void elementwiseOpOnLargeBatchDoesNotFormJacobian() {
        // The lecture's 4096-wide max(0, x) over a minibatch of 100: 409,600 inputs. A materialized
        // Jacobian would be 409,600^2 doubles; the diagonal rule needs only the mask.
        Tensor x = Tensor.randn(new java.util.SplittableRandom(1), 100, 4096).requiresGrad(true);
        x.relu().sum().backward();
        double[] g = x.grad().toDoubleArray();
        double[] v = x.toDoubleArray();
        for (int i = 0; i < g.length; i++) {
            assertEquals(v[i] > 0 ? 1.0 : 0.0, g[i]);
        }
    }

    @Test
    void mixedDtypesComputeInFloat64AndGradientsKeepEachInputsDtype() {
        Tensor a = Tensor.of(new float[]{1, 2}, 2).requiresGrad(true);
        Tensor b = Tensor.vector(3, 4).requiresGrad(true);
        Tensor y = a.mul(b).sum();
        assertEquals(dev.jgrad.DType.FLOAT64, y.dtype());
        y.backward();
        assertEquals(dev.jgrad.DType.FLOAT32, a.grad().dtype());
        assertArrayEquals(new double[]{3, 4}, a.grad().toDoubleArray());
        assertArrayEquals(new double[]{1, 2}, b.grad().toDoubleArray());
    }
}
