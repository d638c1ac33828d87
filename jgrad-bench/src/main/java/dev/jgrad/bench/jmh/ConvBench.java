package dev.jgrad.bench.jmh;

import dev.jgrad.Tensor;
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
 * The convolution layers of the cnn128 benchmark model, batch 128, float32: forward alone, forward fused
 * with its ReLU and 2 x 2 max pooling (as the model runs it), and forward plus backward (input, weight and
 * bias gradients). Layer {@code conv1}: 1 -> 32 channels on 28x28; {@code conv2}: 32 -> 64 on 14x14; 5x5
 * kernels, padding 2.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xms2g", "-Xmx2g"})
public class ConvBench {

    @Param({"conv1", "conv2"})
    public String layer;

    private Tensor x;
    private Tensor w;
    private Tensor bias;
    private Tensor seed;

    @Setup(Level.Trial)
    public void setUp() {
        SplittableRandom rng = new SplittableRandom(7);
        boolean first = layer.equals("conv1");
        int cin = first ? 1 : 32;
        int cout = first ? 32 : 64;
        int hw = first ? 28 : 14;
        x = Tensor.randn(rng, 128, cin, hw, hw).to(dev.jgrad.DType.FLOAT32).requiresGrad(true);
        w = Tensor.randn(rng, cout, cin, 5, 5).to(dev.jgrad.DType.FLOAT32).mul(0.1).requiresGrad(true);
        bias = Tensor.zeros(dev.jgrad.DType.FLOAT32, cout).requiresGrad(true);
        seed = Tensor.randn(rng, 128, cout, hw, hw).to(dev.jgrad.DType.FLOAT32);
    }

    @Benchmark
    public Tensor forward() {
        return dev.jgrad.autograd.GradMode.noGrad(() -> dev.jgrad.op.Conv2d.apply(x, w, bias, 1, 2));
    }

    @Benchmark
    public Tensor forwardReluPool() {
        return dev.jgrad.autograd.GradMode.noGrad(() -> dev.jgrad.op.Conv2d.applyReluPool(x, w, bias, 1, 2, 2, 2));
    }

    @Benchmark
    public Tensor forwardBackward() {
        x.zeroGrad();
        w.zeroGrad();
        bias.zeroGrad();
        dev.jgrad.op.Conv2d.apply(x, w, bias, 1, 2).backward(seed, false, false);
        return w.grad();
    }
}
