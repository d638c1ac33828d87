package dev.jgrad.optim;

import dev.jgrad.DType;
import dev.jgrad.Tensor;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

/**
 * The first three updates of each optimizer on p0 = [1, -2] with the same gradient g = [0.5, -1.5] every
 * step, against values worked out by hand (or, where a closed form is long, with plain double arithmetic
 * that follows the published formula rather than the implementation).
 */
class UpdateRuleTest {

    private static final double[] P0 = {1.0, -2.0};
    private static final double[] G = {0.5, -1.5};
    private static final double TOL = 1e-12;

    /** The parameter values after each of three steps, float64. */
    private static double[][] threeSteps(Function<List<Tensor>, Optimizer> make) {
        Tensor p = Tensor.of(P0, 2).requiresGrad(true);
        Optimizer opt = make.apply(List.of(p));
        double[][] out = new double[3][];
        for (int s = 0; s < 3; s++) {
            p.setGrad(Tensor.of(G, 2));
            opt.step();
            out[s] = p.toDoubleArray();
        }
        return out;
    }

    private static void assertSteps(double[][] expected, double[][] actual) {
        for (int s = 0; s < expected.length; s++) {
            assertArrayEquals(expected[s], actual[s], TOL, "after step " + (s + 1));
        }
    }

    @Test
    void plainSgdSubtractsLrTimesGradient() {
        // p -= 0.1 * g: x moves by -0.05, y by +0.15 each step
        assertSteps(new double[][]{{0.95, -1.85}, {0.9, -1.7}, {0.85, -1.55}},
                threeSteps(ps -> new SGD(ps, 0.1)));
    }

    @Test
    void sgdMomentumAccumulatesVelocity() {
        // buf = g, 1.9 g, 2.71 g; p -= 0.1 buf: cumulative 0.1 g, 0.29 g, 0.561 g
        assertSteps(new double[][]{{0.95, -1.85}, {0.855, -1.565}, {0.7195, -1.1585}},
                threeSteps(ps -> new SGD(ps, 0.1, 0.9)));
    }

    @Test
    void nesterovStepsAlongGradientPlusMomentumTimesBuffer() {
        // buf = g, 1.9 g, 2.71 g; step = g + 0.9 buf = 1.9 g, 2.71 g, 3.439 g; cumulative 0.19, 0.461, 0.8049
        assertSteps(new double[][]{{0.905, -1.715}, {0.7695, -1.3085}, {0.59755, -0.79265}},
                threeSteps(ps -> new SGD(ps, 0.1, 0.9, true, 0)));
    }

    @Test
    void nesterovMatchesCs231nFormulationAtConstantLr() {
        // CS231n: v_prev = v; v = mu v - lr dx; x += -mu v_prev + (1 + mu) v
        double mu = 0.9;
        double lr = 0.1;
        double[] x = P0.clone();
        double[] v = new double[2];
        double[][] cs231n = new double[3][];
        for (int s = 0; s < 3; s++) {
            for (int i = 0; i < 2; i++) {
                double vPrev = v[i];
                v[i] = mu * v[i] - lr * G[i];
                x[i] += -mu * vPrev + (1 + mu) * v[i];
            }
            cs231n[s] = x.clone();
        }
        assertSteps(cs231n, threeSteps(ps -> new SGD(ps, lr, mu, true, 0)));
    }

    @Test
    void sgdWeightDecayAddsL2TermToGradient() {
        // p = p - 0.1 (g + 0.1 p) = 0.99 p - 0.1 g
        // x: 0.99 - 0.05 = 0.94; 0.9306 - 0.05 = 0.8806; 0.871794 - 0.05 = 0.821794
        // y: -1.98 + 0.15 = -1.83; -1.8117 + 0.15 = -1.6617; -1.645083 + 0.15 = -1.495083
        assertSteps(new double[][]{{0.94, -1.83}, {0.8806, -1.6617}, {0.821794, -1.495083}},
                threeSteps(ps -> new SGD(ps, 0.1, 0, false, 0.1)));
    }

