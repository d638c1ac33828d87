package dev.jgrad.op;

import dev.jgrad.DType;
import dev.jgrad.Tensor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Softmax cross-entropy's gradient comes from a fused loop when no graph of it is built, and from tensor ops
 * when one is (createGraph): the two must agree to the bit, on awkward class counts, batch sizes, label
 * smoothing, seeds, and rows with infinite or NaN logits.
 */
class SoftmaxCrossEntropyGradientTest {

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (DType dtype : DType.values()) {
            for (int c : new int[]{1, 3, 10, 17, 40}) {
                for (int n : new int[]{0, 1, 5, 7, 128}) {
                    for (double eps : new double[]{0, 0.1}) {
                        out.add(Arguments.of(dtype, n, c, eps));
                    }
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} N={1} C={2} eps={3}")
    @MethodSource("cases")
    void theFusedGradientIsTheTensorOpGradientToTheBit(DType dtype, int n, int c, double eps) {
        SplittableRandom rng = new SplittableRandom(31L * n + c);
        double[] v = new double[n * c];
        int[] labels = new int[n];
        for (int i = 0; i < v.length; i++) {
            v[i] = rng.nextGaussian() * 4;
        }
        for (int i = 0; i < n; i++) {
            labels[i] = rng.nextInt(c);
        }
        if (n >= 5 && c >= 3) {
            v[c] = Double.POSITIVE_INFINITY;  // row 1: an infinite logit
            v[2 * c + 1] = Double.NaN;        // row 2: a NaN
            v[3 * c] = Double.NEGATIVE_INFINITY;
        }
        for (double seed : new double[]{1, 0.37, 3.3}) {
            Tensor fused = Tensor.of(v, n, c).to(dtype).requiresGrad(true);
            SoftmaxCrossEntropy.apply(fused, labels, eps).backward(Tensor.scalar(seed, dtype));
            Tensor ops = Tensor.of(v, n, c).to(dtype).requiresGrad(true);
            SoftmaxCrossEntropy.apply(ops, labels, eps).backward(Tensor.scalar(seed, dtype), false, true);
            assertFalse(fused.grad().requiresGrad());
            assertTrue(ops.grad().requiresGrad() || n == 0);  // the tensor-op rule ran
            assertArrayEquals(TensorBits.of(ops.grad()), TensorBits.of(fused.grad()), "seed " + seed);
        }
    }
}
