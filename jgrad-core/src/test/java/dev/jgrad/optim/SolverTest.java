package dev.jgrad.optim;

import dev.jgrad.DType;
import dev.jgrad.Tensor;
import dev.jgrad.data.Dataset;
import dev.jgrad.data.ToyData;
import dev.jgrad.nn.Linear;
import dev.jgrad.nn.ModelSpec;
import dev.jgrad.nn.Module;
import dev.jgrad.nn.Sequential;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** End-to-end training on toy data with fixed seeds, as in the course notes. */
class SolverTest {

    private static final Dataset SPIRAL = ToyData.spiral(100, 3, new SplittableRandom(0));

    private static Solver.History fit(Module model, Dataset data, Optimizer opt, Solver.LossFunction loss,
                                      int batch, int epochs, double reg) {
        return Solver.builder(model, data, null).optimizer(opt).loss(loss).batchSize(batch).epochs(epochs)
                .regularization(reg).accuracySamples(0).seed(1).build().train();
    }

    @Test
    void linearSoftmaxClassifierCannotSeparateSpiral() {
        Module model = new Sequential(new Linear(2, 3, new SplittableRandom(1)));
        Solver.History h = fit(model, SPIRAL, new SGD(model.parameters(), 1.0), Solver.SOFTMAX, 300, 200, 1e-3);
        double acc = Solver.accuracy(model, SPIRAL, 300);
        assertTrue(acc < 0.60, "linear accuracy " + acc);
        assertTrue(acc > 0.40, "linear accuracy " + acc + " (the notes report 49%)");
        assertEquals(acc, h.bestValAccuracy(), 1e-12);
    }

    @Test
    void twoLayerNetWith100HiddenReluSeparatesSpiral() {
        Module model = ModelSpec.parse("2-100-3", DType.FLOAT32, new SplittableRandom(2));
        fit(model, SPIRAL, new Adam(model.parameters(), 0.02), Solver.SOFTMAX, 300, 1000, 1e-3);
        double acc = Solver.accuracy(model, SPIRAL, 300);
        assertTrue(acc >= 0.98, "2-layer accuracy " + acc + " (the notes report 98%)");
    }

    @Test
    void moonsNetWithSvmLossReachesFullTrainAccuracy() {
        Dataset moons = ToyData.moons(100, 0.1, new SplittableRandom(3));
        Module model = ModelSpec.parse("2-16-16-1", DType.FLOAT32, new SplittableRandom(4));
        fit(model, moons, new Adam(model.parameters(), 0.01), Solver.SVM, 50, 300, 0);
        assertEquals(1.0, Solver.accuracy(model, moons, 200), "moons accuracy");
    }

    @Test
    void threeAndFiveLayerNetsOverfitFiftyExamplesWithinTwentyEpochs() {
        SplittableRandom rng = new SplittableRandom(5);
        int[] labels = new int[50];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = rng.nextInt(10);
        }
        Dataset small = new Dataset(Tensor.randn(rng, 50, 32), labels, 10);
        for (String spec : List.of("32-100-100-10", "32-100-100-100-100-10")) {
            Module model = ModelSpec.parse(spec, DType.FLOAT32, new SplittableRandom(6));
            Solver.History h = fit(model, small, new Adam(model.parameters(), 5e-3), Solver.SOFTMAX, 25, 20, 0);
            assertEquals(1.0, h.trainAccuracy().get(h.trainAccuracy().size() - 1), spec + " " + h.trainAccuracy());
        }
    }

    @Test
    void initialSoftmaxLossIsAboutLogC() {
        Module model = ModelSpec.parse("2-50-3", DType.FLOAT32, new SplittableRandom(7));
        for (Tensor p : model.parameters()) {
            model.assign(pathOf(model, p), p.mul(0.01));
        }
        assertEquals(Math.log(3), Solver.initialLoss(model, SPIRAL, Solver.SOFTMAX), 0.02);
    }

    private static String pathOf(Module m, Tensor p) {
        return m.namedParameters().entrySet().stream().filter(e -> e.getValue() == p).findFirst().orElseThrow().getKey();
    }

    @Test
    void historiesListenerDecayAndBestParametersAreKeptInPlace() {
        Module model = ModelSpec.parse("2-20-3", DType.FLOAT32, new SplittableRandom(8));
        List<Tensor> before = model.parameters();
        SGD sgd = new SGD(model.parameters(), 0.5, 0.9);
        List<Solver.EpochStats> seen = new ArrayList<>();
        int[] iterations = {0};
        Solver.History h = Solver.builder(model, SPIRAL, SPIRAL.head(60)).optimizer(sgd).batchSize(100).epochs(5)
                .lrDecay(0.5).seed(3).listener(new Solver.Listener() {
                    @Override
                    public void onIteration(int epoch, int iteration, int perEpoch, double loss) {
                        iterations[0]++;
                    }

                    @Override
                    public void onEpoch(Solver.EpochStats s) {
                        seen.add(s);
                    }
                }).build().train();
        assertEquals(15, h.loss().size());
        assertEquals(15, iterations[0]);
        assertEquals(5, seen.size());
        assertEquals(0.5 * 0.5 * 0.5 * 0.5 * 0.5, sgd.lr() / 0.5, 1e-12);
        assertEquals(0.5 / 16, seen.get(4).lr(), 1e-12);
        for (int i = 0; i < before.size(); i++) {
            assertSame(before.get(i), model.parameters().get(i), "restoring the best keeps the optimizer attached");
        }
        assertEquals(h.bestValAccuracy(), Solver.accuracy(model, SPIRAL.head(60), 100), 1e-12);
    }

    @Test
    void resumedRunGivesTheSameLossesAsAnUninterruptedOne() {
        Solver.History full = Solver.builder(model(), SPIRAL, null).optimizer(null).batchSize(64).epochs(4)
                .keepBest(false).seed(9).build().train();
        Module resumed = model();
        Solver.builder(resumed, SPIRAL, null).batchSize(64).epochs(2).keepBest(false).seed(9).build().train();
        // The default optimizer is plain SGD, which has no state beyond the parameters.
        Solver.History rest = Solver.builder(resumed, SPIRAL, null).batchSize(64).epochs(4).startEpoch(2)
                .keepBest(false).seed(9).build().train();
        List<Double> tail = full.loss().subList(full.loss().size() - rest.loss().size(), full.loss().size());
        assertEquals(tail, rest.loss());
        assertEquals(3, rest.epochs().get(0).epoch());
    }

    private static Module model() {
        return ModelSpec.parse("2-16-3", DType.FLOAT32, new SplittableRandom(10));
    }
}
