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

/** im2col and col2im through the shared op contract, against loop references, and as each other's adjoint. */
class ConvOpContractTest {

    /** One case: an op applied to inputs, with or without the second-order check. */
    record Case(String name, Function<Tensor[], Tensor> f, boolean secondOrder, Tensor... inputs) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** A window geometry: kernel kh x kw, stride, padding. */
    record Window(int kh, int kw, int stride, int pad) {
        int outH(int h) {
            return (h + 2 * pad - kh) / stride + 1;
        }

        int outW(int w) {
            return (w + 2 * pad - kw) / stride + 1;
        }

        Tensor im2col(Tensor x) {
            return Im2col.apply(x, kh, kw, stride, pad);
        }

        Tensor col2im(Tensor cols, int c, int h, int w) {
            return Col2im.apply(cols, c, h, w, kh, kw, stride, pad);
        }
    }

    private static final SplittableRandom RNG = new SplittableRandom(231);

    /** Uniform in [-2, 2]. */
    static Tensor any(int... shape) {
        return Tensor.rand(RNG, shape).mul(4).sub(2);
    }

    /** Columns for a (c, h, w) image under a window, batch n. */
    static Tensor anyCols(int n, int c, int h, int w, Window g) {
        return any(n, c * g.kh() * g.kw(), g.outH(h) * g.outW(w));
    }