    @Test
    void sgdDampeningSkipsFirstStepAndScalesLaterGradients() {
        // mu 0.9, dampening 0.5, wd 0.1, lr 0.1; g' = g + 0.1 p
        // x: g' 0.6, buf 0.6, p 0.94; g' 0.594, buf 0.54 + 0.297 = 0.837, p 0.8563;
        //    g' 0.58563, buf 0.7533 + 0.292815 = 1.046115, p 0.7516885
        // y: g' -1.7, buf -1.7, p -1.83; g' -1.683, buf -1.53 - 0.8415 = -2.3715, p -1.59285;
        //    g' -1.659285, buf -2.13435 - 0.8296425 = -2.9639925, p -1.29645075
        assertSteps(new double[][]{{0.94, -1.83}, {0.8563, -1.59285}, {0.7516885, -1.29645075}},
                threeSteps(ps -> new SGD(ps, 0.1, 0.9, 0.5, false, 0.1)));
    }

    @Test
    void adagradDividesByRootOfSummedSquares() {
        // sum = k g^2 after k steps; p -= 0.1 g / (sqrt(k g^2) + 1e-10)
        double[][] expected = new double[3][];
        double x = 1.0;
        double y = -2.0;
        for (int k = 1; k <= 3; k++) {
            x -= 0.1 * 0.5 / (Math.sqrt(k * 0.25) + 1e-10);
            y -= 0.1 * -1.5 / (Math.sqrt(k * 2.25) + 1e-10);
            expected[k - 1] = new double[]{x, y};
        }
        // about 1 - 0.1, 0.9 - 0.1 / sqrt(2), ... : the step size shrinks like 1 / sqrt(k)
        assertEquals(0.9, expected[0][0], 1e-9);
        assertEquals(0.9 - 0.1 / Math.sqrt(2), expected[1][0], 1e-9);
        assertSteps(expected, threeSteps(ps -> new Adagrad(ps, 0.1)));
    }

    @Test
    void rmspropDividesByRootOfDecayingMeanSquare() {
        // sq / g^2 = 0.01, 0.99 * 0.01 + 0.01 = 0.0199, 0.99 * 0.0199 + 0.01 = 0.029701
        double[] factor = {0.01, 0.0199, 0.029701};
        double[][] expected = new double[3][];
        double x = 1.0;
        double y = -2.0;
        for (int k = 0; k < 3; k++) {
            x -= 0.01 * 0.5 / (Math.sqrt(factor[k] * 0.25) + 1e-8);
            y -= 0.01 * -1.5 / (Math.sqrt(factor[k] * 2.25) + 1e-8);
            expected[k] = new double[]{x, y};
        }
        assertSteps(expected, threeSteps(ps -> new RMSProp(ps, 0.01)));
    }

    @Test
    void rmspropWeightDecayAddsL2Term() {
        double alpha = 0.9;
        double[] x = P0.clone();
        double[] sq = new double[2];
        double[][] expected = new double[3][];
        for (int s = 0; s < 3; s++) {
            for (int i = 0; i < 2; i++) {
                double g = G[i] + 0.05 * x[i];
                sq[i] = alpha * sq[i] + (1 - alpha) * g * g;
                x[i] -= 0.01 * g / (Math.sqrt(sq[i]) + 1e-8);
            }
            expected[s] = x.clone();
        }
        assertSteps(expected, threeSteps(ps -> new RMSProp(ps, 0.01, alpha, 1e-8, 0.05)));
    }

    @Test
    void adamWithConstantGradientStepsLrTimesSign() {
        // m_t = (1 - b1^t) g and v_t = (1 - b2^t) g^2, so mhat = g, vhat = g^2: each step is
        // lr g / (|g| + eps), about lr sign(g)
        double dx = 0.1 * 0.5 / (0.5 + 1e-8);
        double dy = 0.1 * -1.5 / (1.5 + 1e-8);
        assertSteps(new double[][]{{1 - dx, -2 - dy}, {1 - 2 * dx, -2 - 2 * dy}, {1 - 3 * dx, -2 - 3 * dy}},
                threeSteps(ps -> new Adam(ps, 0.1)));
    }

