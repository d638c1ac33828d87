package dev.jgrad.bench.jmh;

import dev.jgrad.DType;
import dev.jgrad.Tensor;
import dev.jgrad.autograd.GradMode;
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
 * Elementwise ops and reductions on a float32 (rows x cols) tensor, without a graph: what one op costs
 * at a minibatch's size (128 x 256) and at a size past the L2 cache (1024 x 1024), its fresh output included.
 * The heap is touched when the JVM starts ({@code -XX:+AlwaysPreTouch}): these ops allocate 0.1-4 MB a call,
 * and without it the first pass through the 2 GiB heap pays the VM's page faults, so that early iterations ran
 * 10-40x slower than later ones (an add at 128 x 256: 116-400 us against 12).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch"})
public class ElementwiseBench {

    @Param({"128x256", "1024x1024"})
    public String size;

    private Tensor x;
    private Tensor y;
    private Tensor bias;
    private int[] labels;

    @Setup(Level.Trial)
    public void setUp() {
        String[] d = size.split("x");
        int rows = Integer.parseInt(d[0]);
        int cols = Integer.parseInt(d[1]);
        SplittableRandom rng = new SplittableRandom(3);
        x = Tensor.randn(rng, rows, cols).to(DType.FLOAT32);
        y = Tensor.randn(rng, rows, cols).to(DType.FLOAT32);
        bias = Tensor.randn(rng, cols).to(DType.FLOAT32);
        labels = new int[rows];
        for (int i = 0; i < rows; i++) {
            labels[i] = rng.nextInt(cols);
        }
    }

    @Benchmark
    public Tensor add() {
        return GradMode.noGrad(() -> x.add(y));
    }

    @Benchmark
    public Tensor addBias() {
        return GradMode.noGrad(() -> x.add(bias));
    }

    @Benchmark
    public Tensor mul() {
        return GradMode.noGrad(() -> x.mul(y));
    }

    @Benchmark
    public Tensor relu() {
        return GradMode.noGrad(() -> x.relu());
    }

    @Benchmark
    public Tensor exp() {
        return GradMode.noGrad(() -> x.exp());
    }

    @Benchmark
    public Tensor tanh() {
        return GradMode.noGrad(() -> x.tanh());
    }

    @Benchmark
    public Tensor sigmoid() {
        return GradMode.noGrad(() -> x.sigmoid());
    }

    @Benchmark
    public Tensor sumRows() {
        return GradMode.noGrad(() -> x.sum(1, false));
    }

    @Benchmark
    public Tensor sumColumns() {
        return GradMode.noGrad(() -> x.sum(0, false));
    }

    @Benchmark
    public Tensor logSoftmax() {
        return GradMode.noGrad(() -> x.logSoftmax(1));
    }

    @Benchmark
    public Tensor softmaxCrossEntropy() {
        return GradMode.noGrad(() -> dev.jgrad.nn.Loss.softmaxCrossEntropy(x, labels));
    }
}
