package dev.jgrad.bench;

import dev.jgrad.DType;
import dev.jgrad.Tensor;
import dev.jgrad.nn.Loss;
import dev.jgrad.nn.ModelSpec;
import dev.jgrad.nn.Sequential;
import dev.jgrad.optim.Optimizer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * One training step of a {@link TrainBench} model (forward, softmax cross-entropy, backward, optimizer
 * update) on a fixed random batch of 128, float32: the training loop without the data set, so that a step's
 * cost can be measured, and two builds compared, in minutes. Threads: {@code -Djgrad.threads}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-XX:+UseG1GC", "-Xms1g", "-Xmx1g"})
public class StepBench {

    @Param({"cnn128", "mlp100", "mlp256"})
    public String model;

    private Sequential net;
    private Optimizer optimizer;
    private Tensor x;
    private int[] labels;

    @Setup(Level.Trial)
    public void setUp() {
        TrainBench.Model m = TrainBench.Model.of(model);
        net = ModelSpec.parse(m.spec(), DType.FLOAT32, new SplittableRandom(1));
        optimizer = m.optimizer(net);
        SplittableRandom rng = new SplittableRandom(2);
        Tensor batch = Tensor.rand(rng, 128, 784).to(DType.FLOAT32);
        x = m.images() ? batch.reshape(128, 1, 28, 28).contiguous() : batch;
        labels = new int[128];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = rng.nextInt(10);
        }
    }

    @Benchmark
    public double step() {
        Tensor loss = Loss.softmaxCrossEntropy(net.forward(x), labels);
        optimizer.zeroGrad(false);
        loss.backward();
        optimizer.step();
        return loss.item();
    }
}