    @Test
    void adamWeightDecayEntersTheMoments() {
        assertSteps(adamReference(0.1, 0.9, 0.999, 1e-8, 0.1, false),
                threeSteps(ps -> new Adam(ps, 0.1, 0.9, 0.999, 1e-8, 0.1)));
        assertSteps(adamReference(0.05, 0.8, 0.99, 1e-6, 0, false),
                threeSteps(ps -> new Adam(ps, 0.05, 0.8, 0.99, 1e-6, 0)));
    }

    @Test
    void adamwDecaysParameterBeforeTheAdamStep() {
        // p = 0.99 p (1 - lr wd = 1 - 0.1 * 0.1), then the Adam step on the raw g, lr g / (|g| + eps)
        double dx = 0.1 * 0.5 / (0.5 + 1e-8);
        double dy = 0.1 * -1.5 / (1.5 + 1e-8);
        double x1 = 0.99 * 1 - dx;
        double y1 = 0.99 * -2 - dy;
        double x2 = 0.99 * x1 - dx;
        double y2 = 0.99 * y1 - dy;
        double[][] expected = {{x1, y1}, {x2, y2}, {0.99 * x2 - dx, 0.99 * y2 - dy}};
        assertEquals(0.89, x1, 1e-7);
        assertSteps(expected, threeSteps(ps -> new AdamW(ps, 0.1, 0.9, 0.999, 1e-8, 0.1)));
        assertSteps(adamReference(0.1, 0.9, 0.999, 1e-8, 0.1, true),
                threeSteps(ps -> new AdamW(ps, 0.1, 0.9, 0.999, 1e-8, 0.1)));
    }

    /** Kingma and Ba's algorithm as printed (mhat, vhat), L2 or decoupled (AdamW) decay. */
    private static double[][] adamReference(double lr, double b1, double b2, double eps, double wd,
                                            boolean decoupled) {
        double[] x = P0.clone();
        double[] m = new double[2];
        double[] v = new double[2];
        double[][] out = new double[3][];
        for (int t = 1; t <= 3; t++) {
            for (int i = 0; i < 2; i++) {
                double g = decoupled ? G[i] : G[i] + wd * x[i];
                if (decoupled) {
                    x[i] = x[i] - lr * wd * x[i];
                }
                m[i] = b1 * m[i] + (1 - b1) * g;
                v[i] = b2 * v[i] + (1 - b2) * g * g;
                double mhat = m[i] / (1 - Math.pow(b1, t));
                double vhat = v[i] / (1 - Math.pow(b2, t));
                x[i] -= lr * mhat / (Math.sqrt(vhat) + eps);
            }
            out[t - 1] = x.clone();
        }
        return out;
    }

    @Test
    void float32ParametersUpdateInPlaceAndStayFloat32() {
        Tensor p = Tensor.of(new float[]{1f, -2f}, 2).requiresGrad(true);
        float[] storage = p.f32();
        SGD opt = new SGD(List.of(p), 0.1, 0.9);
        double[][] expected = {{0.95, -1.85}, {0.855, -1.565}, {0.7195, -1.1585}};
        for (int s = 0; s < 3; s++) {
            p.setGrad(Tensor.of(new float[]{0.5f, -1.5f}, 2));
            opt.step();
            assertEquals(DType.FLOAT32, p.dtype());
            assertSame(storage, p.f32());
            assertArrayEquals(expected[s], p.toDoubleArray(), 1e-6, "after step " + (s + 1));
        }
    }

