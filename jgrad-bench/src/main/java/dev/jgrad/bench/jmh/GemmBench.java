package dev.jgrad.bench.jmh;

import dev.jgrad.backend.Backend;
import dev.jgrad.backend.Kernels;
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
 * GEMM through the selected backend, C = A B with A (M x K) and B (K x N), row-major: the cubes
 * 128..2048 and the lecture's shapes, as the peer script {@code bench_matmul.py} measures them. A shape
 * is {@code N} (a cube) or {@code MxKxN}; {@code tA}/{@code tB} variants read an operand transposed in
 * place, as the backward pass does; {@code 1x784x256} and {@code 8x784x256} are a layer's products at inference
 * on a request or a small batch. GFLOPS = 2 M N K / (seconds per op). Threads: {@code -Djgrad.threads}.
 * float32 unless {@code -p precision=f64} (the float64 GEMM, the same operands widened).
 *
 * <p>The heap is backed by transparent huge pages where the OS allows them ({@code madvise} mode), as numpy
 * asks for its large arrays: at 2048³ each 16 MB operand spans 4096 small pages, and huge pages took 2-5% off
 * the time (runs alternating with and without; a later day's runs found no difference). Pass JVM arguments
 * with {@code -jvmArgsPrepend}: a {@code -jvmArgsAppend} on the command line replaces these.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xms2g", "-Xmx2g",
        "-XX:+UseTransparentHugePages"})
public class GemmBench {

    @Param({"128", "256", "512", "1024", "2048", "128x784x256", "100x3072x100", "128x784x100", "tA:784x128x100",
            "tB:128x100x784", "64x200x196", "1x784x256", "8x784x256"})
    public String shape;

    @Param({"f32"})
    public String precision = "f32";

    private Kernels kernels;
    private boolean transA;
    private boolean transB;
    private int m;
    private int k;
    private int n;
    private float[] a;
    private float[] b;
    private float[] c;
    private double[] a64;
    private double[] b64;
    private double[] c64;

    @Setup(Level.Trial)
    public void setUp() {
        kernels = Backend.kernels();
        String s = shape;
        transA = s.startsWith("tA:");
        transB = s.startsWith("tB:");
        int[] d = dims(s.substring(s.indexOf(':') + 1));
        m = d[0];
        k = d[1];
        n = d[2];
        a = random(m * k, 1);
        b = random(k * n, 2);
        switch (precision) {
            case "f32" -> c = new float[m * n];
            case "f64" -> {
                a64 = widen(a);
                b64 = widen(b);
                c64 = new double[m * n];
                a = null;
                b = null;
            }
            default -> throw new IllegalArgumentException(
                    "GemmBench precision '" + precision + "': expected f32 or f64");
        }
    }

    /** v's values as float64 (GemmSideBySide widens the same operands). */
    public static double[] widen(float[] v) {
        double[] d = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            d[i] = v[i];
        }
        return d;
    }

    /** A product's shape, {@code N} (N x N x N) or {@code MxKxN}, as {M, K, N}; anything else is an error naming it. */
    public static int[] dims(String s) {
        String[] p = s.trim().split("x");
        try {
            if (p.length == 1 || p.length == 3) {
                int[] d = new int[3];
                for (int i = 0; i < 3; i++) {
                    d[i] = Integer.parseInt(p[p.length == 1 ? 0 : i]);
                }
                if (d[0] > 0 && d[1] > 0 && d[2] > 0) {
                    return d;
                }
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("GEMM shape '" + s + "': expected N or MxKxN, positive integers");
    }

    /** size uniform values in [-1, 1), from the seed (GemmSideBySide uses the same operands). */
    public static float[] random(int size, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[] v = new float[size];
        for (int i = 0; i < size; i++) {
            v[i] = (float) (rng.nextDouble() * 2 - 1);
        }
        return v;
    }

    @Benchmark
    public Object gemm() {
        // Stored layouts: A is k x m when transposed, B is n x k when transposed.
        if (c64 != null) {
            kernels.gemm(transA, transB, m, n, k, 1.0, a64, 0, transA ? m : k, b64, 0, transB ? k : n, 0.0, c64, 0, n);
            return c64;
        }
        kernels.gemm(transA, transB, m, n, k, 1f, a, 0, transA ? m : k, b, 0, transB ? k : n, 0f, c, 0, n);
        return c;
    }
}
