package dev.jgrad.autograd;

import dev.jgrad.Tensor;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class AutodiffTest {

    private static final SplittableRandom RNG = new SplittableRandom(11);

    @Test
    void hessianOfQuadraticFormIsAPlusATransposed() {
        Tensor a = Tensor.randn(RNG, 4, 4);
        Tensor x = Tensor.randn(RNG, 4);
        Tensor h = Autodiff.hessian(z -> z.matmul(a).matmul(z), x);
        assertArrayEquals(new int[]{4, 4}, h.shape());
        assertArrayEquals(a.add(a.transpose()).toDoubleArray(), h.toDoubleArray(), 1e-12);
    }

    @Test
    void hvpMatchesHessianTimesVectorWithoutFormingHessian() {
        Function<Tensor, Tensor> f = z -> z.tanh().mul(z).sum().add(z.pow(3).sum());
        Tensor x = Tensor.randn(RNG, 5);
        Tensor v = Tensor.randn(RNG, 5);
        Tensor hv = Autodiff.hvp(f, x, v);
        Tensor expected = Autodiff.hessian(f, x).matmul(v);
        assertArrayEquals(expected.toDoubleArray(), hv.toDoubleArray(), 1e-10);
    }

    @Test
    void jacobianForwardAndReverseAgree() {
        Tensor w = Tensor.randn(RNG, 3, 4);
        Function<Tensor, Tensor> f = z -> w.matmul(z).sigmoid();
        Tensor x = Tensor.randn(RNG, 4);
        Tensor jf = Autodiff.jacfwd(f, x);
        Tensor jr = Autodiff.jacrev(f, x);
        assertArrayEquals(new int[]{3, 4}, jf.shape());
        assertArrayEquals(jf.toDoubleArray(), jr.toDoubleArray(), 1e-12);
        Tensor s = w.matmul(x).sigmoid();
        Tensor expected = s.mul(s.neg().add(1)).unsqueeze(1).mul(w);
        assertArrayEquals(expected.toDoubleArray(), Autodiff.jacobian(f, x).toDoubleArray(), 1e-12);
    }

    @Test
    void jacobianOfMatrixFunctionHasOutputThenInputShape() {
        Tensor x = Tensor.randn(RNG, 2, 3);
        Tensor j = Autodiff.jacobian(z -> z.sum(new int[]{1}, false), x);
        assertArrayEquals(new int[]{2, 2, 3}, j.shape());
        assertArrayEquals(new double[]{1, 1, 1, 0, 0, 0, 0, 0, 0, 1, 1, 1}, j.toDoubleArray());
    }

    @Test
    void jvpIsTrueForwardModeAndRecordsNoReverseGraph() {
        Tensor x = Tensor.vector(0.1, 0.2, 0.3);
        Tensor v = Tensor.vector(1, 0, 2);
        Autodiff.ValueAndTangent r = Autodiff.jvp(z -> z.exp().mul(z), x, v);
        assertNull(r.value().gradFn(), "no graph is recorded for forward mode");
        double[] t = r.tangent().toDoubleArray();
        double[] xs = x.toDoubleArray();
        double[] vs = v.toDoubleArray();
        for (int i = 0; i < 3; i++) {
            assertEquals(Math.exp(xs[i]) * (1 + xs[i]) * vs[i], t[i], 1e-12);
        }
    }

    @Test
    void gradAndVjpReturnValueAndGradient() {
        Tensor x = Tensor.vector(1, 2, 3);
        Autodiff.ValueAndGrad r = Autodiff.valueAndGrad(z -> z.mul(z).sum(), x);
        assertEquals(14, r.value().item(), 1e-12);
        assertArrayEquals(new double[]{2, 4, 6}, r.grad().toDoubleArray(), 1e-12);
        Autodiff.ValueAndGrad v = Autodiff.vjp(z -> z.mul(z), x, Tensor.vector(1, 1, 0));
        assertArrayEquals(new double[]{2, 4, 0}, v.grad().toDoubleArray(), 1e-12);
        assertNull(x.grad(), "the functional API leaves the input's grad alone");
    }

    @Test
    void gradOfGradComposes() {
        Function<Tensor, Tensor> f = z -> z.pow(3).sum();
        Tensor x = Tensor.vector(2.0);
        Tensor second = Autodiff.grad(z -> Autodiff.grad(f, z).sum(), x);
        assertEquals(12, second.item(), 1e-12);
    }

    @Test
    void gradOfNonScalarIsRejectedWithShape() {
        var e = assertThrows(dev.jgrad.ShapeException.class, () -> Autodiff.grad(z -> z.mul(2), Tensor.ones(3)));
        assertEquals("grad: f must return one element, got shape [3] (use vjp or jacobian for non-scalar outputs)",
                e.getMessage());
    }

    @Test
    void jvpTangentOfWrongShapeIsRejected() {
        var e = assertThrows(dev.jgrad.ShapeException.class,
                () -> Autodiff.jvp(z -> z, Tensor.ones(3), Tensor.ones(2)));
        assertEquals("jvp: tangent has shape [2] but x has shape [3]", e.getMessage());
    }
}
