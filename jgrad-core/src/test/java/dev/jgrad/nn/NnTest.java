package dev.jgrad.nn;

import dev.jgrad.DType;
import dev.jgrad.ShapeException;
import dev.jgrad.Tensor;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NnTest {

    @Test
    void svmLossMatchesCourseNotesExample() {
        // CS231n linear classification notes: cat/car/frog scores for three images, margin 1.
        Tensor scores = Tensor.of(new double[]{3.2, 5.1, -1.7, 1.3, 4.9, 2.0, 2.2, 2.5, -3.1}, 3, 3);
        Tensor loss = Loss.svm(scores, new int[]{0, 1, 2});
        assertEquals((2.9 + 0 + 12.9) / 3, loss.item(), 1e-12);
    }

    @Test
    void softmaxLossOfUniformScoresIsLogC() {
        Tensor loss = Loss.softmaxCrossEntropy(Tensor.zeros(4, 10), new int[]{0, 3, 9, 5});
        assertEquals(Math.log(10), loss.item(), 1e-12);
    }

    @Test
    void softmaxLossIsFiniteForLogitsOfMagnitude1e3() {
        Tensor logits = Tensor.of(new float[]{1000f, -1000f, 0f, -1000f, 1000f, 999f}, 2, 3).requiresGrad(true);
        Tensor loss = Loss.softmaxCrossEntropy(logits, new int[]{1, 1});
        loss.backward();
        assertTrue(Double.isFinite(loss.item()));
        // Row 0: 1000 - (-1000); row 1: log(e^0 + e^-1) + 1000 - 1000.
        assertEquals((2000 + Math.log(1 + Math.exp(-1))) / 2, loss.item(), 1e-3);
        for (double g : logits.grad().toDoubleArray()) {
            assertTrue(Double.isFinite(g));
        }
    }

    @Test
    void l2RegularizationIsHalfLambdaSumOfSquares() {
        Tensor w = Tensor.vector(1, -2, 3);
        assertEquals(0.5 * 0.1 * 14, Loss.l2(0.1, List.of(w)).item(), 1e-12);
    }

    @Test
    void namedParametersHaveStablePaths() {
        Sequential net = ModelSpec.parse("4-3-2", DType.FLOAT32, new SplittableRandom(1));
        assertEquals(List.of("0.weight", "0.bias", "2.weight", "2.bias"), List.copyOf(net.namedParameters().keySet()));
        assertEquals(4 * 3 + 3 + 3 * 2 + 2, net.parameterCount());
        assertEquals("Sequential(Linear(4 -> 3), ReLU, Linear(3 -> 2))", net.toString());
    }

    @Test
    void sequentialErrorNamesTheFailingLayer() {
        Sequential net = ModelSpec.parse("784-100-10", DType.FLOAT32, new SplittableRandom(1));
        ShapeException e = assertThrows(ShapeException.class, () -> net.forward(Tensor.zeros(DType.FLOAT32, 64, 785)));
        assertEquals("Sequential[0] Linear(784 -> 100): expected (N, 784) input, got [64, 785]", e.getMessage());
    }

    /** Sequential runs Linear + ReLU as one fused op: values and gradients must equal the two layers apart. */
    @Test
    void fusedLinearReluMatchesLinearThenRelu() {
        SplittableRandom rng = new SplittableRandom(5);
        Sequential net = ModelSpec.parse("6-5-3", DType.FLOAT64, rng);
        Tensor x = Tensor.randn(rng, 4, 6);
        Tensor fused = net.forward(x);
        assertEquals("linear", fused.gradFn().name());
        assertEquals("linear+relu", fused.gradFn().input(0).gradFn().name());
        fused.sum().backward();
        List<double[]> fusedGrads = net.parameters().stream().map(p -> p.grad().toDoubleArray()).toList();
        net.parameters().forEach(Tensor::zeroGrad);
        List<Module> layers = net.layers();
        Tensor apart = layers.get(2).forward(layers.get(0).forward(x).relu());
        assertArrayEquals(apart.toDoubleArray(), fused.toDoubleArray(), 1e-12);
        apart.sum().backward();
        for (int i = 0; i < fusedGrads.size(); i++) {
            assertArrayEquals(net.parameters().get(i).grad().toDoubleArray(), fusedGrads.get(i), 1e-12, "parameter " + i);
        }
    }

    @Test
    void specsRoundTrip() {
        for (String spec : List.of("784-100-10", "2-16-16-1:tanh", "3-5-2:sigmoid", "4-8-4:elu=0.5",
                "4-8-4:leakyrelu=0.2", "4-6-6-3:maxout=2", "10-3", "5-5-5:gelu")) {
            assertEquals(spec, ModelSpec.describe(ModelSpec.parse(spec, DType.FLOAT32, new SplittableRandom(2))));
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ModelSpec.parse("784-x-10", DType.FLOAT32, new SplittableRandom(2)));
        assertEquals("model spec '784-x-10': expected sizes as positive integers, got 'x'", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ModelSpec.parse("4-4:swish", DType.FLOAT32,
                new SplittableRandom(2)));
    }

    @Test
    void layerListSpecsInferShapesAndRoundTrip() {
        String cnn = "1x28x28,conv32k5p2,relu,maxpool2,conv64k5p2,relu,maxpool2,fc128,relu,fc10";
        Sequential net = ModelSpec.parse(cnn, DType.FLOAT32, new SplittableRandom(3));
        assertEquals(cnn, ModelSpec.describe(net));
        assertArrayEquals(new int[]{2, 10}, net.forward(Tensor.zeros(DType.FLOAT32, 2, 1, 28, 28)).shape());
        assertEquals(64 * 7 * 7 * 128 + 128, net.namedParameters().get("7.weight").numel() + 128);
        for (String spec : List.of("3x32x32,conv16k3s2p1,bn,elu=0.5,avgpool2s1p1,dropout0.25,flatten,fc10,sigmoid",
                "10,fc20,tanh,bn,fc3", "1x8x8,maxpool2s1,leakyrelu,fc4")) {
            assertEquals(spec.replace(",flatten,fc", ",fc"),
                    ModelSpec.describe(ModelSpec.parse(spec, DType.FLOAT32, new SplittableRandom(4))));
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ModelSpec.parse("10,conv3k3", DType.FLOAT32, new SplittableRandom(1)));
        assertEquals("model spec '10,conv3k3': expected 'conv3k3' to follow an image (CxHxW), but the shape there"
                + " is [10]", e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> ModelSpec.parse("1x4x4,conv3k7", DType.FLOAT32, new SplittableRandom(1)));
    }

    @Test
    void sameSeedGivesSameModel() {
        Sequential a = ModelSpec.parse("4-3-2", DType.FLOAT32, new SplittableRandom(7));
        Sequential b = ModelSpec.parse("4-3-2", DType.FLOAT32, new SplittableRandom(7));
        assertArrayEquals(a.parameters().get(0).toFloatArray(), b.parameters().get(0).toFloatArray());
    }

    @Test
    void dropoutKeepsExpectationInTrainingAndIsIdentityInEval() {
        Dropout d = new Dropout(0.3, new SplittableRandom(3));
        Tensor x = Tensor.ones(100_000);
        Tensor y = d.forward(x);
        double[] v = y.toDoubleArray();
        int zeros = 0;
        for (double a : v) {
            if (a == 0) {
                zeros++;
            } else {
                assertEquals(1 / 0.7, a, 1e-12);
            }
        }
        assertEquals(0.3, zeros / 100_000.0, 0.01);
        assertEquals(1.0, y.mean().item(), 0.02);
        d.eval();
        assertSame(x, d.forward(x));
    }

    @Test
    void dropoutRestoredFromItsStepBufferRepeatsTheSameMasks() {
        Dropout a = new Dropout(0.5, new SplittableRandom(4));
        Dropout b = new Dropout(0.5, new SplittableRandom(4));
        Tensor x = Tensor.ones(50);
        a.forward(x);
        double[] second = a.forward(x).toDoubleArray();
        b.setBuffer("step", a.namedBuffers().get("step").sub(1));
        assertArrayEquals(second, b.forward(x).toDoubleArray());
    }

    @Test
    void maxoutRoutesGradientToWinningPieceOnly() {
        Maxout m = new Maxout(2, 1, 3, DType.FLOAT64, new SplittableRandom(4));
        Tensor x = Tensor.of(new double[]{1, 2}, 1, 2);
        Tensor pieces = m.children().get("pieces").forward(x);
        int winner = pieces.argmax(1)[0];
        m.forward(x).sum().backward();
        double[] gw = m.namedParameters().get("pieces.weight").grad().toDoubleArray(); // (2, 3)
        for (int j = 0; j < 3; j++) {
            assertEquals(j == winner ? 1 : 0, gw[j], 1e-12);
            assertEquals(j == winner ? 2 : 0, gw[3 + j], 1e-12);
        }
    }

    @Test
    void toConvertsParametersAndKeepsThemTrainable() {
        Sequential net = ModelSpec.parse("3-2", DType.FLOAT32, new SplittableRandom(1));
        net.to(DType.FLOAT64);
        for (Tensor p : net.parameters()) {
            assertEquals(DType.FLOAT64, p.dtype());
            assertTrue(p.requiresGrad() && p.isLeaf());
        }
        assertEquals(DType.FLOAT64, net.forward(Tensor.ones(1, 3)).dtype());
    }

    @Test
    void trainAndEvalPropagateToChildren() {
        Sequential net = new Sequential(new Linear(2, 2, new SplittableRandom(1)),
                new Dropout(0.5, new SplittableRandom(1)));
        net.eval();
        assertTrue(!net.get(1).isTraining());
        net.train();
        assertTrue(net.get(1).isTraining());
    }

    @Test
    void initializersHaveTheirScale() {
        SplittableRandom rng = new SplittableRandom(8);
        Tensor he = Init.kaimingNormal(rng, DType.FLOAT64, 500, 10, 500, 200);
        assertEquals(Math.sqrt(2.0 / 500), Math.sqrt(he.var(null, false).item()), 0.002);
        Tensor xu = Init.xavierUniform(rng, DType.FLOAT64, 300, 100, 300, 100);
        double a = Math.sqrt(6.0 / 400);
        assertTrue(xu.max().item() <= a && xu.min().item() >= -a);
        assertEquals(a * a / 3, xu.var(null, false).item(), 5e-4);
        Tensor lc = Init.lecunNormal(rng, DType.FLOAT32, 100, 1, 100, 400);
        assertEquals(DType.FLOAT32, lc.dtype());
        assertEquals(0.1, Math.sqrt(lc.var(null, false).item()), 0.003);
    }
}
