package dev.jgrad.op;

import dev.jgrad.Tensor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;
import java.util.function.Function;
import java.util.stream.Stream;

/** Every op through the shared contract, with broadcasting shapes where the op broadcasts. */
class OpContractTest {

    /** One case: an op applied to inputs of given shapes drawn from a given range. */
    record Case(String name, Function<Tensor[], Tensor> f, boolean secondOrder, Tensor... inputs) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static final SplittableRandom RNG = new SplittableRandom(2024);

    /** Uniform in [-2, 2]. */
    static Tensor any(int... shape) {
        return draw(u -> 4 * u - 2, shape);
    }

    /** Uniform in [0.5, 2]. */
    static Tensor positive(int... shape) {
        return draw(u -> 0.5 + 1.5 * u, shape);
    }

    /** |x| in [0.2, 2] with a random sign: at least 0.2 from the kink at 0. */
    static Tensor awayFromZero(int... shape) {
        return draw(u -> (u < 0.5 ? -1 : 1) * (0.2 + 3.6 * Math.abs(u - 0.5)), shape);
    }

    /** Distinct values (a shuffled grid), so max/min have no ties. */
    static Tensor distinct(int... shape) {
        Tensor t = any(shape);
        double[] v = t.toDoubleArray();
        for (int i = 0; i < v.length; i++) {
            v[i] = v[i] + 0.37 * i;
        }
        return Tensor.of(v, shape);
    }

    private static Tensor draw(DoubleUnaryOperator g, int... shape) {
        Tensor u = Tensor.rand(RNG, shape);
        double[] v = u.toDoubleArray();
        for (int i = 0; i < v.length; i++) {
            v[i] = g.applyAsDouble(v[i]);
        }
        return Tensor.of(v, shape);
    }

