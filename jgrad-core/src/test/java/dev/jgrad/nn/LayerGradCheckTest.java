package dev.jgrad.nn;

import dev.jgrad.DType;
import dev.jgrad.Tensor;
import dev.jgrad.autograd.GradCheck;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every layer, activation and loss through gradient checking in float64, for inputs and parameters. */
class LayerGradCheckTest {

    /** Inputs at least 0.1 from 0, so ReLU-like kinks are not straddled. */
    static Tensor input(int... shape) {
        double[] v = Tensor.rand(new SplittableRandom(99), shape).toDoubleArray();
        for (int i = 0; i < v.length; i++) {
            double u = 2 * v[i] - 1;
            v[i] = Math.signum(u) * (0.1 + 1.9 * Math.abs(u));
        }
        return Tensor.of(v, shape);
    }

    static Stream<Arguments> modules() {
        SplittableRandom rng = new SplittableRandom(5);
        return Stream.of(
                Arguments.of(new Linear(4, 3, rng), input(5, 4)),
                Arguments.of(new Linear(6, 2, false, DType.FLOAT64, Init::xavierNormal, rng), input(2, 2, 3)),
                Arguments.of(new Sigmoid(), input(3, 4)),
                Arguments.of(new Tanh(), input(3, 4)),
                Arguments.of(new ReLU(), input(3, 4)),
                Arguments.of(new LeakyReLU(0.1), input(3, 4)),
                Arguments.of(new ELU(0.7), input(3, 4)),
                Arguments.of(new GELU(), input(3, 4)),
                Arguments.of(new Softmax(1), input(3, 4)),
                Arguments.of(new PReLU(), input(3, 4)),
                Arguments.of(new PReLU(4, DType.FLOAT64), input(3, 4)),
                Arguments.of(new Maxout(4, 3, 2, DType.FLOAT64, rng), input(5, 4)),
                Arguments.of(new Flatten(), input(2, 3, 2)),
                Arguments.of(new Dropout(0.5, new SplittableRandom(1)).eval(), input(3, 4)),
                Arguments.of(ModelSpec.parse("4-8-8-3:tanh", DType.FLOAT64, rng), input(6, 4)),
                Arguments.of(ModelSpec.parse("4-6-3:maxout=3", DType.FLOAT64, rng), input(6, 4)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("modules")
    void moduleGradientsMatchNumericalGradients(Module m, Tensor x) {
        m.to(DType.FLOAT64);
        for (Map.Entry<String, GradCheck.Report> e : ModuleCheck.check(m, x).entrySet()) {
            GradCheck.Report r = e.getValue();
            assertTrue(r.passed(), m + " " + e.getKey() + ": " + r);
        }
    }

    static Stream<Arguments> losses() {
        int[] labels = {2, 0, 1, 2, 1};
        Tensor target = input(5, 3).sigmoid();
        return Stream.of(
                Arguments.of("svm", (Function<Tensor, Tensor>) s -> Loss.svm(s, labels)),
                Arguments.of("svm margin 0.5", (Function<Tensor, Tensor>) s -> Loss.svm(s, labels, 0.5)),
                Arguments.of("softmax", (Function<Tensor, Tensor>) s -> Loss.softmaxCrossEntropy(s, labels)),
                Arguments.of("softmax smoothed", (Function<Tensor, Tensor>) s -> Loss.softmaxCrossEntropy(s, labels, 0.1)),
                Arguments.of("bce", (Function<Tensor, Tensor>) s -> Loss.bceWithLogits(s, target)),
                Arguments.of("mse", (Function<Tensor, Tensor>) s -> Loss.mse(s, target)),
                Arguments.of("l1", (Function<Tensor, Tensor>) s -> Loss.l1(s, target)),
                Arguments.of("huber", (Function<Tensor, Tensor>) s -> Loss.huber(s, target, 0.5)),
                Arguments.of("l2", (Function<Tensor, Tensor>) s -> Loss.l2(0.3, java.util.List.of(s))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("losses")
    void lossGradientsMatchNumericalGradients(String name, Function<Tensor, Tensor> loss) {
        // Scores on a grid with distinct margins, away from the hinge kinks.
        double[] v = new double[15];
        for (int i = 0; i < v.length; i++) {
            v[i] = ((i * 7) % 15) * 0.31 - 2.0;
        }
        GradCheck.Report r = GradCheck.check(a -> loss.apply(a[0]), Tensor.of(v, 5, 3));
        assertTrue(r.passed(), name + ": " + r);
    }
}
