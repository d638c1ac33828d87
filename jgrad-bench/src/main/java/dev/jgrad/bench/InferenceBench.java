package dev.jgrad.bench;

import dev.jgrad.DType;
import dev.jgrad.Tensor;
import dev.jgrad.autograd.GradMode;
import dev.jgrad.nn.ModelSpec;
import dev.jgrad.nn.Sequential;
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
 * Inference: one forward pass of a {@link TrainBench} model in evaluation mode with gradients off, float32, on a
 * fixed random batch of {@code batch} examples: a request ({@code 1}), a small batch of requests, a training
 * batch. The time per pass; divide by the batch for the time per example. Threads: {@code -Djgrad.threads}.
 * The warm-up is long because the convolution kernels reach the JIT's second compiler late: cnn128's first
 * second of passes on one request ran at 59 ms a pass, its third at 0.22 ms.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-XX:+UseSerialGC", "-Xms1g", "-Xmx1g"})
public class InferenceBench {

    @Param({"mlp256", "cnn128"})
    public String model;

    @Param({"1", "4", "8", "16", "128"})
    public int batch;

    private Sequential net;
    private Tensor x;

    @Setup(Level.Trial)
    public void setUp() {
        TrainBench.Model m = TrainBench.Model.of(model);
        net = ModelSpec.parse(m.spec(), DType.FLOAT32, new SplittableRandom(1));
        net.eval();
        Tensor examples = Tensor.rand(new SplittableRandom(2), batch, 784).to(DType.FLOAT32);
        x = m.images() ? examples.reshape(batch, 1, 28, 28).contiguous() : examples;
    }

    @Benchmark
    public Tensor forward() {
        return GradMode.noGrad(() -> net.forward(x));
    }
}
