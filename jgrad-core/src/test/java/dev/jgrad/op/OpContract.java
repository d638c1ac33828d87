package dev.jgrad.op;

import dev.jgrad.DType;
import dev.jgrad.Tensor;
import dev.jgrad.autograd.Autodiff;
import dev.jgrad.autograd.GradCheck;

import java.util.SplittableRandom;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The shared contract every op is checked against, in float64: the reverse rule and the forward-mode
 * rule against finite differences (GradCheck's default: rel error &lt; 1e-7 away from kinks, or an
 * absolute error below 1e-8 where a gradient is so small that the difference quotient is noise), the jvp/vjp dot-product
 * identity {@code <u, J v> = <J^T u, v>}, optionally the second-order check, and float32 agreeing
 * with float64.
 */
final class OpContract {

    private OpContract() {
    }

    static void check(String name, Function<Tensor[], Tensor> f, boolean secondOrder, Tensor... inputs) {
        GradCheck.Report reverse = GradCheck.check(f, inputs);
        assertTrue(reverse.passed(), name + " reverse: " + reverse);
        GradCheck.Report forward = GradCheck.checkForward(f, inputs);
        assertTrue(forward.passed(), name + " forward: " + forward);
        dotProductIdentity(name, f, inputs);
        if (secondOrder) {
            GradCheck.Report second = GradCheck.checkSecondOrder(GradCheck.Options.DEFAULT.withTolerance(1e-6),
                    f, inputs);
            assertTrue(second.passed(), name + " second order: " + second);
        }
        float32AgreesWithFloat64(name, f, inputs);
    }

    /** For each input i and random u, v: u . (J_i v) computed by jvp equals (J_i^T u) . v computed by vjp. */
    static void dotProductIdentity(String name, Function<Tensor[], Tensor> f, Tensor... inputs) {
        SplittableRandom rng = new SplittableRandom(7);
        for (int i = 0; i < inputs.length; i++) {
            int which = i;
            Function<Tensor, Tensor> fi = z -> {
                Tensor[] a = inputs.clone();
                a[which] = z;
                return f.apply(a);
            };
            Tensor v = Tensor.randn(rng, inputs[i].shape());
            Autodiff.ValueAndTangent fwd = Autodiff.jvp(fi, inputs[i], v);
            Tensor u = Tensor.randn(rng, fwd.value().shape());
            Tensor back = Autodiff.vjp(fi, inputs[i], u).grad();
            double left = u.mul(fwd.tangent()).sum().item();
            double right = back.mul(v).sum().item();
            assertEquals(left, right, 1e-9 * Math.max(1, Math.abs(left)),
                    name + ": <u, Jv> != <J^T u, v> for input " + i);
        }
    }

    static void float32AgreesWithFloat64(String name, Function<Tensor[], Tensor> f, Tensor... inputs) {
        Tensor[] f32 = new Tensor[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            f32[i] = inputs[i].to(DType.FLOAT32);
        }
        Tensor y64 = f.apply(inputs);
        Tensor y32 = f.apply(f32);
        assertEquals(DType.FLOAT32, y32.dtype(), name + " keeps float32");
        assertArrayEquals(y64.shape(), y32.shape(), name + " float32 shape");
        double[] a = y64.toDoubleArray();
        double[] b = y32.toDoubleArray();
        for (int i = 0; i < a.length; i++) {
            assertEquals(a[i], b[i], 1e-4 * Math.max(1, Math.abs(a[i])), name + " float32 value " + i);
        }
    }
}
