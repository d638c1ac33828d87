package dev.jgrad.nn;

import dev.jgrad.DType;
import dev.jgrad.ShapeException;
import dev.jgrad.Tensor;
import dev.jgrad.autograd.GradCheck;
import dev.jgrad.optim.SGD;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Conv2d, MaxPool2d and AvgPool2d against naive loop references, gradient checks, and a tiny CNN. */
class ConvLayerTest {

    /** Uniform in [-1, 1]. */
    static Tensor input(long seed, int... shape) {
        return Tensor.rand(new SplittableRandom(seed), shape).mul(2).sub(1);
    }

    /** Distinct values (a shuffled grid with gaps of 0.01), so no pooling window has a tie. */
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

    // ------------------------------------------------------------------ naive references

    /** out[n, o, y, z] = b[o] + sum over c, i, j of w[o, c, i, j] x[n, c, y s - p + i, z s - p + j]. */
    static double[] referenceConv(double[] x, int[] s, double[] w, double[] b, int o, int k, int stride, int pad) {
        int oh = (s[2] + 2 * pad - k) / stride + 1;
        int ow = (s[3] + 2 * pad - k) / stride + 1;
        double[] out = new double[s[0] * o * oh * ow];
        for (int n = 0; n < s[0]; n++) {
            for (int f = 0; f < o; f++) {
                for (int y = 0; y < oh; y++) {
                    for (int z = 0; z < ow; z++) {
                        double acc = b == null ? 0 : b[f];
                        for (int c = 0; c < s[1]; c++) {
                            for (int i = 0; i < k; i++) {
                                for (int j = 0; j < k; j++) {
                                    int iy = y * stride - pad + i;
                                    int ix = z * stride - pad + j;
                                    if (iy >= 0 && iy < s[2] && ix >= 0 && ix < s[3]) {
                                        acc += w[((f * s[1] + c) * k + i) * k + j]
                                                * x[((n * s[1] + c) * s[2] + iy) * s[3] + ix];
                                    }
                                }
                            }
                        }
                        out[((n * o + f) * oh + y) * ow + z] = acc;
                    }
                }
            }
        }
        return out;
    }

    /** Max (or mean, padding counted as zeros) of each k x k window, channel by channel. */
    static double[] referencePool(double[] x, int[] s, int k, int stride, int pad, boolean max) {
        int oh = (s[2] + 2 * pad - k) / stride + 1;
        int ow = (s[3] + 2 * pad - k) / stride + 1;
        double[] out = new double[s[0] * s[1] * oh * ow];
        for (int nc = 0; nc < s[0] * s[1]; nc++) {
            for (int y = 0; y < oh; y++) {
                for (int z = 0; z < ow; z++) {
                    double acc = max ? Double.NEGATIVE_INFINITY : 0;
                    for (int i = 0; i < k; i++) {
                        for (int j = 0; j < k; j++) {
                            int iy = y * stride - pad + i;
                            int ix = z * stride - pad + j;
                            boolean inside = iy >= 0 && iy < s[2] && ix >= 0 && ix < s[3];
                            double v = inside ? x[(nc * s[2] + iy) * s[3] + ix] : 0;
                            acc = max ? Math.max(acc, v) : acc + v;
                        }
                    }
                    out[(nc * oh + y) * ow + z] = max ? acc : acc / (k * k);
                }
            }
        }
        return out;
    }

    // ------------------------------------------------------------------ forward against references

    /** (H, W, kernel, stride, padding) with N = 2, C = 3, O = 4. */
    static Stream<Arguments> convShapes() {
        return Stream.of(
                Arguments.of(7, 7, 3, 1, 1),
                Arguments.of(7, 5, 3, 2, 0),
                Arguments.of(6, 6, 5, 1, 2),
                Arguments.of(5, 7, 1, 1, 0),
                Arguments.of(9, 8, 5, 2, 2),
                Arguments.of(5, 5, 3, 2, 1),
                Arguments.of(4, 6, 1, 2, 1),
                Arguments.of(3, 3, 3, 1, 0));
    }

    @ParameterizedTest(name = "H={0} W={1} k={2} s={3} p={4}")
    @MethodSource("convShapes")
    void conv2dForwardMatchesNaiveLoops(int h, int w, int k, int stride, int pad) {
        Conv2d conv = new Conv2d(3, 4, k, stride, pad, true, DType.FLOAT64, Init::lecunUniform,
                new SplittableRandom(h * 100 + k));
        int[] shape = {2, 3, h, w};
        Tensor x = input(h + w, shape);
        Map<String, Tensor> p = conv.namedParameters();
        double[] expected = referenceConv(x.toDoubleArray(), shape, p.get("weight").toDoubleArray(),
                p.get("bias").toDoubleArray(), 4, k, stride, pad);
        Tensor y = conv.forward(x);
        assertArrayEquals(new int[]{2, 4, (h + 2 * pad - k) / stride + 1, (w + 2 * pad - k) / stride + 1}, y.shape());
        assertArrayEquals(expected, y.toDoubleArray(), 1e-12);
    }

