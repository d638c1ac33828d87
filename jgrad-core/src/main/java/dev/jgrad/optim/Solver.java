package dev.jgrad.optim;

import dev.jgrad.DType;
import dev.jgrad.Tensor;
import dev.jgrad.autograd.GradMode;
import dev.jgrad.autograd.Profile;
import dev.jgrad.data.Batches;
import dev.jgrad.data.Dataset;
import dev.jgrad.data.Gatherer;
import dev.jgrad.nn.Loss;
import dev.jgrad.nn.Module;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The CS231n training loop as an API: minibatch updates over seeded shuffles, learning-rate decay per
 * epoch, loss and accuracy histories, and the parameters with the best validation accuracy restored
 * at the end. Progress reaches a {@link Listener} (the CLI's progress bar and the playground plug in).
 *
 * <pre>{@code
 * Solver solver = Solver.builder(model, train, val)
 *         .optimizer(new SGD(model.parameters(), 0.05, 0.9, false, 0))
 *         .batchSize(128).epochs(10).lrDecay(0.95).seed(1).build();
 * Solver.History h = solver.train();
 * }</pre>
 */
public final class Solver {

    /** A loss of scores (N, C) and labels. */
    @FunctionalInterface
    public interface LossFunction {
        Tensor apply(Tensor scores, int[] labels);
    }

    /** Softmax cross-entropy (the default). */
    public static final LossFunction SOFTMAX = Loss::softmaxCrossEntropy;
    /** Multiclass SVM hinge loss; for a single output column, the binary hinge loss. */
    public static final LossFunction SVM = (s, y) -> s.rank() == 2 && s.size(1) == 1 ? Loss.binaryHinge(s, y)
            : Loss.svm(s, y);

    /** Progress callbacks; both default to doing nothing. */
    public interface Listener {
        default void onIteration(int epoch, int iteration, int iterationsPerEpoch, double loss) {
        }

        default void onEpoch(EpochStats stats) {
        }
    }

    /** One epoch's summary. Accuracies are fractions in [0, 1]. */
    public record EpochStats(int epoch, double loss, double trainAccuracy, double valAccuracy, double lr,
                             double seconds) {
    }

    /** Loss per iteration, accuracies per epoch, and the best validation accuracy with its epoch. */
    public record History(List<Double> loss, List<Double> trainAccuracy, List<Double> valAccuracy,
                          List<EpochStats> epochs, double bestValAccuracy, int bestEpoch) {
    }

    private final Module model;
    private final Dataset train;
    private final Dataset val;
    private final Optimizer optimizer;
    private final LossFunction loss;
    private final int batchSize;
    private final int epochs;
    private final double lrDecay;
    private final double regularization;
    private final int accuracySamples;
    private final Listener listener;
    private final long seed;
    private final int startEpoch;
    private final boolean keepBest;

    private Solver(Builder b) {
        this.model = b.model;
        this.train = b.train;
        this.val = b.val;
        this.optimizer = b.optimizer != null ? b.optimizer : new SGD(b.model.parameters(), 1e-2);
        this.loss = b.loss;
        this.batchSize = b.batchSize;
        this.epochs = b.epochs;
        this.lrDecay = b.lrDecay;
        this.regularization = b.regularization;
        this.accuracySamples = b.accuracySamples;
        this.listener = b.listener;
        this.seed = b.seed;
        this.startEpoch = b.startEpoch;
        this.keepBest = b.keepBest;
    }

    /**
     * The generator for one epoch's shuffle and accuracy sample, derived from the seed and the epoch number
     * alone, so a run resumed at epoch k shuffles exactly as an uninterrupted run would.
     */
    static SplittableRandom epochRandom(long seed, int epoch) {
        return new SplittableRandom(seed * 0x9E3779B97F4A7C15L + epoch);
    }

    public static Builder builder(Module model, Dataset train, Dataset val) {
        return new Builder(model, train, val);
    }

    /**
     * Trains epochs {@code startEpoch + 1 .. epochs} and, unless told not to, restores the parameters of
     * the epoch with the best validation accuracy.
     */
    public History train() {
        List<Double> losses = new ArrayList<>();
        List<Double> trainAcc = new ArrayList<>();
        List<Double> valAcc = new ArrayList<>();
        List<EpochStats> stats = new ArrayList<>();
        double best = -1;
        int bestEpoch = -1;
        Map<String, Tensor> bestParams = null;
        int perEpoch = Math.max(1, (train.size() + batchSize - 1) / batchSize);
        DType dtype = model.parameters().isEmpty() ? DType.FLOAT32 : model.parameters().get(0).dtype();
        // A step keeps nothing of its batch (the graph is freed by backward), so one buffer serves every batch.
        Gatherer gather = Gatherer.reusing(train);
        for (int epoch = startEpoch + 1; epoch <= epochs; epoch++) {
            long start = System.nanoTime();
            model.train();
            SplittableRandom rng = epochRandom(seed, epoch);
            int[] order = Dataset.permutation(train.size(), rng);
            double epochLoss = 0;
            for (int it = 0; it < perEpoch; it++) {
                int from = it * batchSize;
                int to = Math.min(train.size(), from + batchSize);
                int[] idx = java.util.Arrays.copyOfRange(order, from, to);
                Batches.Batch b = Profile.region("data", "batch", () -> gather.gather(idx));
                double l = step(b.x().to(dtype), b.labels());
                losses.add(l);
                epochLoss += l;
                listener.onIteration(epoch, it + 1, perEpoch, l);
            }
            double ta = Profile.region("eval", "train accuracy", () -> accuracy(model, sample(train, rng), batchSize));
            double va = val == null ? ta : Profile.region("eval", "validation accuracy",
                    () -> accuracy(model, val, batchSize));
            trainAcc.add(ta);
            valAcc.add(va);
            if (va > best) {
                best = va;
                bestEpoch = epoch;
                bestParams = keepBest ? snapshot(model) : null;
            }
            EpochStats s = new EpochStats(epoch, epochLoss / perEpoch, ta, va, optimizer.lr(),
                    (System.nanoTime() - start) / 1e9);
            stats.add(s);
            listener.onEpoch(s);
            optimizer.setLr(optimizer.lr() * lrDecay);
        }
        if (bestParams != null) {
            bestParams.forEach(model::assign);
        }
        return new History(losses, trainAcc, valAcc, stats, best, bestEpoch);
    }

    /** One update on a minibatch; returns the loss (data loss plus regularization). */
    private double step(Tensor x, int[] y) {
        optimizer.zeroGrad(false);
        Tensor l = loss.apply(model.forward(x), y);
        if (regularization > 0) {
            l = l.add(Loss.l2(regularization, Loss.weights(model)));
        }
        l.backward();
        optimizer.step();
        return l.item();
    }

    private Dataset sample(Dataset d, SplittableRandom rng) {
        if (accuracySamples <= 0 || d.size() <= accuracySamples) {
            return d;
        }
        return d.subset(java.util.Arrays.copyOf(Dataset.permutation(d.size(), rng), accuracySamples));
    }

    /**
     * The fraction of examples classified correctly, in eval mode without a graph. A single output column
     * is a binary classifier: class 1 where the score is positive.
     */
    public static double accuracy(Module model, Dataset data, int batchSize) {
        if (data.size() == 0) {
            return 0;
        }
        boolean wasTraining = model.isTraining();
        model.eval();
        DType dtype = model.parameters().isEmpty() ? data.x().dtype() : model.parameters().get(0).dtype();
        int correct = 0;
        try {
            for (int from = 0; from < data.size(); from += batchSize) {
                int to = Math.min(data.size(), from + batchSize);
                Tensor x = data.x().detach().slice(0, from, to).to(dtype);
                Tensor scores = GradMode.noGrad(() -> model.forward(x));
                int[] pred = predictions(scores);
                for (int i = 0; i < pred.length; i++) {
                    correct += pred[i] == data.labels()[from + i] ? 1 : 0;
                }
            }
        } finally {
            if (wasTraining) {
                model.train();
            }
        }
        return (double) correct / data.size();
    }

    /** Predicted classes of scores (N, C); a single column thresholds at 0. */
    public static int[] predictions(Tensor scores) {
        if (scores.rank() == 2 && scores.size(1) == 1) {
            double[] s = scores.toDoubleArray();
            int[] p = new int[s.length];
            for (int i = 0; i < s.length; i++) {
                p[i] = s[i] > 0 ? 1 : 0;
            }
            return p;
        }
        return scores.argmax(1);
    }

    /** The loss of the untrained model on data: for softmax over C classes it should be about log(C). */
    public static double initialLoss(Module model, Dataset data, LossFunction loss) {
        DType dtype = model.parameters().isEmpty() ? data.x().dtype() : model.parameters().get(0).dtype();
        return GradMode.noGrad(() -> loss.apply(model.forward(data.x().detach().to(dtype)), data.labels())).item();
    }

    private static Map<String, Tensor> snapshot(Module model) {
        Map<String, Tensor> copy = new LinkedHashMap<>();
        model.namedParameters().forEach((k, v) -> copy.put(k, Tensor.of(v.toDoubleArray(), v.shape()).to(v.dtype())));
        return copy;
    }

    /** Configuration with the CS231n Solver's defaults (batch 100, 10 epochs, no decay, softmax loss). */
    public static final class Builder {
        private final Module model;
        private final Dataset train;
        private final Dataset val;
        private Optimizer optimizer;
        private LossFunction loss = SOFTMAX;
        private int batchSize = 100;
        private int epochs = 10;
        private double lrDecay = 1.0;
        private double regularization;
        private int accuracySamples = 1000;
        private long seed;
        private Listener listener = new Listener() {
        };
        private int startEpoch;
        private boolean keepBest = true;

        private Builder(Module model, Dataset train, Dataset val) {
            this.model = model;
            this.train = train;
            this.val = val;
        }

        public Builder optimizer(Optimizer o) {
            this.optimizer = o;
            return this;
        }

        public Builder loss(LossFunction l) {
            this.loss = l;
            return this;
        }

        public Builder batchSize(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("Solver: batch size must be positive, got " + n);
            }
            this.batchSize = n;
            return this;
        }

        public Builder epochs(int n) {
            if (n < 0) {
                throw new IllegalArgumentException("Solver: epochs must not be negative, got " + n);
            }
            this.epochs = n;
            return this;
        }

        /** Multiplies the learning rate after every epoch. */
        public Builder lrDecay(double factor) {
            this.lrDecay = factor;
            return this;
        }

        /** L2 regularization strength lambda: adds 0.5 lambda sum W^2 over the weights to the loss. */
        public Builder regularization(double lambda) {
            this.regularization = lambda;
            return this;
        }

        /** Training accuracy is measured on at most this many examples per epoch (0: all). */
        public Builder accuracySamples(int n) {
            this.accuracySamples = n;
            return this;
        }

        public Builder seed(long s) {
            this.seed = s;
            return this;
        }

        public Builder listener(Listener l) {
            this.listener = l;
            return this;
        }

        /** Continues a run after {@code epochsDone} epochs (parameters and optimizer state restored by the caller). */
        public Builder startEpoch(int epochsDone) {
            if (epochsDone < 0) {
                throw new IllegalArgumentException("Solver: epochs done must not be negative, got " + epochsDone);
            }
            this.startEpoch = epochsDone;
            return this;
        }

        /** Whether to restore the best-validation parameters at the end (default true). */
        public Builder keepBest(boolean keep) {
            this.keepBest = keep;
            return this;
        }

        public Solver build() {
            return new Solver(this);
        }
    }
}
