package dev.jgrad.op;

import dev.jgrad.DType;
import dev.jgrad.Tensor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * logSoftmax's gradient along the last axis comes from a fused loop when no graph of it is built, and from
 * tensor ops when one is (createGraph) or along another axis: the fused values must be the tensor ops' to the
 * bit, for a gradient that arrives dense or broadcast (a mean's), with infinite and NaN inputs.
 */
class LogSoftmaxGradientTest {

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        int[][] shapes = {{1}, {40}, {1, 1}, {5, 3}, {7, 17}, {128, 10}, {6, 100}, {3, 4, 33}, {0, 5}};
        for (DType dtype : DType.values()) {
            for (int[] shape : shapes) {
                for (boolean mean : new boolean[]{false, true}) {
                    out.add(Arguments.of(dtype, shape, mean));
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} {1} mean={2}")
    @MethodSource("cases")
    void theFusedGradientIsTheTensorOpGradientToTheBit(DType dtype, int[] shape, boolean mean) {
        int n = Arrays.stream(shape).reduce(1, (a, b) -> a * b);
        int last = shape[shape.length - 1];
        SplittableRandom rng = new SplittableRandom(17L * n + shape.length);
        double[] v = new double[n];
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = rng.nextGaussian() * 4;
            w[i] = rng.nextGaussian();
        }
        if (n >= 4 * last && last >= 3) {
            v[last] = Double.POSITIVE_INFINITY;   // row 1: an infinite input
            v[2 * last + 1] = Double.NaN;         // row 2: a NaN
            v[3 * last] = Double.NEGATIVE_INFINITY;
        }
        int axis = shape.length - 1;
        Function<Tensor, Tensor> loss = x -> mean ? x.logSoftmax(axis).mean()
                : x.logSoftmax(axis).mul(Tensor.of(w, shape).to(dtype)).sum();
        Tensor fused = Tensor.of(v, shape).to(dtype).requiresGrad(true);
        loss.apply(fused).backward();
        Tensor ops = Tensor.of(v, shape).to(dtype).requiresGrad(true);
        loss.apply(ops).backward(Tensor.scalar(1, dtype), false, true);
        assertFalse(fused.grad().requiresGrad());
        assertTrue(ops.grad().requiresGrad() || n == 0);  // the tensor-op rule ran
        assertArrayEquals(TensorBits.of(ops.grad()), TensorBits.of(fused.grad()));
    }
}
