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

/**
 * The fused convolution ops (conv2d, convTranspose2d, conv2dWeightGrad) through the shared op contract,
 * against im2col and matmul, and as each other's adjoints.
 */
class Conv2dOpContractTest {

    /** One case: an op applied to inputs, with or without the second-order check. */
    record Case(String name, Function<Tensor[], Tensor> f, boolean secondOrder, Tensor... inputs) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static final SplittableRandom RNG = new SplittableRandom(2310);

    /** Uniform in [-2, 2]. */
    static Tensor any(int... shape) {
        return Tensor.rand(RNG, shape).mul(4).sub(2);
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("conv2d 3x3 stride 1 pad 1 with bias", a -> Conv2d.apply(a[0], a[1], a[2], 1, 1), true,
                        any(2, 2, 4, 4), any(3, 2, 3, 3), any(3)),
                new Case("conv2d 3x3 stride 2 pad 1", a -> Conv2d.apply(a[0], a[1], null, 2, 1), true,
                        any(3, 2, 5, 5), any(2, 2, 3, 3)),
                new Case("conv2d+relu 3x3 stride 1 pad 1 with bias", a -> Conv2d.apply(a[0], a[1], a[2], 1, 1, true),
                        true, any(2, 2, 4, 4), any(3, 2, 3, 3), any(3)),
                new Case("conv2d+relu 1x1", a -> Conv2d.apply(a[0], a[1], null, 1, 0, true), true,
                        any(2, 3, 2, 3), any(4, 3, 1, 1)),
                new Case("conv2d+relu+maxpool 3x3 pad 1, pool 2", a -> Conv2d.applyReluPool(a[0], a[1], a[2], 1, 1, 2,
                        2), true, any(2, 2, 6, 6), any(3, 2, 3, 3), any(3)),
                new Case("conv2d+relu+maxpool, overlapping 3x3 windows at stride 2",
                        a -> Conv2d.applyReluPool(a[0], a[1], null, 1, 1, 3, 2), true, any(2, 2, 7, 7),
                        any(2, 2, 3, 3)),
                new Case("conv2d 2x3 stride 2 drops the remainder", a -> Conv2d.apply(a[0], a[1], a[2], 2, 0), false,
                        any(1, 2, 6, 7), any(3, 2, 2, 3), any(3)),
                new Case("conv2d 1x1 (no unfolding)", a -> Conv2d.apply(a[0], a[1], a[2], 1, 0), true,
                        any(2, 3, 2, 3), any(4, 3, 1, 1), any(4)),
                new Case("conv2d of a transposed view", a -> Conv2d.apply(a[0].transpose(2, 3), a[1], null, 1, 1),
                        false, any(2, 2, 4, 5), any(2, 2, 3, 3)),
                new Case("conv2d then tanh", a -> Conv2d.apply(a[0], a[1], a[2], 1, 1).tanh(), true,
                        any(2, 1, 4, 4), any(2, 1, 3, 3), any(2)),
                new Case("convTranspose2d 3x3 stride 2 pad 1", a -> ConvTranspose2d.apply(a[0], a[1], 5, 5, 2, 1),
                        true, any(2, 3, 3, 3), any(3, 2, 3, 3)),
                new Case("convTranspose2d 2x2 stride 1 into a 4x5 image",
                        a -> ConvTranspose2d.apply(a[0], a[1], 4, 5, 1, 0).tanh(), true,
                        any(1, 2, 3, 4), any(2, 3, 2, 2)),
                new Case("convTranspose2d 1x1", a -> ConvTranspose2d.apply(a[0], a[1], 2, 3, 1, 0), false,
                        any(2, 4, 2, 3), any(4, 3, 1, 1)),
                new Case("conv2dWeightGrad 3x3 stride 1 pad 1", a -> Conv2dWeightGrad.apply(a[0], a[1], 3, 3, 1, 1),
                        true, any(2, 2, 4, 4), any(2, 3, 4, 4)),
                new Case("conv2dWeightGrad 3x2 stride 2", a -> Conv2dWeightGrad.apply(a[0], a[1], 3, 2, 2, 0).tanh(),
                        true, any(3, 2, 5, 6), any(3, 2, 2, 3)),
                new Case("conv2dWeightGrad 1x1", a -> Conv2dWeightGrad.apply(a[0], a[1], 1, 1, 1, 0), false,
                        any(2, 3, 2, 2), any(2, 2, 2, 2)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void opSatisfiesGradientContract(Case c) {
        OpContract.check(c.name(), c.f(), c.secondOrder(), c.inputs());
    }

    /** (N, C, H, W, O, kh, kw, stride, padding): batches below and above the thread count, odd sizes. */
    static Stream<Arguments> geometries() {
        return Stream.of(
                Arguments.of(1, 2, 5, 5, 3, 3, 3, 1, 0),
                Arguments.of(2, 3, 7, 6, 4, 5, 5, 1, 2),
                Arguments.of(5, 2, 5, 5, 3, 3, 3, 2, 1),
                Arguments.of(3, 1, 8, 9, 2, 3, 2, 3, 1),
                Arguments.of(4, 3, 3, 3, 2, 1, 1, 1, 0),
                Arguments.of(2, 2, 4, 4, 5, 1, 1, 2, 1),
                Arguments.of(7, 2, 2, 2, 3, 4, 4, 2, 1),
                // 16 and 32 output channels over deep channel groups: the forward pass runs transposed, in one
                // group and in two.
                Arguments.of(2, 3, 8, 8, 16, 5, 5, 1, 2),
                Arguments.of(3, 12, 8, 9, 32, 5, 5, 1, 2),
                // Where the vector backend reads patches straight from the image: cnn128's second layer (the
                // forward, the weight gradient, and dx as the full convolution of dout with the flipped kernel),
                // and dx alone into 32 and 64 channels.
                Arguments.of(2, 32, 14, 14, 64, 5, 5, 1, 2),
                Arguments.of(2, 32, 9, 7, 16, 5, 5, 1, 2),
                Arguments.of(2, 64, 6, 10, 32, 3, 3, 1, 1));
    }

    /** conv2d by its definition as im2col and matmul: W (O, C kh kw) @ cols (N, C kh kw, L), plus b. */
    static Tensor referenceConv(Tensor x, Tensor w, Tensor b, int stride, int pad) {
        int[] ws = w.shape();
        int[] xs = x.shape();
        int oh = (xs[2] + 2 * pad - ws[2]) / stride + 1;
        int ow = (xs[3] + 2 * pad - ws[3]) / stride + 1;
        Tensor out = w.reshape(ws[0], -1).matmul(Im2col.apply(x, ws[2], ws[3], stride, pad));
        return out.add(b.reshape(1, ws[0], 1)).reshape(xs[0], ws[0], oh, ow);
    }

    @ParameterizedTest
    @MethodSource("geometries")
    void conv2dMatchesIm2colAndMatmulInBothDtypes(int n, int c, int h, int w, int o, int kh, int kw, int s, int p) {
        Tensor x = any(n, c, h, w);
        Tensor wt = any(o, c, kh, kw);
        Tensor b = any(o);
        double[] expected = referenceConv(x, wt, b, s, p).toDoubleArray();
        Tensor y = Conv2d.apply(x, wt, b, s, p);
        assertArrayEquals(new int[]{n, o, (h + 2 * p - kh) / s + 1, (w + 2 * p - kw) / s + 1}, y.shape());
        assertArrayEquals(expected, y.toDoubleArray(), 1e-12);
        Tensor y32 = Conv2d.apply(x.to(DType.FLOAT32), wt.to(DType.FLOAT32), b.to(DType.FLOAT32), s, p);
        assertEquals(DType.FLOAT32, y32.dtype());
        // float32: a few ulps of the largest output per term (up to 800 terms)
        double largest = java.util.Arrays.stream(expected).map(Math::abs).max().orElse(0);
        assertArrayEquals(expected, y32.toDoubleArray(), 1e-5 * Math.max(10, largest));
    }

    @ParameterizedTest
    @MethodSource("geometries")
    void transposeAndWeightGradAreTheAdjointsOfConv2d(int n, int c, int h, int w, int o, int kh, int kw, int s,
                                                     int p) {
        for (DType dtype : DType.values()) {
            Tensor x = any(n, c, h, w).to(dtype);
            Tensor wt = any(o, c, kh, kw).to(dtype);
            Tensor y = Conv2d.apply(x, wt, null, s, p);
            Tensor g = any(y.shape()).to(dtype);
            double left = y.mul(g).sum().item();
            double viaX = x.mul(ConvTranspose2d.apply(g, wt, h, w, s, p)).sum().item();
            double viaW = wt.mul(Conv2dWeightGrad.apply(x, g, kh, kw, s, p)).sum().item();
            double tol = (dtype == DType.FLOAT64 ? 1e-12 : 1e-4) * Math.max(1, Math.abs(left));
            assertEquals(left, viaX, tol, dtype + ": <conv(x, w), g> != <x, convTranspose(g, w)>");
            assertEquals(left, viaW, tol, dtype + ": <conv(x, w), g> != <w, weightGrad(x, g)>");
        }
    }

    /**
     * A plain backward pass computes dx, dw and db in one pass over the images; they are the transpose and
     * weight-gradient ops' values to the bit (the same products in the same order), and db the summed gradient.
     */
    @ParameterizedTest
    @MethodSource("geometries")
    void conv2dGradientsAreTheTransposeAndWeightGradOps(int n, int c, int h, int w, int o, int kh, int kw, int s,
                                                        int p) {
        for (DType dtype : DType.values()) {
            Tensor x = any(n, c, h, w).to(dtype).requiresGrad(true);
            Tensor wt = any(o, c, kh, kw).to(dtype).requiresGrad(true);
            Tensor b = any(o).to(dtype).requiresGrad(true);
            Tensor y = Conv2d.apply(x, wt, b, s, p);
            Tensor g = any(y.shape()).to(dtype);
            y.backward(g);
            assertArrayEquals(ConvTranspose2d.apply(g, wt.detach(), h, w, s, p).toDoubleArray(),
                    x.grad().toDoubleArray(), 0.0, dtype + " dx");
            assertArrayEquals(Conv2dWeightGrad.apply(x.detach(), g, kh, kw, s, p).toDoubleArray(),
                    wt.grad().toDoubleArray(), 0.0, dtype + " dw");
            assertArrayEquals(g.sum(new int[]{0, 2, 3}, false).toDoubleArray(), b.grad().toDoubleArray(),
                    (dtype == DType.FLOAT64 ? 1e-12 : 1e-4) * n * y.size(2) * y.size(3), dtype + " db");
        }
    }

    /**
     * Conv2d fused with ReLU is the convolution followed by the ReLU op: the same output and, through the plain
     * backward pass that gates dout per image, the same gradients, to the bit in both dtypes.
     */
    @ParameterizedTest
    @MethodSource("geometries")
    void conv2dWithReluIsConv2dThenRelu(int n, int c, int h, int w, int o, int kh, int kw, int s, int p) {
        for (DType dtype : DType.values()) {
            assertFusedIsApart(dtype + " conv2d+relu", dtype, new int[]{n, c, h, w}, new int[]{o, c, kh, kw},
                    a -> Conv2d.apply(a[0], a[1], a[2], s, p, true), a -> Conv2d.apply(a[0], a[1], a[2], s, p).relu());
        }
    }

    /**
     * Conv2d fused with ReLU and max pooling is the three ops in a row: the same output and, through the plain
     * backward pass that rebuilds each image's gradient from the maxima, the same gradients, to the bit in
     * both dtypes; non-overlapping and overlapping windows.
     */
    @ParameterizedTest
    @MethodSource("geometries")
    void conv2dWithReluAndPoolIsTheThreeOps(int n, int c, int h, int w, int o, int kh, int kw, int s, int p) {
        int oh = (h + 2 * p - kh) / s + 1;
        int ow = (w + 2 * p - kw) / s + 1;
        for (int[] pool : new int[][]{{2, 2}, {3, 2}, {2, 1}}) {
            if (Math.min(oh, ow) < pool[0]) {
                continue;
            }
            for (DType dtype : DType.values()) {
                assertFusedIsApart(dtype + " pool " + pool[0] + " stride " + pool[1], dtype, new int[]{n, c, h, w},
                        new int[]{o, c, kh, kw}, a -> Conv2d.applyReluPool(a[0], a[1], a[2], s, p, pool[0], pool[1]),
                        a -> MaxPool2d.apply(Conv2d.apply(a[0], a[1], a[2], s, p).relu(), pool[0], pool[0], pool[1]));
            }
        }
    }

    /**
     * A fused op and the ops it stands for, on the same random (x, w, b): equal outputs, and equal gradients of
     * all three after a plain backward pass with the same upstream gradient, to the bit.
     */
    private static void assertFusedIsApart(String what, DType dtype, int[] xs, int[] ws,
                                           Function<Tensor[], Tensor> fused, Function<Tensor[], Tensor> apart) {
        Tensor[] in = {any(xs).to(dtype), any(ws).to(dtype), any(ws[0]).to(dtype)};
        Tensor[] f = new Tensor[3];
        Tensor[] a = new Tensor[3];
        for (int i = 0; i < 3; i++) {
            f[i] = in[i].detach().requiresGrad(true);
            a[i] = in[i].detach().requiresGrad(true);
        }
        Tensor yf = fused.apply(f);
        Tensor ya = apart.apply(a);
        assertArrayEquals(ya.shape(), yf.shape(), what);
        assertArrayEquals(ya.toDoubleArray(), yf.toDoubleArray(), 0.0, what + " output");
        Tensor g = any(ya.shape()).to(dtype);
        yf.backward(g);
        ya.backward(g);
        for (int i = 0; i < 3; i++) {
            assertArrayEquals(a[i].grad().toDoubleArray(), f[i].grad().toDoubleArray(), 0.0,
                    what + " gradient of input " + i);
        }
    }

    @Test
    void emptyBatchGivesEmptyOutputAndZeroWeightGradient() {
        Tensor x = Tensor.zeros(0, 2, 5, 5).requiresGrad(true);
        Tensor w = any(3, 2, 3, 3).requiresGrad(true);
        Tensor y = Conv2d.apply(x, w, null, 1, 1);
        assertArrayEquals(new int[]{0, 3, 5, 5}, y.shape());
        y.sum().backward();
        assertArrayEquals(new int[]{0, 2, 5, 5}, x.grad().shape());
        assertArrayEquals(new double[3 * 2 * 3 * 3], w.grad().toDoubleArray(), 0.0);
    }

    @Test
    void shapeErrorsNameTheOpAndPrintTheShapes() {
        Tensor x = Tensor.ones(1, 2, 4, 4);
        assertEquals("conv2d: expected a rank-4 (N, C, H, W) input, got [2, 4, 4]",
                assertThrows(ShapeException.class, () -> Conv2d.apply(Tensor.ones(2, 4, 4), Tensor.ones(1, 2, 3, 3),
                        null, 1, 0)).getMessage());
        assertEquals("conv2d: weight [3, 1, 3, 3] expects 1 input channels, got input [1, 2, 4, 4]",
                assertThrows(ShapeException.class, () -> Conv2d.apply(x, Tensor.ones(3, 1, 3, 3), null, 1, 0))
                        .getMessage());
        assertEquals("conv2d: bias should be (3) for weight [3, 2, 3, 3], got [2]",
                assertThrows(ShapeException.class, () -> Conv2d.apply(x, Tensor.ones(3, 2, 3, 3), Tensor.ones(2), 1,
                        0)).getMessage());
        assertEquals("conv2d: kernel 5x5 is larger than the padded input 4x4: input [1, 2, 4, 4] (padding 0)",
                assertThrows(ShapeException.class, () -> Conv2d.apply(x, Tensor.ones(3, 2, 5, 5), null, 1, 0))
                        .getMessage());
        assertTrue(assertThrows(ShapeException.class, () -> Conv2d.apply(x, Tensor.ones(3, 2, 3, 3), null, 0, 0))
                .getMessage().startsWith("conv2d: stride must be positive, got 0"));
        assertEquals("convTranspose2d: expected (N, 3, 2, 2) input for weight [3, 2, 3, 3] and a 4x4 image with"
                        + " stride 1, padding 0, got [1, 3, 3, 3]",
                assertThrows(ShapeException.class, () -> ConvTranspose2d.apply(Tensor.ones(1, 3, 3, 3),
                        Tensor.ones(3, 2, 3, 3), 4, 4, 1, 0)).getMessage());
        assertEquals("conv2dWeightGrad: expected (1, O, 2, 2) gradient for input [1, 2, 4, 4] with kernel 3x3,"
                        + " stride 1, padding 0, got [2, 3, 2, 2]",
                assertThrows(ShapeException.class, () -> Conv2dWeightGrad.apply(x, Tensor.ones(2, 3, 2, 2), 3, 3, 1,
                        0)).getMessage());
    }
}
