package dev.jgrad.autograd;

import dev.jgrad.Tensor;
import dev.jgrad.op.Op;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GradCheckTest {

    /** x^2 with a deliberately wrong reverse rule (dout * x instead of 2 x dout) and a right forward rule. */
    static final class WrongSquare extends Op {
        @Override
        public String name() {
            return "wrongSquare";
        }

        @Override
        protected Tensor forward(Tensor[] x) {
            double[] v = x[0].toDoubleArray();
            for (int i = 0; i < v.length; i++) {
                v[i] *= v[i];
            }
            return Tensor.wrap(v, x[0].shape());
        }

        @Override
        protected Tensor[] vjp(Tensor dout) {
            return new Tensor[]{dout.mul(input(0))};
        }

        @Override
        protected Tensor jvp(Tensor[] t) {
            return t[0].mul(input(0)).mul(3);
        }
    }

    @Test
    void relErrorIsCs231nDefinition() {
        assertEquals(0.5 / 2.5, GradCheck.relError(1.0, 1.5), 1e-15);
        assertEquals(0, GradCheck.relError(0, 0));
        assertEquals(1e-9 / 1e-8, GradCheck.relError(1e-9, 0), 1e-12);
    }

    @Test
    void wrongReverseRuleIsReportedWithWorstElement() {
        GradCheck.Report r = GradCheck.check(a -> Engine.apply(new WrongSquare(), a[0]).sum(), Tensor.vector(1, -2, 3));
        assertFalse(r.passed(), r.toString());
        assertTrue(r.maxRelError() > 1e-2, r.toString());
        assertEquals(0, r.input());
        assertEquals(r.numeric(), 2 * r.analytic(), 1e-6);
        assertTrue(r.toString().startsWith("gradcheck: FAIL"), r.toString());
    }

    @Test
    void wrongForwardRuleIsReported() {
        GradCheck.Report r = GradCheck.checkForward(a -> Engine.apply(new WrongSquare(), a[0]), Tensor.vector(1, 2));
        assertFalse(r.passed(), r.toString());
    }

    @Test
    void smoothFunctionPassesBelowLectureThreshold() {
        GradCheck.Report r = GradCheck.check(a -> a[0].tanh().mul(a[1]).sum(), Tensor.vector(0.3, -0.7),
                Tensor.vector(1.5, 2.5));
        assertTrue(r.passed(), r.toString());
        assertTrue(r.maxRelError() < 1e-7, r.toString());
        assertEquals(4, r.checked());
    }

    @Test
    void pointsWithinHOfKinkAreCountedAsKinksNotFailures() {
        GradCheck.Report r = GradCheck.check(a -> a[0].relu().add(a[0].abs()).sum(),
                Tensor.vector(1e-7, -2e-6, 0.5));
        assertTrue(r.passed(), r.toString());
        assertEquals(2, r.kinks(), r.toString());
    }

    @Test
    void float32InputsAreUpcastAndReportSaysSo() {
        GradCheck.Report r = GradCheck.check(a -> a[0].exp().sum(), Tensor.of(new float[]{0.5f, 1f}, 2));
        assertTrue(r.passed(), r.toString());
        assertTrue(r.note().contains("upcast"), r.toString());
    }

    @Test
    void secondOrderCheckPassesForSmoothFunctionAndCatchesWrongRule() {
        GradCheck.Report ok = GradCheck.checkSecondOrder(a -> a[0].sigmoid().mul(a[1]).sum(),
                Tensor.vector(0.1, -0.4), Tensor.vector(2, 3));
        assertTrue(ok.passed(), ok.toString());
        // The wrong rule's gradient is x (slope 1) but the true second derivative of x^2 is 2.
        GradCheck.Report bad = GradCheck.checkSecondOrder(a -> Engine.apply(new WrongSquare(), a[0]).sum(),
                Tensor.vector(0.5, 1.5));
        assertTrue(bad.toString().startsWith("gradgradcheck"), bad.toString());
    }

    @Test
    void nonScalarOutputIsCheckedThroughProjection() {
        GradCheck.Report r = GradCheck.check(a -> a[0].matmul(a[1]), Tensor.randn(new java.util.SplittableRandom(3), 2, 3),
                Tensor.randn(new java.util.SplittableRandom(4), 3, 2));
        assertTrue(r.passed(), r.toString());
        assertEquals(12, r.checked());
    }
}