    @Test
    void conv2dWithoutBiasMatchesNaiveLoops() {
        Conv2d conv = new Conv2d(3, 4, 3, 1, 1, false, DType.FLOAT64, Init::kaimingNormal, new SplittableRandom(3));
        assertFalse(conv.hasBias());
        int[] shape = {2, 3, 5, 6};
        Tensor x = input(4, shape);
        double[] expected = referenceConv(x.toDoubleArray(), shape, conv.parameters().getFirst().toDoubleArray(),
                null, 4, 3, 1, 1);
        assertArrayEquals(expected, conv.forward(x).toDoubleArray(), 1e-12);
    }

    /** (H, W, kernel, stride, padding) for pooling, N = 2, C = 3. */
    static Stream<Arguments> poolShapes() {
        return Stream.of(
                Arguments.of(6, 6, 2, 2, 0),
                Arguments.of(7, 5, 2, 2, 0),
                Arguments.of(7, 7, 3, 2, 0),
                Arguments.of(5, 6, 3, 1, 0),
                Arguments.of(4, 4, 4, 1, 0),
                Arguments.of(5, 5, 3, 2, 1),
                Arguments.of(6, 5, 3, 1, 1));
    }

    /** The pooling shapes without padding (max pooling has none). */
    static Stream<Arguments> maxPoolShapes() {
        return poolShapes().filter(a -> (int) a.get()[4] == 0);
    }

    @ParameterizedTest(name = "H={0} W={1} k={2} s={3}")
    @MethodSource("maxPoolShapes")
    void maxPoolMatchesNaiveLoops(int h, int w, int k, int stride, int pad) {
        int[] shape = {2, 3, h, w};
        Tensor x = input(h * w, shape);
        double[] expected = referencePool(x.toDoubleArray(), shape, k, stride, 0, true);
        Tensor y = new MaxPool2d(k, stride).forward(x);
        assertArrayEquals(new int[]{2, 3, (h - k) / stride + 1, (w - k) / stride + 1}, y.shape());
        assertArrayEquals(expected, y.toDoubleArray(), 0.0);
    }

    @ParameterizedTest(name = "H={0} W={1} k={2} s={3} p={4}")
    @MethodSource("poolShapes")
    void avgPoolMatchesNaiveLoopsCountingPaddingAsZeros(int h, int w, int k, int stride, int pad) {
        int[] shape = {2, 3, h, w};
        Tensor x = input(h * w + 1, shape);
        double[] expected = referencePool(x.toDoubleArray(), shape, k, stride, pad, false);
        Tensor y = new AvgPool2d(k, stride, pad).forward(x);
        assertArrayEquals(new int[]{2, 3, (h + 2 * pad - k) / stride + 1, (w + 2 * pad - k) / stride + 1},
                y.shape());
        assertArrayEquals(expected, y.toDoubleArray(), 1e-12);
    }

    @Test
    void avgPoolCornerWindowAveragesTheZeroPaddingIn() {
        Tensor y = new AvgPool2d(3, 1, 1).forward(Tensor.ones(1, 1, 4, 4));
        assertEquals(4.0 / 9, y.at(0, 0, 0, 0), 1e-15);
        assertEquals(6.0 / 9, y.at(0, 0, 0, 1), 1e-15);
        assertEquals(1.0, y.at(0, 0, 1, 1), 1e-15);
    }

    @Test
    void maxPoolRoutesTheGradientToTheFirstMaximumOnTies() {
        Tensor x = Tensor.ones(1, 1, 2, 4).requiresGrad(true);
        new MaxPool2d(2, 2).forward(x).sum().backward();
        assertArrayEquals(new double[]{1, 0, 1, 0, 0, 0, 0, 0}, x.grad().toDoubleArray(), 0.0);
    }

    // ------------------------------------------------------------------ gradient checks (float64)

