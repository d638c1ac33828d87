package dev.jgrad.bench;

import dev.jgrad.DType;
import dev.jgrad.Tensor;
import dev.jgrad.autograd.GradMode;
import dev.jgrad.backend.Backend;
import dev.jgrad.backend.Parallel;
import dev.jgrad.data.Batches;
import dev.jgrad.data.DataLocator;
import dev.jgrad.data.Dataset;
import dev.jgrad.data.Gatherer;
import dev.jgrad.data.PixelScale;
import dev.jgrad.nn.Loss;
import dev.jgrad.nn.ModelSpec;
import dev.jgrad.nn.Sequential;
import dev.jgrad.optim.Adam;
import dev.jgrad.optim.Optimizer;
import dev.jgrad.optim.SGD;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * End-to-end training throughput on Fashion-MNIST, with the models, hyperparameters and loop of the peer
 * script {@code shared/bench/train_fmnist.py}, so the two can be compared epoch for epoch:
 * per epoch a fresh permutation, batches gathered by index, softmax cross-entropy, zeroed gradients,
 * backward and one optimizer step. The epoch time covers the training loop only (batch gathering
 * included); test accuracy is measured after each epoch in batches of 250 and timed apart.
 *
 * <pre>
 * usage: TrainBench MODEL EPOCHS [--subset N] [--bs 128] [--seed 0] [--data DIR]
 *   MODEL: mlp100  784-100-10 ReLU,          SGD(lr 0.05, momentum 0.9)
 *          mlp256  784-256-128-10 ReLU,      SGD(lr 0.05, momentum 0.9)
 *          cnn128  conv5x5x32 pad2-ReLU-maxpool2-conv5x5x64 pad2-ReLU-maxpool2-fc128-ReLU-fc10, Adam(1e-3)
 *          cnn1024 the same with fc1024, Adam(1e-3)
 * </pre>
 * Threads come from {@code -Djgrad.threads}. Output: one JSON object per line (a header, one per epoch, a
 * summary with the peak resident memory), the same keys as the peer script's.
 */
public final class TrainBench {

    private TrainBench() {
    }

    /** A benchmark model: its spec, whether it takes images, and its optimizer. */
    record Model(String name, String spec, boolean images, boolean adam) {
        static Model of(String name) {
            String conv = "1x28x28,conv32k5p2,relu,maxpool2,conv64k5p2,relu,maxpool2,";
            return switch (name) {
                case "mlp100" -> new Model(name, "784-100-10:relu", false, false);
                case "mlp256" -> new Model(name, "784-256-128-10:relu", false, false);
                case "cnn128" -> new Model(name, conv + "fc128,relu,fc10", true, true);
                case "cnn1024" -> new Model(name, conv + "fc1024,relu,fc10", true, true);
                default -> throw new IllegalArgumentException(
                        "TrainBench: MODEL must be mlp100, mlp256, cnn128 or cnn1024, got '" + name + "'");
            };
        }

        Optimizer optimizer(Sequential net) {
            return adam ? new Adam(net.parameters(), 1e-3) : new SGD(net.parameters(), 0.05, 0.9);
        }
    }

    /** Parsed command line. */
    record Args(Model model, int epochs, int subset, int batch, long seed, String data) {
        static Args parse(String[] a) {
            if (a.length < 2) {
                throw new IllegalArgumentException(
                        "usage: TrainBench MODEL EPOCHS [--subset N] [--bs 128] [--seed 0] [--data DIR]");
            }
            Model model = Model.of(a[0]);
            int epochs = positive("EPOCHS", a[1]);
            int subset = 0;
            int batch = 128;
            long seed = 0;
            String data = null;
            for (int i = 2; i < a.length; i++) {
                String flag = a[i];
                if (i + 1 >= a.length) {
                    throw new IllegalArgumentException("TrainBench: " + flag + " needs a value");
                }
                String v = a[++i];
                switch (flag) {
                    case "--subset" -> subset = positive(flag, v);
                    case "--bs" -> batch = positive(flag, v);
                    case "--seed" -> seed = Long.parseLong(v);
                    case "--data" -> data = v;
                    default -> throw new IllegalArgumentException("TrainBench: unknown flag '" + flag + "'");
                }
            }
            return new Args(model, epochs, subset, batch, seed, data);
        }

        private static int positive(String what, String v) {
            return Flags.positiveArg("TrainBench", what, v);
        }
    }

