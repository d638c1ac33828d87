package dev.jgrad.autograd;

import dev.jgrad.DType;
import dev.jgrad.Tensor;
import dev.jgrad.op.Affine;
import dev.jgrad.optim.Optimizer;
import dev.jgrad.optim.SGD;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;
import java.util.function.BiFunction;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Gradients cleared with their storage kept ({@code zeroGrad(false)}): the next backward pass writes into that
 * storage (a layer's weight gradient straight from its product), and every gradient must come out exactly as
 * with fresh tensors ({@code zeroGrad()}), whatever shares storage, however contributions arrive.
 */
class KeptGradientTest {

    /** One step's loss from the leaves and the step's number (the inputs change from step to step). */
    private interface Step extends BiFunction<Tensor[], Integer, Tensor> {
    }

    private static Tensor[] leaves(DType dtype, long seed, int[]... shapes) {
        SplittableRandom rng = new SplittableRandom(seed);
        Tensor[] out = new Tensor[shapes.length];
        for (int i = 0; i < shapes.length; i++) {
            out[i] = Tensor.randn(rng, shapes[i]).to(dtype).requiresGrad(true);
        }
        return out;
    }

    private static Tensor input(DType dtype, int step, int... shape) {
        return Tensor.randn(new SplittableRandom(100 + step), shape).to(dtype);
    }

    /**
     * Runs {@code steps} steps of {@code loss} twice, on two copies of the leaves: clearing the gradients to null
     * before each, and clearing them with their storage kept. Each step's gradients must agree bit for bit.
     * Returns the kept-storage leaves.
     */
    private static Tensor[] sameAsFresh(Tensor[] init, int steps, Step loss) {
        Tensor[] fresh = new Tensor[init.length];
        Tensor[] kept = new Tensor[init.length];
        for (int i = 0; i < init.length; i++) {
            fresh[i] = init[i].detach().contiguous().requiresGrad(true);
            kept[i] = Tensor.wrap(init[i].toDoubleArray(), init[i].shape()).to(init[i].dtype()).requiresGrad(true);
        }
        for (int s = 0; s < steps; s++) {
            for (int i = 0; i < init.length; i++) {
                fresh[i].zeroGrad();
                kept[i].zeroGrad(false);
            }
            loss.apply(fresh, s).backward();
            loss.apply(kept, s).backward();
            for (int i = 0; i < init.length; i++) {
                String where = "step " + s + ", leaf " + i;
                if (fresh[i].grad() == null) {  // not reached: null at first, zeros once cleared with storage
                    assertTrue(kept[i].grad() == null || kept[i].grad().abs().sum().item() == 0, where);
                    continue;
                }
                assertNotNull(kept[i].grad(), where);
                assertArrayEquals(fresh[i].grad().toDoubleArray(), kept[i].grad().toDoubleArray(), where);
            }
        }
        return kept;
    }

    @Test
    void aLinearLayersWeightGradientIsWrittenIntoTheStorageKeptForIt() {
        for (DType dtype : DType.values()) {
            Tensor[] p = leaves(dtype, 1, new int[]{40, 24}, new int[]{24});
            Step loss = (w, s) -> Affine.apply(input(dtype, s, 33, 40), w[0], w[1], true).mul(input(dtype, -s, 33, 24))
                    .sum();
            Tensor[] kept = sameAsFresh(p, 4, loss);
            // The same storage from step to step: the product wrote into it, nothing was allocated for it.
            Tensor g = kept[0].grad();
            Object storage = dtype == DType.FLOAT64 ? g.f64() : g.f32();
            kept[0].zeroGrad(false);
            kept[1].zeroGrad(false);
            loss.apply(kept, 9).backward();
            assertSame(g, kept[0].grad(), dtype.toString());
            assertSame(storage, dtype == DType.FLOAT64 ? kept[0].grad().f64() : kept[0].grad().f32());
        }
    }

    @Test
    void aClearedGradientReadsAsZerosAndStaysTheSameTensor() {
        for (DType dtype : DType.values()) {
            Tensor w = Tensor.of(new double[]{1, 2, 3, 4}, 2, 2).to(dtype).requiresGrad(true);
            w.mul(w).sum().backward();
            w.zeroGrad(false);  // the first gradient may be shared: it gets storage of its own
            w.mul(w).sum().backward();
            Tensor g = w.grad();
            assertArrayEquals(new double[]{2, 4, 6, 8}, g.toDoubleArray());
            w.zeroGrad(false);
            assertSame(g, w.grad());
            assertArrayEquals(new double[4], g.toDoubleArray(), dtype.toString());
            w.mul(w.mul(w)).sum().backward();  // read as zeros before: this pass adds onto real zeros
            assertSame(g, w.grad());
            assertArrayEquals(new double[]{3, 12, 27, 48}, g.toDoubleArray());
            w.zeroGrad(true);
            assertNull(w.grad());
            w.zeroGrad(false);  // null stays null
            assertNull(w.grad());
        }
    }

    @Test
    void leavesWhoseFirstGradientsWereOneTensorGetStorageOfTheirOwn() {
        // An add hands its output gradient to both inputs: x and b start with the very same gradient tensor.
        Tensor x = Tensor.zeros(3).requiresGrad(true);
        Tensor b = Tensor.zeros(3).requiresGrad(true);
        x.add(b).mul(Tensor.vector(1, 2, 3)).sum().backward();
        assertSame(x.grad(), b.grad());
        x.zeroGrad(false);
        b.zeroGrad(false);
        x.mul(Tensor.vector(5, 6, 7)).sum().add(b.mul(Tensor.vector(-1, -2, -3)).sum()).backward();
        assertArrayEquals(new double[]{5, 6, 7}, x.grad().toDoubleArray());
        assertArrayEquals(new double[]{-1, -2, -3}, b.grad().toDoubleArray());
        assertNotSame(x.grad(), b.grad());
    }

    @Test
    void contributionsFromSeveralOpsAddUpInWhicheverOrderTheyArrive() {
        Tensor[] p = leaves(DType.FLOAT32, 2, new int[]{16, 16}, new int[]{16});
        // The weight twice in one product (both of its gradients go to one leaf), then shared by two layers,
        // then regularized: the layer's own contribution comes first, last, or between the others.
        sameAsFresh(p, 3, (w, s) -> w[0].matmul(w[0]).mul(input(DType.FLOAT32, s, 16, 16)).sum());
        sameAsFresh(p, 3, (w, s) -> {
            Tensor h = Affine.apply(input(DType.FLOAT32, s, 5, 16), w[0], w[1], true);
            return Affine.apply(h, w[0], null, false).sum().add(w[0].mul(w[0]).sum().mul(0.1));
        });
        sameAsFresh(p, 3, (w, s) -> w[0].mul(w[0]).sum().add(
                Affine.apply(input(DType.FLOAT32, s, 7, 16), w[0], w[1], false).sum()).add(w[1].sum()));
        // A leaf as the product's left operand, and an input's gradient alongside a weight's.
        sameAsFresh(p, 3, (w, s) -> w[0].matmul(input(DType.FLOAT32, s, 16, 3)).tanh().sum());
    }

    @Test
    void anEmptyBatchWritesZerosOverTheLastStepsGradient() {
        Tensor[] p = leaves(DType.FLOAT32, 6, new int[]{3, 2}, new int[]{2});
        sameAsFresh(p, 4, (w, s) -> Affine.apply(input(DType.FLOAT32, s, s == 2 ? 0 : 4, 3), w[0], w[1], true).sum());
    }

    @Test
    void twoBackwardPassesWithoutClearingAccumulateInPlace() {
        Tensor[] p = leaves(DType.FLOAT64, 3, new int[]{12, 8}, new int[]{8});
        sameAsFresh(p, 3, (w, s) -> {
            Tensor x = input(DType.FLOAT64, s, 6, 12);
            Affine.apply(x, w[0], w[1], true).sum().backward();  // the first of two passes into the same gradients
            return Affine.apply(x.mul(2), w[0], w[1], false).pow(2).sum();
        });
    }

    @Test
    void staleNonFiniteValuesInKeptStorageDoNotLeakIntoTheNextGradient() {
        Tensor[] p = leaves(DType.FLOAT32, 4, new int[]{20, 9}, new int[]{9});
        sameAsFresh(p, 3, (w, s) -> {
            Tensor x = input(DType.FLOAT32, s, 4, 20);
            if (s == 1) {  // the second: the first gradients become storage of their own when cleared
                x = x.mul(Float.POSITIVE_INFINITY);  // this step's gradients hold infinities and NaNs
            }
            return Affine.apply(x, w[0], w[1], false).sum();
        });
    }

    @Test
    void aGraphOfTheGradientIsNotWrittenIntoKeptStorage() {
        Tensor x = Tensor.vector(1, 2, 3).requiresGrad(true);
        x.pow(3).sum().backward();
        x.zeroGrad(false);  // cleared, not read: the pass below finds the stale storage
        x.pow(3).sum().backward(Tensor.scalar(1), false, true);  // createGraph: dx = 3x^2, with its own graph
        assertTrue(x.grad().requiresGrad());
        x.zeroGrad(false);
        Tensor kept = x.grad();  // read as zeros: the pass below finds storage holding a gradient
        x.pow(3).sum().backward(Tensor.scalar(1), false, true);
        Tensor g = x.grad();
        assertNotSame(kept, g);
        assertTrue(g.requiresGrad());
        assertArrayEquals(new double[]{3, 12, 27}, g.toDoubleArray(), 1e-12);
        x.zeroGrad(false);
        g.sum().backward();  // d/dx sum 3x^2 = 6x, into storage of x's own again
        assertArrayEquals(new double[]{6, 12, 18}, x.grad().toDoubleArray(), 1e-12);
        assertArrayEquals(new double[]{3, 12, 27}, g.toDoubleArray(), 1e-12);  // not overwritten
    }

    @Test
    void gradientsAskedForByGradDoNotTouchKeptStorage() {
        Tensor w = Tensor.of(new double[]{1, 2, 3, 4, 5, 6}, 2, 3).requiresGrad(true);
        Tensor x = Tensor.of(new double[]{1, -1, 2, 0.5}, 2, 2);
        Affine.apply(x, w, null, false).sum().backward();
        w.zeroGrad(false);
        Tensor[] g = Engine.grad(Affine.apply(x, w, null, false).mul(3).sum(), null, new Tensor[]{w}, false, false);
        assertArrayEquals(new double[]{9, 9, 9, -1.5, -1.5, -1.5}, g[0].toDoubleArray(), 1e-12);
        assertArrayEquals(new double[6], w.grad().toDoubleArray());
    }

    @Test
    void anOptimizerClearingWithStorageKeptTrainsAsOneClearingToNull() {
        Tensor[] init = leaves(DType.FLOAT32, 5, new int[]{30, 10}, new int[]{10}, new int[]{10, 4});
        float[][] result = new float[2][];
        for (int run = 0; run < 2; run++) {
            Tensor[] p = new Tensor[init.length];
            for (int i = 0; i < p.length; i++) {
                p[i] = Tensor.of(init[i].toFloatArray(), init[i].shape()).requiresGrad(true);
            }
            Optimizer opt = new SGD(List.of(p), 0.05, 0.9, false, 1e-3);
            for (int s = 0; s < 5; s++) {
                opt.zeroGrad(run == 0);
                Tensor h = Affine.apply(input(DType.FLOAT32, s, 8, 30), p[0], p[1], true);
                Affine.apply(h, p[2], null, false).pow(2).mean().backward();
                opt.step();
            }
            result[run] = p[0].toFloatArray();
            assertEquals(5, opt.steps());
        }
        assertArrayEquals(result[0], result[1]);
    }

    @Test
    void aParameterTheBackwardPassDoesNotReachHasZerosNotNull() {
        Tensor used = Tensor.vector(1, 2).requiresGrad(true);
        Tensor unused = Tensor.vector(3, 4).requiresGrad(true);
        used.add(unused).sum().backward();
        used.zeroGrad(false);
        unused.zeroGrad(false);
        used.sum().backward();
        assertArrayEquals(new double[]{1, 1}, used.grad().toDoubleArray());
        assertArrayEquals(new double[]{0, 0}, unused.grad().toDoubleArray());
    }
}
