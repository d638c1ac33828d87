package dev.jgrad.optim;

import dev.jgrad.DType;
import dev.jgrad.Tensor;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OptimizerTest {

    private static List<Tensor> params(long seed, DType dtype) {
        SplittableRandom rng = new SplittableRandom(seed);
        return List.of(Tensor.randn(rng, 3, 4).to(dtype).requiresGrad(true),
                Tensor.randn(rng, 4).to(dtype).requiresGrad(true));
    }

    private static List<Tensor> copies(List<Tensor> ps) {
        return ps.stream().map(p -> Tensor.of(p.toDoubleArray(), p.shape()).to(p.dtype()).requiresGrad(true)).toList();
    }

    /** Sets a gradient drawn from {@code rng} on every parameter and steps once. */
    private static void step(Optimizer opt, SplittableRandom rng) {
        for (Tensor p : opt.params()) {
            p.setGrad(Tensor.randn(rng, p.shape()).to(p.dtype()));
        }
        opt.step();
    }

    private static void assertRoundTrip(Function<List<Tensor>, Optimizer> make, DType dtype) {
        List<Tensor> a = params(1, dtype);
        Optimizer straight = make.apply(a);
        SplittableRandom rngA = new SplittableRandom(2);
        for (int s = 0; s < 10; s++) {
            step(straight, rngA);
        }

        List<Tensor> b = params(1, dtype);
        Optimizer first = make.apply(b);
        SplittableRandom rngB = new SplittableRandom(2);
        for (int s = 0; s < 5; s++) {
            step(first, rngB);
        }
        Map<String, double[]> saved = first.state();
        List<Tensor> resumedParams = copies(b);
        Optimizer resumed = make.apply(resumedParams);
        resumed.loadState(saved);
        for (int s = 0; s < 5; s++) {
            step(resumed, rngB);
        }
        assertEquals(straight.steps(), resumed.steps());
        for (int i = 0; i < a.size(); i++) {
            assertArrayEquals(a.get(i).toDoubleArray(), resumedParams.get(i).toDoubleArray(), 0.0,
                    straight + " parameter " + i);
        }
    }

    @Test
    void restoredStateContinuesExactlyLikeAnUninterruptedRun() {
        assertRoundTrip(ps -> new SGD(ps, 0.05, 0.9, true, 1e-3), DType.FLOAT64);
        assertRoundTrip(ps -> new SGD(ps, 0.05, 0.9, 0.1, false, 0), DType.FLOAT64);
        assertRoundTrip(ps -> new Adagrad(ps, 0.05), DType.FLOAT64);
        assertRoundTrip(ps -> new RMSProp(ps, 0.01), DType.FLOAT64);
        assertRoundTrip(ps -> new Adam(ps, 0.01), DType.FLOAT64);
        assertRoundTrip(ps -> new AdamW(ps, 0.01), DType.FLOAT32);
    }

    @Test
    void stateHasStableKeysAndIsASnapshot() {
        List<Tensor> ps = params(3, DType.FLOAT64);
        Adam opt = new Adam(ps, 0.01);
        step(opt, new SplittableRandom(4));
        Map<String, double[]> s = opt.state();
        assertEquals(List.of("lr", "step", "0.step", "0.expAvg", "0.expAvgSq", "1.step", "1.expAvg", "1.expAvgSq"),
                List.copyOf(s.keySet()));
        assertEquals(12, s.get("0.expAvg").length);
        assertEquals(1, s.get("step")[0]);
        s.get("0.expAvg")[0] = 1e9;
        assertTrue(opt.state().get("0.expAvg")[0] != 1e9);
        assertEquals(List.of("expAvg", "expAvgSq"), opt.bufferNames());
    }

    @Test
    void loadStateRejectsWrongSizesAndForeignKeysAndChangesNothing() {
        Adam opt = new Adam(params(3, DType.FLOAT64), 0.01);
        Map<String, double[]> s = opt.state();
        s.put("1.expAvg", new double[5]);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> opt.loadState(s));
        assertTrue(e.getMessage().contains("'1.expAvg' has 5 values, expected 4"), e.getMessage());

        Map<String, double[]> sgd = new SGD(params(3, DType.FLOAT64), 0.1, 0.9).state();
        e = assertThrows(IllegalArgumentException.class, () -> opt.loadState(sgd));
        assertTrue(e.getMessage().contains("0.momentum"), e.getMessage());

        Map<String, double[]> missing = opt.state();
        missing.remove("0.expAvgSq");
        e = assertThrows(IllegalArgumentException.class, () -> opt.loadState(missing));
        assertTrue(e.getMessage().contains("missing key '0.expAvgSq'"), e.getMessage());
        assertEquals(0.01, opt.lr());
    }

    @Test
    void parametersWithoutGradientAreLeftAlone() {
        Tensor a = Tensor.vector(1, 2).requiresGrad(true);
        Tensor b = Tensor.vector(3, 4).requiresGrad(true);
        SGD opt = new SGD(List.of(a, b), 0.5, 0.9);
        a.setGrad(Tensor.vector(1, 1));
        opt.step();
        assertArrayEquals(new double[]{0.5, 1.5}, a.toDoubleArray());
        assertArrayEquals(new double[]{3, 4}, b.toDoubleArray());
        assertEquals(0, opt.state().get("1.step")[0]);
        opt.zeroGrad();
        assertNull(a.grad());
    }

    @Test
    void broadcastViewAndOtherDtypeGradientsAreRead() {
        Tensor p = Tensor.vector(1, 2, 3).requiresGrad(true);
        SGD opt = new SGD(List.of(p), 0.5);
        p.setGrad(Tensor.scalar(2).expand(3)); // stride 0: not contiguous
        opt.step();
        assertArrayEquals(new double[]{0, 1, 2}, p.toDoubleArray());
        p.setGrad(Tensor.of(new float[]{2, 4, 6}, 3));
        opt.step();
        assertArrayEquals(new double[]{-1, -1, -1}, p.toDoubleArray());
    }

    @Test
    void adamMinimizesQuadraticWithRealBackward() {
        SplittableRandom rng = new SplittableRandom(7);
        Tensor p = Tensor.randn(rng, 5).requiresGrad(true);
        Tensor target = Tensor.randn(rng, 5);
        Adam opt = new Adam(List.of(p), 0.05);
        for (int s = 0; s < 600; s++) {
            opt.zeroGrad();
            Tensor d = p.sub(target);
            d.mul(d).sum().backward();
            opt.step();
        }
        double[] pv = p.toDoubleArray();
        double[] tv = target.toDoubleArray();
        for (int i = 0; i < pv.length; i++) {
            assertEquals(tv[i], pv[i], 1e-3, "element " + i);
        }
        assertTrue(p.isLeaf() && p.gradFn() == null);
    }

    /**
     * A step over large parameters (split across the threads), small ones (each whole on one thread), one
     * without a gradient and one with a non-contiguous gradient gives every element the rule's value: SGD
     * with momentum and weight decay in double, rounded to float32 for the float32 parameter.
     */
    @Test
    void stepOverLargeAndSmallParametersAppliesTheRuleToEveryElement() {
        SplittableRandom rng = new SplittableRandom(9);
        Tensor big32 = Tensor.randn(rng, 300, 500).to(DType.FLOAT32).requiresGrad(true);
        Tensor big64 = Tensor.randn(rng, 140_001).requiresGrad(true);
        Tensor small = Tensor.randn(rng, 7).requiresGrad(true);
        Tensor idle = Tensor.randn(rng, 3, 4).requiresGrad(true);
        List<Tensor> ps = List.of(big32, small, idle, big64);
        double[][] p = {big32.toDoubleArray(), small.toDoubleArray(), idle.toDoubleArray(), big64.toDoubleArray()};
        double[][] v = {new double[p[0].length], new double[p[1].length], null, new double[p[3].length]};
        double lr = 0.05;
        double momentum = 0.9;
        double wd = 1e-3;
        SGD opt = new SGD(ps, lr, momentum, false, wd);
        for (int s = 0; s < 3; s++) {
            Tensor g32 = Tensor.randn(rng, 500, 300).to(DType.FLOAT32).transpose();  // not contiguous
            Tensor g64 = Tensor.randn(rng, 140_001);
            Tensor gs = Tensor.randn(rng, 7);
            big32.setGrad(g32);
            big64.setGrad(g64);
            small.setGrad(gs);
            double[][] g = {g32.toDoubleArray(), gs.toDoubleArray(), null, g64.toDoubleArray()};
            opt.step();
            for (int i = 0; i < p.length; i++) {
                if (g[i] == null) {
                    continue;
                }
                for (int j = 0; j < p[i].length; j++) {
                    double gi = g[i][j] + wd * p[i][j];
                    v[i][j] = s == 0 ? gi : momentum * v[i][j] + gi;
                    p[i][j] -= lr * v[i][j];
                    if (i == 0) {
                        p[i][j] = (float) p[i][j];
                    }
                }
            }
        }
        for (int i = 0; i < p.length; i++) {
            assertArrayEquals(p[i], ps.get(i).toDoubleArray(), 0.0, "parameter " + i);
        }
    }

    @Test
    void sgdWithMomentumMinimizesQuadraticInFloat32() {
        SplittableRandom rng = new SplittableRandom(8);
        Tensor p = Tensor.randn(rng, 2, 3).to(DType.FLOAT32).requiresGrad(true);
        Tensor target = Tensor.randn(rng, 2, 3).to(DType.FLOAT32);
        SGD opt = new SGD(List.of(p), 0.05, 0.9, true, 0);
        for (int s = 0; s < 300; s++) {
            opt.zeroGrad();
            p.sub(target).pow(2).sum().backward();
            opt.step();
        }
        assertArrayEquals(target.toDoubleArray(), p.toDoubleArray(), 1e-4);
    }

    @Test
    void nonLeafParameterIsRejectedWithIndexAndShape() {
        Tensor leaf = Tensor.ones(2, 3).requiresGrad(true);
        Tensor derived = leaf.mul(2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SGD(List.of(leaf, derived), 0.1));
        assertTrue(e.getMessage().startsWith("SGD: parameter 1 Tensor[2, 3]"), e.getMessage());
        assertTrue(e.getMessage().contains("not a leaf"), e.getMessage());
    }

    @Test
    void parameterNotRequiringGradOrRepeatedIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Adam(List.of(Tensor.zeros(4)), 0.1));
        assertTrue(e.getMessage().contains("parameter 0 Tensor[4] float64 does not require grad"), e.getMessage());
        Tensor p = Tensor.zeros(2).requiresGrad(true);
        e = assertThrows(IllegalArgumentException.class, () -> new Adam(List.of(p, p), 0.1));
        assertTrue(e.getMessage().contains("same tensor as parameter 0"), e.getMessage());
    }

    @Test
    void negativeOrNonFiniteLrIsRejected() {
        List<Tensor> ps = params(1, DType.FLOAT64);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new SGD(ps, -0.1));
        assertTrue(e.getMessage().startsWith("SGD: lr must be"), e.getMessage());
        assertTrue(e.getMessage().contains("-0.1"), e.getMessage());
        Adam adam = new Adam(ps, 0.1);
        assertThrows(IllegalArgumentException.class, () -> adam.setLr(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> adam.setLr(-1));
        assertEquals(0.1, adam.lr());
    }

    @Test
    void badHyperparametersAreRejected() {
        List<Tensor> ps = params(1, DType.FLOAT64);
        assertThrows(IllegalArgumentException.class, () -> new Adam(ps, 0.1, 1.0, 0.999, 1e-8, 0));
        assertThrows(IllegalArgumentException.class, () -> new RMSProp(ps, 0.1, -0.5, 1e-8, 0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SGD(ps, 0.1, 0, true, 0));
        assertTrue(e.getMessage().contains("nesterov needs momentum > 0"), e.getMessage());
    }

    @Test
    void nonContiguousParameterFailsAtStepAndNothingChanges() {
        Tensor ok = Tensor.vector(1, 2).requiresGrad(true);
        Tensor transposed = Tensor.ones(2, 3).transpose().requiresGrad(true); // a leaf view, [3, 2]
        SGD opt = new SGD(List.of(ok, transposed), 0.1);
        ok.setGrad(Tensor.vector(1, 1));
        transposed.setGrad(Tensor.ones(3, 2));
        IllegalStateException e = assertThrows(IllegalStateException.class, opt::step);
        assertTrue(e.getMessage().contains("parameter 1 Tensor[3, 2] float64 is not contiguous"), e.getMessage());
        assertArrayEquals(new double[]{1, 2}, ok.toDoubleArray());
    }

    @Test
    void gradientOfWrongShapeFailsAtStep() {
        Tensor p = Tensor.zeros(2, 3).requiresGrad(true);
        SGD opt = new SGD(List.of(p), 0.1);
        p.setGrad(Tensor.zeros(3, 2));
        IllegalStateException e = assertThrows(IllegalStateException.class, opt::step);
        assertTrue(e.getMessage().contains("has shape [2, 3] but its gradient has shape [3, 2]"), e.getMessage());
    }

    @Test
    void toStringShowsHyperparametersLikePyTorch() {
        List<Tensor> ps = params(1, DType.FLOAT64);
        assertEquals("SGD(lr=0.01, momentum=0.9, nesterov=false, weightDecay=0.0)", new SGD(ps, 0.01, 0.9).toString());
        assertEquals("Adam(lr=0.001, betas=(0.9, 0.999), eps=1e-08, weightDecay=0.0)", new Adam(ps).toString());
        assertEquals("AdamW(lr=0.001, betas=(0.9, 0.999), eps=1e-08, weightDecay=0.01)", new AdamW(ps).toString());
        assertEquals("Adagrad(lr=0.01, eps=1e-10, weightDecay=0.0)", new Adagrad(ps, 0.01).toString());
        assertEquals("RMSProp(lr=0.01, alpha=0.99, eps=1e-08, weightDecay=0.0)", new RMSProp(ps, 0.01).toString());
        assertEquals("1e+16", Fmt.num(1e16));
        assertEquals("0.0001", Fmt.num(1e-4));
        assertEquals("-250.0", Fmt.num(-250));
        assertEquals("1.5e-05", Fmt.num(1.5e-5));
    }
}