    public static void main(String[] argv) throws IOException {
        Args args;
        try {
            args = Args.parse(argv);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        java.nio.file.Path dir = args.data() == null ? null : java.nio.file.Path.of(args.data());
        var files = DataLocator.system().locate("fashion-mnist", dir);
        run(args, files.loadTrain(PixelScale.UNIT), files.loadTest(PixelScale.UNIT), System.out);
    }

    /** Trains and reports; returns the last epoch's test accuracy. */
    static double run(Args a, Dataset train, Dataset test, PrintStream out) {
        Model m = a.model();
        Tensor xtr = flat(train.x(), m.images());
        Tensor xte = flat(test.x(), m.images());
        // As a training loop would: each step's batch is used within the step, so one buffer serves all.
        Gatherer gather = Gatherer.reusing(new Dataset(xtr, train.labels(), train.classes()));
        Sequential net = ModelSpec.parse(m.spec(), DType.FLOAT32, new SplittableRandom(a.seed()));
        Optimizer opt = m.optimizer(net);
        int n = train.size();
        int used = a.subset() > 0 ? Math.min(a.subset(), n) : n;
        long params = net.parameters().stream().mapToLong(Tensor::numel).sum();
        out.println(json("model", m.name(), "threads", Parallel.threads(), "backend", Backend.kernels().name(),
                "params", params, "bs", a.batch(), "epochs", a.epochs(), "train_samples_per_epoch", used,
                "optimizer", opt.getClass().getSimpleName(), "java", Runtime.version().toString()));
        return epochs(a, n, Parallel.threads(), out, new Framework() {
            @Override
            public double step(int[] idx) {
                Batches.Batch b = gather.gather(idx);
                Tensor loss = Loss.softmaxCrossEntropy(net.forward(b.x()), b.labels());
                opt.zeroGrad(false);
                loss.backward();
                opt.step();
                return loss.item();
            }

            @Override
            public double testAccuracy() {
                return evaluate(net, xte, test.labels());
            }
        });
    }

    /** What the protocol asks of a framework: one training step on a minibatch, and the test accuracy. */
    interface Framework {
        /** Gathers the examples at {@code idx}, runs forward, loss, backward and an update; returns the loss. */
        double step(int[] idx);

        /** Accuracy on the test set, forward only, in batches of 250. */
        double testAccuracy();
    }

    /**
     * The protocol, shared with the DJL peer: per epoch a fresh permutation, a timed pass of minibatch steps
     * and a separately timed test evaluation, one JSON line per epoch, then the summary with the peak
     * resident memory. Returns the last epoch's test accuracy.
     */
    static double epochs(Args a, int n, int threads, PrintStream out, Framework f) {
        int used = a.subset() > 0 ? Math.min(a.subset(), n) : n;
        SplittableRandom rng = new SplittableRandom(a.seed() + 1);
        List<Double> times = new ArrayList<>();
        double acc = 0;
        for (int ep = 1; ep <= a.epochs(); ep++) {
            int[] perm = Arrays.copyOf(Dataset.permutation(n, rng), used);
            CpuMonitor mon = CpuMonitor.start();
            double totLoss = 0;
            int steps = 0;
            for (int i = 0; i < used; i += a.batch()) {
                totLoss += f.step(Arrays.copyOfRange(perm, i, Math.min(used, i + a.batch())));
                steps++;
            }
            CpuMonitor.Sample s = mon.stop();
            double epochS = s.wallSeconds() * n / used;
            long t0 = System.nanoTime();
            acc = f.testAccuracy();
            double evalS = (System.nanoTime() - t0) / 1e9;
            times.add(epochS);
            out.println(json("epoch", ep, "train_s", round(s.wallSeconds()), "epoch_s_60k", round(epochS),
                    "extrapolated", a.subset() > 0, "ms_per_step", round(1000 * s.wallSeconds() / steps),
                    "samples_per_s", Stats.round(used / s.wallSeconds(), 1),
                    "train_loss", Stats.round(totLoss / steps, 4), "test_acc", Stats.round(acc, 4),
                    "eval_s", round(evalS), "other_cpu_frac", round(s.otherFraction())));
        }
        List<Double> sorted = times.stream().sorted().toList();
        List<Double> rest = times.size() > 1 ? times.subList(1, times.size()).stream().sorted().toList() : List.of();
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("summary", a.model().name());
        summary.put("threads", threads);
        summary.put("epoch_s_min", round(sorted.getFirst()));
        summary.put("epoch_s_median", round(Stats.median(sorted)));
        summary.put("epoch_s_median_excl_first", rest.isEmpty() ? null : round(Stats.median(rest)));
        summary.put("final_test_acc", acc);
        summary.put("extrapolated", a.subset() > 0);
        summary.put("peak_rss_mb", Memory.peakResidentMegabytes());
        out.println(dev.jgrad.io.Json.write(summary));
        return acc;
    }

    /** Images (N, 1, 28, 28) for the convolutional models, rows (N, 784) for the others. */
    private static Tensor flat(Tensor x, boolean images) {
        int n = x.size(0);
        int per = x.numel() / Math.max(n, 1);
        Tensor t = images ? x.reshape(n, 1, 28, 28) : x.reshape(n, per);
        return t.to(DType.FLOAT32).contiguous();
    }

    private static double evaluate(Sequential net, Tensor x, int[] labels) {
        net.eval();
        int correct = 0;
        try {
            for (int i = 0; i < x.size(0); i += 250) {
                int to = Math.min(x.size(0), i + 250);
                Tensor xb = x.slice(0, i, to);
                int[] pred = GradMode.noGrad(() -> net.forward(xb)).argmax(1);
                for (int j = 0; j < pred.length; j++) {
                    correct += pred[j] == labels[i + j] ? 1 : 0;
                }
            }
        } finally {
            net.train();
        }
        return (double) correct / x.size(0);
    }

    /** One JSON object from alternating keys and values, in order. */
    static String json(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i + 1 < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return dev.jgrad.io.Json.write(m);
    }

    private static double round(double v) {
        return Stats.round(v, 3);
    }
}