    static Stream<Case> cases() {
        Tensor mask = Tensor.of(new double[]{1, 0, 1, 0, 0, 1}, 2, 3);
        return Stream.of(
                new Case("add broadcast [2,3]+[3]", a -> a[0].add(a[1]), true, any(2, 3), any(3)),
                new Case("add broadcast [2,1,3]+[4,1]", a -> a[0].add(a[1]), false, any(2, 1, 3), any(4, 1)),
                new Case("sub broadcast [2,3]-[2,1]", a -> a[0].sub(a[1]), false, any(2, 3), any(2, 1)),
                new Case("mul broadcast [2,3]*[3]", a -> a[0].mul(a[1]), true, any(2, 3), any(3)),
                new Case("mul scalar-tensor", a -> a[0].mul(a[1]), false, any(), any(2, 2)),
                new Case("div broadcast", a -> a[0].div(a[1]), true, any(2, 3), positive(3)),
                new Case("neg", a -> a[0].neg(), false, any(4)),
                new Case("pow tensor exponent", a -> a[0].pow(a[1]), true, positive(2, 3), any(3)),
                new Case("pow constant 3", a -> a[0].pow(3), true, any(2, 3)),
                new Case("pow constant -1.5", a -> a[0].pow(-1.5), true, positive(5)),
                new Case("exp", a -> a[0].exp(), true, any(2, 3)),
                new Case("log", a -> a[0].log(), true, positive(2, 3)),
                new Case("sqrt", a -> a[0].sqrt(), true, positive(2, 3)),
                new Case("abs", a -> a[0].abs(), false, awayFromZero(2, 3)),
                new Case("sigmoid", a -> a[0].sigmoid(), true, any(2, 3)),
                new Case("tanh", a -> a[0].tanh(), true, any(2, 3)),
                new Case("relu", a -> a[0].relu(), false, awayFromZero(3, 4)),
                new Case("leakyRelu", a -> a[0].leakyRelu(0.1), false, awayFromZero(3, 4)),
                new Case("elu", a -> a[0].elu(1.0), true, awayFromZero(3, 4)),
                new Case("maximum broadcast", a -> a[0].maximum(a[1]), false, distinct(2, 3), distinct(3).mul(-0.5)),
                new Case("minimum", a -> a[0].minimum(a[1]), false, distinct(2, 3), distinct(2, 3).mul(-0.7)),
                new Case("clamp", a -> a[0].clamp(-0.5, 0.5), false, Tensor.vector(-1.3, -0.2, 0.1, 0.45, 0.9)),
                new Case("sum all", a -> a[0].sum(), true, any(2, 3, 4)),
                new Case("sum axes [0,2] keepDim", a -> a[0].sum(new int[]{0, 2}, true), false, any(2, 3, 4)),
                new Case("sum axis -1", a -> a[0].sum(new int[]{-1}, false), false, any(2, 3, 4)),
                new Case("sum leading axes [0,1]", a -> a[0].sum(new int[]{0, 1}, false), true, any(2, 3, 4)),
                new Case("sum axis 0 keepDim", a -> a[0].sum(0, true).mul(a[1]), false, any(5, 3), any(2, 3)),
                new Case("mean axis 1", a -> a[0].mean(1, false), true, any(3, 4)),
                new Case("var axes [0]", a -> a[0].var(new int[]{0}, true), true, any(5, 3)),
                new Case("var unbiased", a -> a[0].var(null, false, 1), true, any(6)),
                new Case("max axis 1", a -> a[0].max(1, false), false, distinct(3, 4)),
                new Case("max axes [0,2] keepDim", a -> a[0].max(new int[]{0, 2}, true), false, distinct(2, 3, 4)),
                new Case("min axis 0", a -> a[0].min(0, true), false, distinct(3, 4)),
                new Case("matmul 2-d", a -> a[0].matmul(a[1]), true, any(3, 4), any(4, 5)),
                new Case("matmul 1-d @ 2-d", a -> a[0].matmul(a[1]), false, any(4), any(4, 3)),
                new Case("matmul 2-d @ 1-d", a -> a[0].matmul(a[1]), false, any(3, 4), any(4)),
                new Case("matmul 1-d @ 1-d", a -> a[0].matmul(a[1]), false, any(4), any(4)),
                new Case("matmul batched", a -> a[0].matmul(a[1]), true, any(2, 3, 4), any(2, 4, 5)),
                new Case("matmul broadcast batch", a -> a[0].matmul(a[1]), false, any(2, 1, 3, 4), any(3, 4, 2)),
                new Case("matmul transposed views", a -> a[0].transpose().matmul(a[1].transpose()), false,
                        any(4, 3), any(5, 4)),
                new Case("transpose", a -> a[0].transpose().mul(a[1]), false, any(2, 3), any(3, 2)),
                new Case("permute", a -> a[0].permute(2, 0, 1).mul(a[1]), false, any(2, 3, 4), any(4, 2, 3)),
                new Case("reshape of a view", a -> a[0].transpose().reshape(6).mul(a[1]), false, any(2, 3), any(6)),
                new Case("expand", a -> a[0].expand(4, 3).mul(a[1]), false, any(1, 3), any(4, 3)),
                new Case("slice", a -> a[0].slice(1, 1, 3).mul(a[1]), false, any(2, 4), any(2, 2)),
                new Case("concat", a -> Tensor.concat(1, a[0], a[1]).mul(a[2]), false, any(2, 1), any(2, 3), any(2, 4)),
                new Case("stack", a -> Tensor.stack(0, a[0], a[1]).mul(a[2]), false, any(3), any(3), any(2, 3)),
                new Case("where", a -> Tensor.where(mask, a[0], a[1]), false, any(2, 3), any(3)),
                new Case("softmax axis 1", a -> a[0].softmax(1), true, any(3, 4)),
                new Case("softmax axis 0", a -> a[0].softmax(0), false, any(3, 4)),
                new Case("logSoftmax axis 1", a -> a[0].logSoftmax(1), true, any(3, 4)),
                new Case("logSoftmax axis 0 of 3-d", a -> a[0].logSoftmax(0), false, any(3, 2, 2)),
                new Case("logSumExp keepDim", a -> a[0].logSumExp(1, true), true, any(3, 4)),
                new Case("logSumExp", a -> a[0].logSumExp(0, false), false, any(3, 4)),
                new Case("gather labels", a -> a[0].gather(1, new int[]{2, 0, 3}), false, any(3, 4)),
                new Case("indexSelect with repeats", a -> a[0].indexSelect(0, 2, 0, 2), false, any(3, 4)),
                new Case("indexSelect axis 1", a -> a[0].indexSelect(1, 1, 1, 0).exp(), true, any(2, 3)),
                new Case("indexSelect of a strided view", a -> a[0].transpose().indexSelect(0, 3, 0, 3), false,
                        any(2, 4)),
                new Case("linear", a -> Affine.apply(a[0], a[1], a[2], false), true, any(4, 3), any(3, 5), any(5)),
                new Case("linear+relu", a -> Affine.apply(a[0], a[1], a[2], true), false, any(4, 3), any(3, 5), any(5)),
                new Case("linear without bias on a transposed view", a -> Affine.apply(a[0].transpose(), a[1], null, false),
                        true, any(3, 4), any(3, 2)),
                new Case("softmaxCrossEntropy", a -> SoftmaxCrossEntropy.apply(a[0], new int[]{2, 0, 3}, 0), true,
                        any(3, 4)),
                new Case("softmaxCrossEntropy with smoothing",
                        a -> SoftmaxCrossEntropy.apply(a[0].mul(a[1]), new int[]{1, 1, 0}, 0.1), true,
                        any(3, 4), any(4)),
                new Case("composite chain", a -> a[0].matmul(a[1]).add(a[2]).tanh().logSoftmax(1).mean(), true,
                        any(4, 3), any(3, 5), any(5)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void opSatisfiesGradientContract(Case c) {
        OpContract.check(c.name(), c.f(), c.secondOrder(), c.inputs());
    }
}