    static Stream<Arguments> gradModules() {
        SplittableRandom rng = new SplittableRandom(17);
        return Stream.of(
                Arguments.of(new Conv2d(2, 3, 3, 1, 1, rng), input(1, 2, 2, 5, 5)),
                Arguments.of(new Conv2d(2, 3, 3, 2, 0, rng), input(2, 2, 2, 5, 5)),
                Arguments.of(new Conv2d(2, 2, 2, 2, 1, false, DType.FLOAT64, Init::kaimingUniform, rng),
                        input(3, 2, 2, 5, 4)),
                Arguments.of(new MaxPool2d(2, 2), distinct(4, 2, 2, 5, 5)),
                Arguments.of(new MaxPool2d(3, 1), distinct(5, 2, 2, 5, 5)),
                Arguments.of(new AvgPool2d(2, 2), input(6, 2, 2, 5, 5)),
                Arguments.of(new AvgPool2d(3, 2, 1), input(7, 2, 2, 5, 5)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("gradModules")
    void layerGradientsMatchNumericalGradientsForInputAndParameters(Module m, Tensor x) {
        m.to(DType.FLOAT64);
        Map<String, GradCheck.Report> reports = ModuleCheck.check(m, x);
        assertEquals(1 + m.namedParameters().size(), reports.size());
        for (Map.Entry<String, GradCheck.Report> e : reports.entrySet()) {
            GradCheck.Report r = e.getValue();
            assertTrue(r.passed() && r.kinks() == 0, m + " " + e.getKey() + ": " + r);
        }
    }

    // ------------------------------------------------------------------ float32

    static Stream<Arguments> float32Modules() {
        SplittableRandom rng = new SplittableRandom(23);
        return Stream.of(
                Arguments.of(new Conv2d(3, 4, 3, 1, 1, rng), input(8, 2, 3, 7, 6)),
                Arguments.of(new Conv2d(3, 4, 5, 2, 2, rng), input(9, 2, 3, 9, 9)),
                Arguments.of(new MaxPool2d(2, 2), input(10, 2, 3, 6, 7)),
                Arguments.of(new AvgPool2d(3, 2, 1), input(11, 2, 3, 7, 7)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("float32Modules")
    void float32ForwardAgreesWithFloat64(Module m, Tensor x) {
        m.to(DType.FLOAT32);
        Tensor y32 = m.forward(x.to(DType.FLOAT32));
        assertEquals(DType.FLOAT32, y32.dtype());
        m.to(DType.FLOAT64);  // the same values, widened exactly
        Tensor y64 = m.forward(x);
        assertArrayEquals(y64.shape(), y32.shape());
        double[] a = y64.toDoubleArray();
        double[] b = y32.toDoubleArray();
        for (int i = 0; i < a.length; i++) {
            assertEquals(a[i], b[i], 1e-5 * Math.max(1, Math.abs(a[i])), m + " value " + i);
        }
    }

    // ------------------------------------------------------------------ a tiny CNN end to end

    static Sequential tinyCnn(DType dtype, SplittableRandom rng) {
        return new Sequential(
                new Conv2d(1, 4, 3, 1, 1, true, dtype, Init::kaimingUniform, rng),
                new ReLU(),
                new MaxPool2d(2, 2),
                new Flatten(),
                new Linear(4 * 3 * 3, 3, true, dtype, Init::lecunUniform, rng));
    }

    @Test
    void tinyCnnRunsForwardAndBackwardAndLearnsAFixedBatch() {
        Sequential net = tinyCnn(DType.FLOAT32, new SplittableRandom(42));
        Tensor x = input(12, 4, 1, 6, 6).to(DType.FLOAT32);
        int[] labels = {0, 1, 2, 1};
        SGD sgd = new SGD(net.parameters(), 0.1);
        double first = Double.NaN;
        double last = Double.NaN;
        for (int step = 0; step < 20; step++) {
            Tensor scores = net.forward(x);
            assertArrayEquals(new int[]{4, 3}, scores.shape());
            Tensor loss = Loss.softmaxCrossEntropy(scores, labels);
            sgd.zeroGrad();
            loss.backward();
            for (Map.Entry<String, Tensor> p : net.namedParameters().entrySet()) {
                Tensor g = p.getValue().grad();
                assertNotNull(g, p.getKey() + " has a gradient");
                assertArrayEquals(p.getValue().shape(), g.shape(), p.getKey());
                for (double v : g.toDoubleArray()) {
                    assertTrue(Double.isFinite(v), p.getKey() + " gradient is finite");
                }
            }
            sgd.step();
            first = step == 0 ? loss.item() : first;
            last = loss.item();
        }
        assertTrue(last < 0.5 * first, "loss " + first + " -> " + last);
    }

    @Test
    void tinyCnnGradientsMatchNumericalGradients() {
        Sequential net = tinyCnn(DType.FLOAT64, new SplittableRandom(7));
        for (Map.Entry<String, GradCheck.Report> e : ModuleCheck.check(net, input(13, 2, 1, 6, 6)).entrySet()) {
            GradCheck.Report r = e.getValue();
            assertTrue(r.passed(), net + " " + e.getKey() + ": " + r);
        }
    }

    // ------------------------------------------------------------------ attributes and errors

    @Test
    void toStringShowsTheAttributes() {
        SplittableRandom rng = new SplittableRandom(1);
        assertEquals("Conv2d(3 -> 32, 5x5, stride=1, pad=2)", new Conv2d(3, 32, 5, 1, 2, rng).toString());
        assertEquals("MaxPool2d(2, stride=2)", new MaxPool2d(2, 2).toString());
        assertEquals("MaxPool2d(3, stride=3)", new MaxPool2d(3).toString());
        assertEquals("AvgPool2d(2, stride=2)", new AvgPool2d(2).toString());
        assertEquals("AvgPool2d(3, stride=1, pad=1)", new AvgPool2d(3, 1, 1).toString());
    }

    @Test
    void conv2dExposesItsAttributesAndParameterShapes() {
        Conv2d conv = new Conv2d(3, 32, 5, 2, 1, new SplittableRandom(1));
        assertEquals(3, conv.inChannels());
        assertEquals(32, conv.outChannels());
        assertEquals(5, conv.kernel());
        assertEquals(2, conv.stride());
        assertEquals(1, conv.padding());
        assertTrue(conv.hasBias());
        assertArrayEquals(new int[]{32, 3, 5, 5}, conv.namedParameters().get("weight").shape());
        assertArrayEquals(new int[]{32}, conv.namedParameters().get("bias").shape());
        assertEquals(DType.FLOAT32, conv.namedParameters().get("weight").dtype());
        assertEquals(32 * 3 * 5 * 5 + 32, conv.parameterCount());
    }

    @Test
    void defaultInitIsUniformWithinOneOverSqrtFanIn() {
        Conv2d conv = new Conv2d(4, 8, 3, 1, 0, new SplittableRandom(2));
        double bound = 1 / Math.sqrt(4 * 3 * 3);
        for (Tensor p : conv.parameters()) {
            double largest = 0;
            for (double v : p.toDoubleArray()) {
                assertTrue(Math.abs(v) <= bound, v + " within " + bound);
                largest = Math.max(largest, Math.abs(v));
            }
            assertTrue(largest > 0.8 * bound, "uses the whole range: " + largest);
        }
    }

    @Test
    void wrongInputShapesNameTheLayerOrTheOp() {
        Conv2d conv = new Conv2d(3, 4, 3, 1, 0, new SplittableRandom(1));
        assertEquals("Conv2d(3 -> 4, 3x3, stride=1, pad=0): expected (N, 3, H, W) input, got [3, 5, 5]",
                assertThrows(ShapeException.class, () -> conv.forward(Tensor.ones(3, 5, 5))).getMessage());
        assertEquals("Conv2d(3 -> 4, 3x3, stride=1, pad=0): expected (N, 3, H, W) input, got [1, 2, 5, 5]",
                assertThrows(ShapeException.class, () -> conv.forward(Tensor.ones(1, 2, 5, 5))).getMessage());
        assertTrue(assertThrows(ShapeException.class, () -> conv.forward(Tensor.ones(1, 3, 2, 5))).getMessage()
                .startsWith("conv2d: kernel 3x3 is larger than the padded input 2x5"));
        assertEquals("MaxPool2d(2, stride=2): expected (N, C, H, W) input, got [4, 4]",
                assertThrows(ShapeException.class, () -> new MaxPool2d(2).forward(Tensor.ones(4, 4))).getMessage());
        assertEquals("MaxPool2d(3, stride=1): window 3x3 is larger than the input 2x4: [1, 2, 2, 4]",
                assertThrows(ShapeException.class, () -> new MaxPool2d(3, 1).forward(Tensor.ones(1, 2, 2, 4)))
                        .getMessage());
        assertTrue(assertThrows(ShapeException.class, () -> new AvgPool2d(2).forward(Tensor.ones(2, 3, 4)))
                .getMessage().startsWith("AvgPool2d(2, stride=2): expected (N, C, H, W) input"));
        Sequential net = new Sequential(new Flatten(), conv);
        String m = assertThrows(ShapeException.class, () -> net.forward(Tensor.ones(1, 3, 4, 4))).getMessage();
        assertTrue(m.startsWith("Sequential[1] Conv2d(3 -> 4, 3x3, stride=1, pad=0): ")
                && m.endsWith("expected (N, 3, H, W) input, got [1, 48]"), m);
    }

    @Test
    void invalidLayerSettingsAreRejected() {
        SplittableRandom rng = new SplittableRandom(1);
        assertThrows(IllegalArgumentException.class, () -> new Conv2d(0, 4, 3, 1, 0, rng));
        assertThrows(IllegalArgumentException.class, () -> new Conv2d(3, 4, 3, 0, 0, rng));
        assertThrows(IllegalArgumentException.class, () -> new Conv2d(3, 4, 3, 1, -1, rng));
        assertThrows(IllegalArgumentException.class, () -> new MaxPool2d(0, 1));
        assertThrows(IllegalArgumentException.class, () -> new AvgPool2d(2, 2, -1));
    }
}
