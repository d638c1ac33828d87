package dev.jgrad.op;

import dev.jgrad.DType;
import dev.jgrad.Tensor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/**
 * The fused fully-connected op, whose GEMM adds the bias and applies ReLU to each output tile in its
 * epilogue, against the same computation as separate ops (matmul, add, relu): equal to the bit, in both
 * dtypes, on the MLP's shapes and on awkward ones (edge tiles, skinny and tiny products, a k of several
 * blocks, products split across threads), with a transposed x, a strided bias view, and no bias.
 */
class AffineEpilogueTest {

    private static final int[][] SHAPES = {
            {128, 784, 100}, {128, 100, 10}, {128, 784, 256}, {128, 256, 128}, {1, 5, 1}, {3, 4, 5},
            {37, 1030, 33}, {70, 300, 100}, {200, 9, 64}, {13, 129, 513}, {7, 2, 300}, {0, 4, 3}, {4, 0, 3}};

    @ParameterizedTest
    @EnumSource(names = {"FLOAT32", "FLOAT64"})
    void fusedLinearEqualsMatmulThenAddThenReluToTheBit(DType dtype) {
        SplittableRandom rng = new SplittableRandom(5);
        int variant = 0;
        for (int[] s : SHAPES) {
            for (boolean relu : new boolean[]{false, true}) {
                variant++;
                int m = s[0];
                int k = s[1];
                int n = s[2];
                // x as a transposed view (read in place by the GEMM) in every other case
                Tensor x = variant % 2 == 0 ? Tensor.randn(rng, m, k).to(dtype)
                        : Tensor.randn(rng, k, m).to(dtype).transpose();
                Tensor w = Tensor.randn(rng, k, n).to(dtype);
                // the bias as a column of a matrix (strided) or a row of one (at an offset) in two cases of three
                Tensor b = switch (variant % 3) {
                    case 0 -> Tensor.randn(rng, n, 3).to(dtype).slice(1, 1, 2).reshape(n);
                    case 1 -> Tensor.randn(rng, 3, n).to(dtype).slice(0, 2, 3).reshape(n);
                    default -> Tensor.randn(rng, n).to(dtype);
                };
                String what = dtype + " " + m + "x" + k + "x" + n + (relu ? " relu" : "");

                Tensor z = x.matmul(w).add(b);
                same(relu ? z.relu() : z, Affine.apply(x, w, b, relu), what);
                Tensor z0 = x.matmul(w);
                same(relu ? z0.relu() : z0, Affine.apply(x, w, null, relu), what + " without bias");
            }
        }
    }

    /** Equal shapes and values to the bit (JUnit compares doubles without a delta by their bits). */
    private static void same(Tensor want, Tensor got, String what) {
        assertArrayEquals(want.shape(), got.shape(), what);
        assertArrayEquals(want.toDoubleArray(), got.toDoubleArray(), what);
    }
}
