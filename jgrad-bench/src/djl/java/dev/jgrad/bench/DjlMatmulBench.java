package dev.jgrad.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import dev.jgrad.backend.Parallel;

import java.util.ArrayList;
import java.util.List;

/**
 * float32 GEMM throughput of DJL's {@code NDArray.matMul} on its PyTorch engine, with the method of the peer
 * script {@code shared/bench/bench_matmul.py}: each repetition repeats the product a fixed number of times,
 * calibrated beforehand to last at least 0.25 s; GFLOPS = 2*M*N*K*calls/seconds. A repetition during which
 * other processes used more than 10% of the machine is dirty, and repetitions continue until 7 clean ones
 * (at most 21). Best and median are over the clean ones (all of them when none is clean). Each call
 * allocates its result, as {@code matMul} has no output argument, and frees it at once.
 *
 * <p>usage: DjlMatmulBench [REPS=7] [MIN_SECONDS=0.25]; threads from {@code -Djgrad.threads} (default:
 * available cores). One JSON line per shape after a header line. Run it with {@code bench/djl matmul}.
 */
public final class DjlMatmulBench {

    /** (M, K, N): the squares, then [128x784]x[784x256] and [100x3072]x[3072x100]. */
    private static final int[][] SHAPES = {
        {128, 128, 128}, {256, 256, 256}, {512, 512, 512}, {1024, 1024, 1024}, {2048, 2048, 2048},
        {128, 784, 256}, {100, 3072, 100},
    };

    private DjlMatmulBench() {
    }

    public static void main(String[] argv) {
        int reps = argv.length > 0 ? Integer.parseInt(argv[0]) : 7;
        double minSeconds = argv.length > 1 ? Double.parseDouble(argv[1]) : 0.25;
        int threads = Parallel.threads();
        if (System.getProperty("ai.djl.pytorch.num_threads") == null) {
            System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(threads));
        }
        if (System.getProperty("ai.djl.pytorch.num_interop_threads") == null) {
            System.setProperty("ai.djl.pytorch.num_interop_threads", Integer.toString(threads));
        }
        Engine engine = Engine.getEngine("PyTorch");
        engine.setRandomSeed(0);
        int torchThreads = JniUtils.getNumThreads();
        String lib = "djl-pytorch";
        System.out.println(TrainBench.json("lib", lib, "threads", torchThreads, "djl", Engine.getDjlVersion(),
                "torch", engine.getVersion(), "java", Runtime.version().toString()));
        try (NDManager manager = engine.newBaseManager()) {
            for (int[] s : SHAPES) {
                int m = s[0];
                int k = s[1];
                int n = s[2];
                try (NDManager scope = manager.newSubManager()) {
                    NDArray a = scope.randomNormal(new Shape(m, k));
                    NDArray b = scope.randomNormal(new Shape(k, n));
                    System.out.println(measure(lib, torchThreads, a, b, m, k, n, reps, minSeconds));
                }
            }
        }
    }

    private static String measure(String lib, int threads, NDArray a, NDArray b, int m, int k, int n,
                                  int reps, double minSeconds) {
        double flop = 2.0 * m * n * k;
        multiply(a, b, 3);
        int calls = calibrate(a, b, minSeconds);
        List<Double> clean = new ArrayList<>();
        List<Double> all = new ArrayList<>();
        double maxOther = 0;
        while (clean.size() < reps && all.size() < 3 * reps) {
            CpuMonitor mon = CpuMonitor.start();
            multiply(a, b, calls);
            CpuMonitor.Sample s = mon.stop();
            double g = flop * calls / s.wallSeconds() / 1e9;
            all.add(g);
            maxOther = Math.max(maxOther, s.otherFraction());
            if (s.clean()) {
                clean.add(g);
            }
        }
        List<Double> use = (clean.isEmpty() ? all : clean).stream().sorted().toList();
        return TrainBench.json("lib", lib, "threads", threads, "M", m, "K", k, "N", n, "calls_per_rep", calls,
                "clean_reps", clean.size(), "all_reps", all.size(),
                "best_gflops", round2(use.getLast()), "median_gflops", round2(Stats.median(use)),
                "median_all_gflops", round2(Stats.median(all)),
                "max_other_frac", Math.round(maxOther * 1000) / 1000.0);
    }

    /** Calls per repetition: grown from one until a timed batch of them lasts at least minSeconds. */
    private static int calibrate(NDArray a, NDArray b, double minSeconds) {
        int calls = 1;
        while (true) {
            long t0 = System.nanoTime();
            multiply(a, b, calls);
            double t = (System.nanoTime() - t0) / 1e9;
            if (t >= minSeconds) {
                return calls;
            }
            double grow = t <= 0 ? 100 : Math.min(100, 1.1 * minSeconds / t);
            calls = (int) Math.ceil(calls * Math.max(2, grow));
        }
    }

    private static void multiply(NDArray a, NDArray b, int calls) {
        for (int i = 0; i < calls; i++) {
            a.matMul(b).close(); // computed eagerly; the result is freed at once
        }
    }

    private static double round2(double v) {
        return Stats.round(v, 2);
    }
}
