package dev.jgrad.bench;

import dev.jgrad.DType;
import dev.jgrad.Tensor;
import dev.jgrad.backend.Parallel;
import dev.jgrad.data.Dataset;
import dev.jgrad.data.ToyData;
import dev.jgrad.nn.Loss;
import dev.jgrad.nn.ModelSpec;
import dev.jgrad.nn.Sequential;
import dev.jgrad.optim.Optimizer;
import dev.jgrad.optim.SGD;
import dev.jgrad.optim.Solver;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Training steps of two small networks, whose products are a few thousand multiply-adds each, so that a step
 * is mostly per-op cost: the engine's bookkeeping, allocation and the small-product kernels. The same
 * networks, data and protocol as {@code bench/smallnet_torch.py}:
 * <ul>
 *   <li>{@code spiral100}: CS231n's spiral case study, 3 classes of 100 points, a 2-100-3 ReLU net trained on
 *   all 300 points each step (SGD, lr 1, weight decay 1e-3);</li>
 *   <li>{@code tiny}: a 2-20-20-3 ReLU net, the size of the 2-D classifier demo, trained on 10 points a step,
 *   the data set (shuffled once) walked in order (SGD, lr 0.05, momentum 0.9).</li>
 * </ul>
 * A step is zeroGrad, forward, softmax cross-entropy, backward, step, float32.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -Djgrad.threads=1 -cp ... dev.jgrad.bench.SmallNetBench [STEPS=2000] [REPS=5]
 * </pre>
 * After STEPS steps of warm-up, each repetition times STEPS steps; repetitions in which other processes used
 * more than a tenth of the machine are left out when clean ones remain (the peer scripts' rule). Prints one
 * JSON line per model: the median microseconds per step and the training accuracy after all the steps.
 */
public final class SmallNetBench {

    private SmallNetBench() {
    }

    public static void main(String[] args) {
        int steps = args.length > 0 ? Flags.positiveArg("SmallNetBench", "STEPS", args[0]) : 2000;
        int reps = args.length > 1 ? Flags.positiveArg("SmallNetBench", "REPS", args[1]) : 5;
        run(steps, reps).forEach(System.out::println);
    }

    /** The JSON lines: the settings, then one per model. */
    static List<String> run(int steps, int reps) {
        List<String> out = new ArrayList<>();
        SplittableRandom rng = new SplittableRandom(0);
        Dataset data = ToyData.spiral(100, 3, rng);
        data = data.subset(Dataset.permutation(data.size(), rng));
        Tensor x = data.x().to(DType.FLOAT32);
        out.add("{\"threads\":" + Parallel.threads() + ",\"steps\":" + steps + "}");
        for (String name : List.of("spiral100", "tiny")) {
            boolean spiral = name.equals("spiral100");
            Sequential net = ModelSpec.parse(spiral ? "2-100-3:relu" : "2-20-20-3:relu", DType.FLOAT32,
                    new SplittableRandom(1));
            Optimizer opt = spiral ? new SGD(net.parameters(), 1.0, 0, false, 1e-3)
                    : new SGD(net.parameters(), 0.05, 0.9);
            int batch = spiral ? 300 : 10;
            Trainer t = new Trainer(net, opt, x, data.labels(), batch);
            for (int i = 0; i < steps; i++) {
                t.step();
            }
            List<Double> clean = new ArrayList<>();
            List<Double> every = new ArrayList<>();
            while (clean.size() < reps && every.size() < 3 * reps) {
                CpuMonitor mon = CpuMonitor.start();
                for (int i = 0; i < steps; i++) {
                    t.step();
                }
                CpuMonitor.Sample s = mon.stop();
                double us = s.wallSeconds() / steps * 1e6;
                every.add(us);
                if (s.clean()) {
                    clean.add(us);
                }
            }
            double accuracy = Solver.accuracy(net, data, data.size());
            out.add("{\"model\":\"" + name + "\",\"threads\":" + Parallel.threads()
                    + ",\"us_per_step\":" + Stats.round(Stats.median(clean.isEmpty() ? every : clean), 2)
                    + ",\"train_acc\":" + Stats.round(accuracy, 4)
                    + ",\"clean_reps\":" + clean.size() + ",\"reps\":" + every.size() + "}");
        }
        return out;
    }

    /** One network's training loop over the data set in order, batch rows a step, wrapping around. */
    private static final class Trainer {
        private final Sequential net;
        private final Optimizer opt;
        private final Tensor x;
        private final int[] labels;
        private final int batch;
        private int at;

        Trainer(Sequential net, Optimizer opt, Tensor x, int[] labels, int batch) {
            this.net = net;
            this.opt = opt;
            this.x = x;
            this.labels = labels;
            this.batch = batch;
        }

        void step() {
            int s = at;
            at = (s + batch) % labels.length;
            opt.zeroGrad(false);
            Tensor loss = Loss.softmaxCrossEntropy(net.forward(x.slice(0, s, s + batch)),
                    Arrays.copyOfRange(labels, s, s + batch));
            loss.backward();
            opt.step();
        }
    }
}
