package dev.jgrad.bench;

import dev.jgrad.DType;
import dev.jgrad.Tensor;
import dev.jgrad.autograd.Profile;
import dev.jgrad.backend.Parallel;
import dev.jgrad.data.Dataset;
import dev.jgrad.data.Gatherer;
import dev.jgrad.nn.Loss;
import dev.jgrad.nn.ModelSpec;
import dev.jgrad.nn.Sequential;
import dev.jgrad.optim.Optimizer;

import java.util.SplittableRandom;

/**
 * A training step of a {@link TrainBench} MLP split into its phases, timed over many steps: gathering a
 * random batch of 128 from a 60,000-row set of random values (as large as Fashion-MNIST's), forward with
 * the loss, backward, and the optimizer's update. The first half of the steps warms up; the second is
 * averaged. Where {@link StepBench} times one fixed batch, this shows where a step's time goes, the batch's
 * fetch from memory included; run the builds to compare in alternating JVMs.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -XX:+UseSerialGC -Xmx1g -Djgrad.threads=2 \
 *     -cp jgrad-core/target/classes:jgrad-bench/target/classes dev.jgrad.bench.StepPhases mlp256 6000
 * </pre>
 * {@code --fresh} gathers each batch into new arrays ({@link Gatherer#fresh}) instead of one reused buffer;
 * {@code --profile} also prints the timed half's op-level {@link Profile} (which adds its own cost to the phases).
 */
public final class StepPhases {

    private StepPhases() {
    }

    public static void main(String[] args) {
        boolean fresh = false;
        boolean profile = false;
        boolean bad = args.length < 2;
        for (int i = 2; i < args.length; i++) {
            switch (args[i]) {
                case "--fresh" -> fresh = true;
                case "--profile" -> profile = true;
                default -> bad = true;
            }
        }
        if (bad) {
            System.err.println("usage: StepPhases mlp100|mlp256 STEPS [--fresh] [--profile]");
            System.exit(2);
        }
        try {
            System.out.println(run(args[0], Integer.parseInt(args[1]), fresh, profile, 60_000));
        } catch (IllegalArgumentException e) {
            System.err.println("StepPhases: " + e.getMessage());
            System.exit(2);
        }
    }

    /** Runs {@code steps} steps of an MLP on {@code rows} random examples; returns the line main prints. */
    static String run(String model, int steps, boolean fresh, boolean profile, int rows) {
        TrainBench.Model m = TrainBench.Model.of(model);
        if (m.images()) {
            throw new IllegalArgumentException(m.name() + " is a CNN; this times the MLPs (use StepBench)");
        }
        if (steps < 2) {
            throw new IllegalArgumentException("STEPS must be at least 2, got " + steps);
        }
        Sequential net = ModelSpec.parse(m.spec(), DType.FLOAT32, new SplittableRandom(1));
        Optimizer opt = m.optimizer(net);
        SplittableRandom rng = new SplittableRandom(2);
        int[] labels = new int[rows];
        for (int i = 0; i < rows; i++) {
            labels[i] = rng.nextInt(10);
        }
        Dataset data = new Dataset(Tensor.rand(rng, rows, 784).to(DType.FLOAT32), labels, 10);
        Gatherer gather = fresh ? Gatherer.fresh(data) : Gatherer.reusing(data);
        long[] phase = new long[4];
        int timed = 0;
        Profile recorded = null;
        for (int s = 0; s < steps; s++) {
            if (s == steps / 2) {
                phase = new long[4];
                timed = 0;
                recorded = profile ? Profile.start() : null;
            }
            int[] idx = new int[128];
            for (int i = 0; i < idx.length; i++) {
                idx[i] = rng.nextInt(rows);
            }
            long t0 = System.nanoTime();
            var batch = Profile.region("data", "batch", () -> gather.gather(idx));
            long t1 = System.nanoTime();
            Tensor loss = Loss.softmaxCrossEntropy(net.forward(batch.x()), batch.labels());
            opt.zeroGrad(false);
            long t2 = System.nanoTime();
            loss.backward();
            long t3 = System.nanoTime();
            opt.step();
            long t4 = System.nanoTime();
            phase[0] += t1 - t0;
            phase[1] += t2 - t1;
            phase[2] += t3 - t2;
            phase[3] += t4 - t3;
            timed++;
        }
        String table = "";
        if (recorded != null) {
            recorded.stop();
            table = System.lineSeparator() + recorded.table(25);
        }
        double total = (phase[0] + phase[1] + phase[2] + phase[3]) / 1e3 / timed;
        return String.format(java.util.Locale.ROOT,
                "%s threads=%d: step %.1f us  gather %.1f  forward %.1f  backward %.1f  update %.1f", m.name(),
                Parallel.threads(), total, phase[0] / 1e3 / timed, phase[1] / 1e3 / timed, phase[2] / 1e3 / timed,
                phase[3] / 1e3 / timed) + table;
    }
}
