package dev.jgrad.op;

import dev.jgrad.Tensor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.function.Function;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Every op accepts a zero-size dimension: the output has the right shape and backward gives zero-size grads. */
class ZeroSizeTest {

    static Stream<Arguments> ops() {
        return Stream.of(
                Arguments.of("add", (Function<Tensor, Tensor>) x -> x.add(Tensor.ones(3)), new int[]{0, 3}),
                Arguments.of("sub", (Function<Tensor, Tensor>) x -> x.sub(x), new int[]{0, 3}),
                Arguments.of("mul", (Function<Tensor, Tensor>) x -> x.mul(2), new int[]{0, 3}),
                Arguments.of("div", (Function<Tensor, Tensor>) x -> x.div(Tensor.ones(3)), new int[]{0, 3}),
                Arguments.of("neg", (Function<Tensor, Tensor>) Tensor::neg, new int[]{0, 3}),
                Arguments.of("pow", (Function<Tensor, Tensor>) x -> x.pow(2), new int[]{0, 3}),
                Arguments.of("pow tensor", (Function<Tensor, Tensor>) x -> x.pow(x), new int[]{0, 3}),
                Arguments.of("exp", (Function<Tensor, Tensor>) Tensor::exp, new int[]{0, 3}),
                Arguments.of("log", (Function<Tensor, Tensor>) Tensor::log, new int[]{0, 3}),
                Arguments.of("sqrt", (Function<Tensor, Tensor>) Tensor::sqrt, new int[]{0, 3}),
                Arguments.of("abs", (Function<Tensor, Tensor>) Tensor::abs, new int[]{0, 3}),
                Arguments.of("sigmoid", (Function<Tensor, Tensor>) Tensor::sigmoid, new int[]{0, 3}),
                Arguments.of("tanh", (Function<Tensor, Tensor>) Tensor::tanh, new int[]{0, 3}),
                Arguments.of("relu", (Function<Tensor, Tensor>) Tensor::relu, new int[]{0, 3}),
                Arguments.of("leakyRelu", (Function<Tensor, Tensor>) x -> x.leakyRelu(0.1), new int[]{0, 3}),
                Arguments.of("elu", (Function<Tensor, Tensor>) x -> x.elu(1), new int[]{0, 3}),
                Arguments.of("maximum", (Function<Tensor, Tensor>) x -> x.maximum(Tensor.zeros(3)), new int[]{0, 3}),
                Arguments.of("minimum", (Function<Tensor, Tensor>) x -> x.minimum(Tensor.zeros(3)), new int[]{0, 3}),
                Arguments.of("clamp", (Function<Tensor, Tensor>) x -> x.clamp(0, 1), new int[]{0, 3}),
                Arguments.of("sum axis 1", (Function<Tensor, Tensor>) x -> x.sum(1, false), new int[]{0}),
                Arguments.of("sum axis 0", (Function<Tensor, Tensor>) x -> x.sum(0, false), new int[]{3}),
                Arguments.of("mean axis 1", (Function<Tensor, Tensor>) x -> x.mean(1, true), new int[]{0, 1}),
                Arguments.of("max axis 1", (Function<Tensor, Tensor>) x -> x.max(1, false), new int[]{0}),
                Arguments.of("min axis 1", (Function<Tensor, Tensor>) x -> x.min(1, false), new int[]{0}),
                Arguments.of("matmul", (Function<Tensor, Tensor>) x -> x.matmul(Tensor.ones(3, 2)), new int[]{0, 2}),
                Arguments.of("matmul inner 0", (Function<Tensor, Tensor>) x -> x.transpose().matmul(x), new int[]{3, 3}),
                Arguments.of("transpose", (Function<Tensor, Tensor>) Tensor::transpose, new int[]{3, 0}),
                Arguments.of("reshape", (Function<Tensor, Tensor>) x -> x.reshape(3, 0, 1), new int[]{3, 0, 1}),
                Arguments.of("expand", (Function<Tensor, Tensor>) x -> x.unsqueeze(0).expand(2, 0, 3), new int[]{2, 0, 3}),
                Arguments.of("slice", (Function<Tensor, Tensor>) x -> x.slice(1, 1, 1), new int[]{0, 0}),
                Arguments.of("concat", (Function<Tensor, Tensor>) x -> Tensor.concat(0, x, x), new int[]{0, 3}),
                Arguments.of("stack", (Function<Tensor, Tensor>) x -> Tensor.stack(0, x, x), new int[]{2, 0, 3}),
                Arguments.of("where", (Function<Tensor, Tensor>) x -> Tensor.where(x.gt(0), x, x.neg()), new int[]{0, 3}),
                Arguments.of("softmax", (Function<Tensor, Tensor>) x -> x.softmax(1), new int[]{0, 3}),
                Arguments.of("logSoftmax", (Function<Tensor, Tensor>) x -> x.logSoftmax(1), new int[]{0, 3}),
                Arguments.of("logSumExp", (Function<Tensor, Tensor>) x -> x.logSumExp(1, false), new int[]{0}),
                Arguments.of("gather", (Function<Tensor, Tensor>) x -> x.gather(1, new int[0]), new int[]{0}),
                Arguments.of("indexSelect", (Function<Tensor, Tensor>) x -> x.indexSelect(1, 2, 0), new int[]{0, 2}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ops")
    void zeroSizeInputGivesZeroSizeOutputAndGradient(String name, Function<Tensor, Tensor> f, int[] outShape) {
        Tensor x = Tensor.zeros(0, 3).requiresGrad(true);
        Tensor y = f.apply(x);
        assertArrayEquals(outShape, y.shape(), name);
        if (y.requiresGrad()) {
            y.sum().backward();
            assertArrayEquals(new int[]{0, 3}, x.grad().shape(), name);
        }
        assertEquals(0, f.apply(Tensor.zeros(0, 3)).sum().item(), name);
    }
}