    static Stream<Case> cases() {
        Window k3 = new Window(3, 3, 1, 0);
        Window k3s2p1 = new Window(3, 3, 2, 1);
        Window k2x3p1 = new Window(2, 3, 1, 1);
        Window k3s2 = new Window(3, 3, 2, 0);
        Window k1 = new Window(1, 1, 1, 0);
        return Stream.of(
                new Case("im2col 3x3 stride 1 pad 0", a -> k3.im2col(a[0]), false, any(2, 2, 5, 5)),
                new Case("im2col 3x3 stride 2 pad 1", a -> k3s2p1.im2col(a[0]), false, any(2, 2, 5, 5)),
                new Case("im2col 2x3 stride 1 pad 1", a -> k2x3p1.im2col(a[0]), false, any(1, 2, 4, 5)),
                new Case("im2col 3x3 stride 2 drops the remainder", a -> k3s2.im2col(a[0]), false, any(2, 1, 6, 7)),
                new Case("im2col 1x1", a -> k1.im2col(a[0]), false, any(2, 3, 2, 3)),
                new Case("im2col of a transposed view", a -> k3s2p1.im2col(a[0].transpose(2, 3)), false,
                        any(1, 2, 4, 5)),
                new Case("im2col then tanh", a -> k3s2p1.im2col(a[0]).tanh(), true, any(1, 2, 4, 4)),
                new Case("col2im 3x3 stride 1 pad 0", a -> k3.col2im(a[0], 2, 5, 5), false, anyCols(2, 2, 5, 5, k3)),
                new Case("col2im 3x3 stride 2 pad 1", a -> k3s2p1.col2im(a[0], 2, 5, 5), false,
                        anyCols(2, 2, 5, 5, k3s2p1)),
                new Case("col2im 2x3 stride 1 pad 1", a -> k2x3p1.col2im(a[0], 2, 4, 5), false,
                        anyCols(1, 2, 4, 5, k2x3p1)),
                new Case("col2im then tanh", a -> k3s2p1.col2im(a[0], 1, 4, 4).tanh(), true,
                        anyCols(1, 1, 4, 4, k3s2p1)),
                new Case("conv as im2col and matmul", a -> a[1].matmul(k3s2p1.im2col(a[0])), true,
                        any(2, 2, 5, 5), any(3, 18)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void opSatisfiesGradientContract(Case c) {
        OpContract.check(c.name(), c.f(), c.secondOrder(), c.inputs());
    }

    static Stream<Arguments> geometries() {
        return Stream.of(
                Arguments.of(new int[]{2, 2, 5, 5}, new Window(3, 3, 1, 0)),
                Arguments.of(new int[]{2, 3, 5, 5}, new Window(3, 3, 2, 1)),
                Arguments.of(new int[]{1, 2, 7, 6}, new Window(5, 3, 1, 2)),
                Arguments.of(new int[]{2, 1, 8, 9}, new Window(3, 2, 3, 1)),
                Arguments.of(new int[]{1, 2, 3, 3}, new Window(3, 3, 1, 3)),
                Arguments.of(new int[]{1, 1, 2, 2}, new Window(4, 4, 2, 1)),
                Arguments.of(new int[]{3, 2, 4, 4}, new Window(1, 1, 2, 0)));
    }

    /** The definition, one element at a time: row (c kh + i) kw + j, column oh OW + ow, zero padding. */
    static double[] referenceIm2col(double[] x, int[] s, Window g) {
        int oh = g.outH(s[2]);
        int ow = g.outW(s[3]);
        int rows = s[1] * g.kh() * g.kw();
        double[] out = new double[s[0] * rows * oh * ow];
        for (int n = 0; n < s[0]; n++) {
            for (int c = 0; c < s[1]; c++) {
                for (int i = 0; i < g.kh(); i++) {
                    for (int j = 0; j < g.kw(); j++) {
                        for (int y = 0; y < oh; y++) {
                            for (int z = 0; z < ow; z++) {
                                int iy = y * g.stride() - g.pad() + i;
                                int ix = z * g.stride() - g.pad() + j;
                                boolean inside = iy >= 0 && iy < s[2] && ix >= 0 && ix < s[3];
                                int row = (c * g.kh() + i) * g.kw() + j;
                                out[((n * rows) + row) * oh * ow + y * ow + z] =
                                        inside ? x[((n * s[1] + c) * s[2] + iy) * s[3] + ix] : 0;
                            }
                        }
                    }
                }
            }
        }
        return out;
    }

    @ParameterizedTest
    @MethodSource("geometries")
    void im2colMatchesCaffeLayoutInBothDtypes(int[] shape, Window g) {
        Tensor x = any(shape);
        double[] expected = referenceIm2col(x.toDoubleArray(), shape, g);
        Tensor y = g.im2col(x);
        assertArrayEquals(new int[]{shape[0], shape[1] * g.kh() * g.kw(), g.outH(shape[2]) * g.outW(shape[3])},
                y.shape());
        assertArrayEquals(expected, y.toDoubleArray(), 0.0);
        Tensor y32 = g.im2col(x.to(DType.FLOAT32));
        assertEquals(DType.FLOAT32, y32.dtype());
        assertArrayEquals(expected, y32.toDoubleArray(), 1e-6);
    }

    @ParameterizedTest
    @MethodSource("geometries")
    void col2imSumsEachColumnIntoThePixelItCameFrom(int[] shape, Window g) {
        Tensor cols = anyCols(shape[0], shape[1], shape[2], shape[3], g);
        // Scatter-add by the definition: column element (r, l) came from reference-im2col position (r, l).
        double[] c = cols.toDoubleArray();
        double[] expected = new double[shape[0] * shape[1] * shape[2] * shape[3]];
        for (int p = 0; p < expected.length; p++) {
            double[] onehot = new double[expected.length];
            onehot[p] = 1;
            double[] picked = referenceIm2col(onehot, shape, g);
            for (int q = 0; q < picked.length; q++) {
                expected[p] += picked[q] * c[q];
            }
        }
        Tensor x = g.col2im(cols, shape[1], shape[2], shape[3]);
        assertArrayEquals(shape, x.shape());
        assertArrayEquals(expected, x.toDoubleArray(), 1e-12);
        assertArrayEquals(expected, g.col2im(cols.to(DType.FLOAT32), shape[1], shape[2], shape[3])
                .toDoubleArray(), 1e-5);
    }

    @ParameterizedTest
    @MethodSource("geometries")
    void col2imIsTheAdjointOfIm2col(int[] shape, Window g) {
        for (DType dtype : DType.values()) {
            Tensor x = any(shape).to(dtype);
            Tensor y = anyCols(shape[0], shape[1], shape[2], shape[3], g).to(dtype);
            double left = g.im2col(x).mul(y).sum().item();
            double right = x.mul(g.col2im(y, shape[1], shape[2], shape[3])).sum().item();
            double tol = dtype == DType.FLOAT64 ? 1e-12 : 1e-4;
            assertEquals(left, right, tol * Math.max(1, Math.abs(left)), dtype + ": <im2col(x), y> != <x, col2im(y)>");
        }
    }

    @Test
    void emptyBatchGivesEmptyColumnsAndGradients() {
        Window g = new Window(3, 3, 2, 1);
        Tensor x = Tensor.zeros(0, 2, 5, 5).requiresGrad(true);
        Tensor y = g.im2col(x);
        assertArrayEquals(new int[]{0, 18, 9}, y.shape());
        y.sum().backward();
        assertArrayEquals(new int[]{0, 2, 5, 5}, x.grad().shape());
    }

    @Test
    void wrongRankNamesIm2colAndPrintsTheShape() {
        ShapeException e = assertThrows(ShapeException.class, () -> Im2col.apply(Tensor.ones(2, 3), 1, 1, 1, 0));
        assertEquals("im2col: expected (N, C, H, W) input, got [2, 3]", e.getMessage());
    }

    @Test
    void kernelLargerThanPaddedInputIsAShapeError() {
        ShapeException e = assertThrows(ShapeException.class,
                () -> Im2col.apply(Tensor.ones(1, 1, 4, 4), 5, 5, 1, 0));
        assertEquals("im2col: kernel 5x5 is larger than the padded input 4x4: input [1, 1, 4, 4] (padding 0)",
                e.getMessage());
        Im2col.apply(Tensor.ones(1, 1, 4, 4), 5, 5, 1, 1);  // fits once padded
    }

    @Test
    void nonPositiveStrideOrKernelAndNegativePaddingAreShapeErrors() {
        Tensor x = Tensor.ones(1, 1, 4, 4);
        assertTrue(assertThrows(ShapeException.class, () -> Im2col.apply(x, 2, 2, 0, 0)).getMessage()
                .startsWith("im2col: stride must be positive, got 0"));
        assertTrue(assertThrows(ShapeException.class, () -> Im2col.apply(x, 0, 2, 1, 0)).getMessage()
                .startsWith("im2col: kernel size must be positive"));
        assertTrue(assertThrows(ShapeException.class, () -> Im2col.apply(x, 2, 2, 1, -1)).getMessage()
                .startsWith("im2col: padding must be non-negative"));
        assertTrue(assertThrows(ShapeException.class, () -> Col2im.apply(Tensor.ones(1, 4, 9), 1, 4, 4, 2, 2, -1, 0))
                .getMessage().startsWith("col2im: stride must be positive"));
    }

    @Test
    void col2imRejectsColumnsThatDoNotMatchTheImage() {
        ShapeException e = assertThrows(ShapeException.class,
                () -> Col2im.apply(Tensor.ones(2, 27, 15), 3, 6, 6, 3, 3, 1, 0));
        assertEquals("col2im: expected (N, 27, 16) columns for an image 3x6x6 with kernel 3x3, stride 1,"
                + " padding 0, got [2, 27, 15]", e.getMessage());
        assertTrue(assertThrows(ShapeException.class, () -> Col2im.apply(Tensor.ones(27, 16), 3, 6, 6, 3, 3, 1, 0))
                .getMessage().startsWith("col2im: expected (N, C*kh*kw, OH*OW) columns, got [27, 16]"));
    }
}
