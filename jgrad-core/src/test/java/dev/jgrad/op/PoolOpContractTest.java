package dev.jgrad.op;

import dev.jgrad.DType;
import dev.jgrad.ShapeException;
import dev.jgrad.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** maxPool2d and its rules' ops (take, scatterAdd) through the op contract and against loop references. */
class PoolOpContractTest {

    record Case(String name, Function<Tensor[], Tensor> f, boolean secondOrder, Tensor... inputs) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** Distinct values (a shuffled grid with gaps of 0.01), so no window has a tie and differences stay clear. */
    static Tensor distinct(long seed, int... shape) {
        int n = Tensor.zeros(shape).numel();
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = (i - n / 2) * 0.01;
        }
        SplittableRandom rng = new SplittableRandom(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            double t = v[i];
            v[i] = v[j];
            v[j] = t;
        }
        return Tensor.of(v, shape);
    }

    static Tensor any(long seed, int... shape) {
        return Tensor.rand(new SplittableRandom(seed), shape).mul(4).sub(2);
    }

    static Stream<Case> cases() {
        int[] picks = {5, 0, 5, 11, 3, 7};
        int[] spots = {2, 0, 2, 5, 1, 3};
        return Stream.of(
                new Case("maxPool2d 2x2 stride 2", a -> MaxPool2d.apply(a[0], 2, 2, 2), true, distinct(1, 2, 2, 5, 6)),
                new Case("maxPool2d 3x3 stride 1", a -> MaxPool2d.apply(a[0], 3, 3, 1), true, distinct(2, 1, 2, 5, 5)),
                new Case("maxPool2d 2x3 stride 2", a -> MaxPool2d.apply(a[0], 2, 3, 2), false, distinct(3, 2, 1, 5, 7)),
                new Case("maxPool2d of a transposed view", a -> MaxPool2d.apply(a[0].transpose(2, 3), 2, 2, 2), false,
                        distinct(4, 1, 2, 4, 6)),
                new Case("maxPool2d then tanh", a -> MaxPool2d.apply(a[0], 2, 2, 2).tanh(), true,
                        distinct(5, 2, 1, 4, 4)),
                new Case("take with repeats", a -> Take.apply(a[0], picks, new int[]{2, 3}), true, any(6, 3, 4)),
                new Case("scatterAdd with repeats", a -> ScatterAdd.apply(a[0], spots, new int[]{2, 3}).tanh(), true,
                        any(7, 6)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void opSatisfiesGradientContract(Case c) {
        OpContract.check(c.name(), c.f(), c.secondOrder(), c.inputs());
    }

    /** Max of each window and the row-major position of its first maximum, by the definition. */
    static double[] referencePool(double[] x, int[] s, int kh, int kw, int stride, int[] argmax) {
        int oh = (s[2] - kh) / stride + 1;
        int ow = (s[3] - kw) / stride + 1;
        double[] out = new double[s[0] * s[1] * oh * ow];
        for (int p = 0, o = 0; p < s[0] * s[1]; p++) {
            for (int y = 0; y < oh; y++) {
                for (int z = 0; z < ow; z++, o++) {
                    int best = -1;
                    for (int i = 0; i < kh; i++) {
                        for (int j = 0; j < kw; j++) {
                            int at = (p * s[2] + y * stride + i) * s[3] + z * stride + j;
                            boolean nan = Double.isNaN(x[at]);
                            if (best < 0 || (!Double.isNaN(x[best]) && (nan || x[at] > x[best]))) {
                                best = at;
                            }
                        }
                    }
                    out[o] = x[best];
                    argmax[o] = best;
                }
            }
        }
        return out;
    }

    /** (N, C, H, W, kh, kw, stride): 2x2/2 on rows shorter and longer than a vector, odd sizes, overlaps. */
    static Stream<Arguments> geometries() {
        return Stream.of(
                Arguments.of(2, 3, 6, 6, 2, 2, 2),
                Arguments.of(1, 2, 7, 5, 2, 2, 2),
                Arguments.of(2, 2, 5, 37, 2, 2, 2),
                Arguments.of(3, 1, 4, 64, 2, 2, 2),
                Arguments.of(1, 1, 2, 2, 2, 2, 2),
                Arguments.of(2, 2, 7, 7, 3, 3, 2),
                Arguments.of(1, 2, 5, 6, 3, 3, 1),
                Arguments.of(2, 1, 6, 9, 2, 3, 3),
                // Enough windows (615K) that the gradient's scatter runs in parts of whole planes, with
                // overlapping windows, so positions repeat within a plane.
                Arguments.of(4, 40, 64, 64, 3, 3, 1));
    }

    @ParameterizedTest
    @MethodSource("geometries")
    void maxPoolMatchesTheDefinitionAndRoutesGradientsToTheFirstMaximum(int n, int c, int h, int w, int kh, int kw,
                                                                        int s) {
        int[] shape = {n, c, h, w};
        // Values from a small set, so that many windows hold ties; some NaN.
        SplittableRandom rng = new SplittableRandom(n * 100 + w);
        double[] v = new double[n * c * h * w];
        for (int i = 0; i < v.length; i++) {
            v[i] = rng.nextInt(10) == 0 ? Double.NaN : rng.nextInt(-3, 4);
        }
        int oh = (h - kh) / s + 1;
        int ow = (w - kw) / s + 1;
        int[] argmax = new int[n * c * oh * ow];
        double[] expected = referencePool(v, shape, kh, kw, s, argmax);
        double[] dout = any(3, n * c * oh * ow).toDoubleArray();
        double[] dx = new double[v.length];
        for (int o = 0; o < argmax.length; o++) {
            dx[argmax[o]] += dout[o];
        }
        for (DType dtype : DType.values()) {
            Tensor x = Tensor.of(v, shape).to(dtype).requiresGrad(true);
            Tensor y = MaxPool2d.apply(x, kh, kw, s);
            assertArrayEquals(new int[]{n, c, oh, ow}, y.shape());
            assertArrayEquals(expected, y.toDoubleArray(), 0.0, dtype + " values");
            y.backward(Tensor.of(dout, y.shape()).to(dtype));
            assertArrayEquals(dx, x.grad().toDoubleArray(), dtype == DType.FLOAT64 ? 1e-12 : 1e-5,
                    dtype + " gradient");
        }
    }

    @Test
    void tiesGoToTheFirstMaximumInRowMajorOrder() {
        Tensor x = Tensor.of(new double[]{1, 2, 2, 0, 2, 2, 1, 1}, 1, 1, 2, 4).requiresGrad(true);
        MaxPool2d.apply(x, 2, 2, 2).sum().backward();
        assertArrayEquals(new double[]{0, 1, 1, 0, 0, 0, 0, 0}, x.grad().toDoubleArray(), 0.0);
    }

    @Test
    void tangentIsTheInputTangentAtTheArgmax() {
        Tensor x = Tensor.of(new double[]{1, 5, 3, 2, 0, 4, 9, 8}, 1, 1, 2, 4);
        Tensor t = Tensor.of(new double[]{10, 20, 30, 40, 50, 60, 70, 80}, 1, 1, 2, 4);
        Tensor tangent = dev.jgrad.autograd.Autodiff.jvp(z -> MaxPool2d.apply(z, 2, 2, 2), x, t).tangent();
        assertArrayEquals(new double[]{20, 70}, tangent.toDoubleArray(), 0.0);
    }

    @Test
    void takeAndScatterAddAreAdjoint() {
        int[] index = {4, 4, 0, 9, 2};
        Tensor x = any(8, 2, 5);
        Tensor u = any(9, 5);
        double left = Take.apply(x, index, new int[]{5}).mul(u).sum().item();
        double right = x.mul(ScatterAdd.apply(u, index, new int[]{2, 5})).sum().item();
        assertEquals(left, right, 1e-12);
        assertArrayEquals(new double[]{x.at(0, 4), x.at(0, 4), x.at(0, 0), x.at(1, 4), x.at(0, 2)},
                Take.apply(x, index, new int[]{5}).toDoubleArray(), 0.0);
    }

    @Test
    void emptyBatchPoolsToEmpty() {
        Tensor x = Tensor.zeros(0, 2, 4, 4).requiresGrad(true);
        Tensor y = MaxPool2d.apply(x, 2, 2, 2);
        assertArrayEquals(new int[]{0, 2, 2, 2}, y.shape());
        y.sum().backward();
        assertArrayEquals(new int[]{0, 2, 4, 4}, x.grad().shape());
    }

    @Test
    void errorsNameTheOp() {
        assertEquals("maxPool2d: expected (N, C, H, W) input, got [4, 4]",
                assertThrows(ShapeException.class, () -> MaxPool2d.apply(Tensor.ones(4, 4), 2, 2, 2)).getMessage());
        assertTrue(assertThrows(ShapeException.class, () -> MaxPool2d.apply(Tensor.ones(1, 1, 2, 4), 3, 3, 1))
                .getMessage().startsWith("maxPool2d: kernel 3x3 is larger than the padded input 2x4"));
        assertEquals("take: position 6 at 1 is out of range for [2, 3] (6 elements)",
                assertThrows(ShapeException.class, () -> Take.apply(Tensor.ones(2, 3), new int[]{0, 6},
                        new int[]{2})).getMessage());
        assertEquals("take: 2 indices for output shape [3] (3 elements)",
                assertThrows(ShapeException.class, () -> Take.apply(Tensor.ones(2, 3), new int[]{0, 1},
                        new int[]{3})).getMessage());
        assertEquals("scatterAdd: 2 indices for input [3] (3 elements)",
                assertThrows(ShapeException.class, () -> ScatterAdd.apply(Tensor.ones(3), new int[]{0, 1},
                        new int[]{4})).getMessage());
        assertEquals("scatterAdd: position -1 at 0 is out of range for [4] (4 elements)",
                assertThrows(ShapeException.class, () -> ScatterAdd.apply(Tensor.ones(1), new int[]{-1},
                        new int[]{4})).getMessage());
    }
}