    @Test
    void float32AdamMatchesFloat64Closely() {
        Tensor p32 = Tensor.of(new float[]{1f, -2f}, 2).requiresGrad(true);
        Tensor p64 = Tensor.of(P0, 2).requiresGrad(true);
        Adam a32 = new Adam(List.of(p32), 0.1, 0.9, 0.999, 1e-8, 0.1);
        Adam a64 = new Adam(List.of(p64), 0.1, 0.9, 0.999, 1e-8, 0.1);
        for (int s = 0; s < 3; s++) {
            p32.setGrad(Tensor.of(new float[]{0.5f, -1.5f}, 2));
            p64.setGrad(Tensor.of(G, 2));
            a32.step();
            a64.step();
        }
        assertEquals(DType.FLOAT32, p32.dtype());
        assertArrayEquals(p64.toDoubleArray(), p32.toDoubleArray(), 1e-6);
    }

    @Test
    void float64ParameterIsUpdatedInItsOwnStorage() {
        Tensor p = Tensor.of(P0, 2).requiresGrad(true);
        double[] storage = p.f64();
        p.setGrad(Tensor.of(G, 2));
        new Adam(List.of(p), 0.1).step();
        assertSame(storage, p.f64());
        assertEquals(1 - 0.1 * 0.5 / (0.5 + 1e-8), storage[0], TOL);
    }

    /**
     * A float32 parameter larger than the optimizer's chunk (and not a multiple of it) is updated chunk by
     * chunk, and large enough to be split across two threads; every element must get the rule with its own
     * state, as the same values in float64 do.
     */
    @Test
    void float32ParameterAcrossChunksMatchesFloat64ElementForElement() {
        int n = 2 * 128 * 1024 + 5003;
        double[] p0 = new double[n];
        double[] g = new double[n];
        java.util.SplittableRandom rng = new java.util.SplittableRandom(11);
        for (int i = 0; i < n; i++) {
            p0[i] = (float) (rng.nextDouble() * 2 - 1);  // exactly representable in float32
            g[i] = (float) (rng.nextDouble() * 2 - 1);
        }
        // SGD with momentum and Adam(W) have float32 kernels in each backend: they must agree to the bit too.
        List<Function<List<Tensor>, Optimizer>> rules = List.of(
                ps -> new SGD(ps, 0.1, 0.9, true, 1e-3), ps -> new SGD(ps, 0.1, 0.9),
                ps -> new SGD(ps, 0.05, 0.8, 0.3, false, 1e-2), ps -> new Adam(ps, 1e-2),
                ps -> new Adam(ps, 1e-2, 0.8, 0.99, 1e-6, 1e-2), ps -> new AdamW(ps, 1e-2),
                ps -> new RMSProp(ps, 1e-2), ps -> new Adagrad(ps, 1e-1));
        for (Function<List<Tensor>, Optimizer> make : rules) {
            Tensor p64 = Tensor.of(p0, n).requiresGrad(true);
            Tensor p32 = Tensor.of(p0, n).to(DType.FLOAT32).detach().requiresGrad(true);
            Optimizer o64 = make.apply(List.of(p64));
            Optimizer o32 = make.apply(List.of(p32));
            for (int s = 0; s < 4; s++) {
                p64.setGrad(Tensor.of(g, n));
                p32.setGrad(Tensor.of(g, n).to(DType.FLOAT32));
                o64.step();
                o32.step();
                // float32 rounds p after each step; the state stays double in both.
                double[] want = p64.toDoubleArray();
                for (int i = 0; i < n; i++) {
                    want[i] = (float) want[i];
                }
                p64 = Tensor.of(want, n).requiresGrad(true);
                o64 = reload(make, p64, o64);
                assertArrayEquals(want, p32.toDoubleArray(), 0, o32 + " step " + (s + 1));
            }
        }
    }

    /** A float64 optimizer over a new parameter tensor with the old one's state. */
    private static Optimizer reload(Function<List<Tensor>, Optimizer> make, Tensor p, Optimizer old) {
        Optimizer o = make.apply(List.of(p));
        o.loadState(old.state());
        return o;
    }
}
