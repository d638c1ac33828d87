package dev.jgrad.bench;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

import java.util.ArrayList;
import java.util.List;

/**
 * The attainable float32 fused-multiply-add throughput of this CPU from Java: twelve independent
 * accumulator chains of the widest vector (enough to cover the FMA latency on two pipes), one copy per
 * thread, no memory traffic. This is the ceiling a GEMM is measured against; it needs no native code,
 * so it runs on AVX2 and AVX-512 machines alike.
 *
 * <pre>usage: PeakFma [THREADS=1] [SECONDS=1]</pre>
 * Prints one JSON line: lanes, threads, GFLOPS (best of five runs).
 */
public final class PeakFma {

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

    private PeakFma() {
    }

    public static void main(String[] args) throws InterruptedException {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : 1;
        double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 1;
        for (int i = 0; i < 20_000; i++) {
            chains(1_000); // many calls: a full C2 compilation of the method, not only an on-stack replacement
        }
        int iters = calibrate(seconds / 5);
        double best = 0;
        for (int run = 0; run < 5; run++) {
            best = Math.max(best, measure(threads, iters));
        }
        System.out.println(TrainBench.json("peak_fma_gflops", Math.round(best * 10) / 10.0, "threads", threads,
                "lanes", S.length(), "vector_bits", S.vectorBitSize()));
    }

    private static int calibrate(double seconds) {
        int iters = 1_000_000;
        while (true) {
            long t0 = System.nanoTime();
            chains(iters);
            double s = (System.nanoTime() - t0) / 1e9;
            if (s >= seconds || iters > 1 << 29) {
                return iters;
            }
            iters *= 2;
        }
    }

    private static double measure(int threads, int iters) throws InterruptedException {
        List<Thread> ts = new ArrayList<>();
        float[] sink = new float[threads];
        long t0 = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            int id = t;
            ts.add(Thread.ofPlatform().start(() -> sink[id] = chains(iters)));
        }
        for (Thread t : ts) {
            t.join();
        }
        double s = (System.nanoTime() - t0) / 1e9;
        if (Float.isNaN(sink[0])) {
            System.err.println("unexpected NaN");
        }
        return 12.0 * 2 * S.length() * (double) iters * threads / s / 1e9;
    }

    /** Twelve independent chains c = c * a + b, iters steps each; returns a lane so nothing is dead code. */
    static float chains(int iters) {
        FloatVector a = FloatVector.broadcast(S, 0.999999f);
        FloatVector b = FloatVector.broadcast(S, 1e-7f);
        FloatVector c0 = FloatVector.broadcast(S, 1f);
        FloatVector c1 = FloatVector.broadcast(S, 2f);
        FloatVector c2 = FloatVector.broadcast(S, 3f);
        FloatVector c3 = FloatVector.broadcast(S, 4f);
        FloatVector c4 = FloatVector.broadcast(S, 5f);
        FloatVector c5 = FloatVector.broadcast(S, 6f);
        FloatVector c6 = FloatVector.broadcast(S, 7f);
        FloatVector c7 = FloatVector.broadcast(S, 8f);
        FloatVector c8 = FloatVector.broadcast(S, 9f);
        FloatVector c9 = FloatVector.broadcast(S, 10f);
        FloatVector c10 = FloatVector.broadcast(S, 11f);
        FloatVector c11 = FloatVector.broadcast(S, 12f);
        for (int i = 0; i < iters; i++) {  // an int loop: a long counter ran ~30% slower
            c0 = c0.fma(a, b);
            c1 = c1.fma(a, b);
            c2 = c2.fma(a, b);
            c3 = c3.fma(a, b);
            c4 = c4.fma(a, b);
            c5 = c5.fma(a, b);
            c6 = c6.fma(a, b);
            c7 = c7.fma(a, b);
            c8 = c8.fma(a, b);
            c9 = c9.fma(a, b);
            c10 = c10.fma(a, b);
            c11 = c11.fma(a, b);
        }
        return c0.add(c1).add(c2).add(c3).add(c4).add(c5).add(c6).add(c7).add(c8).add(c9).add(c10).add(c11)
                .reduceLanes(jdk.incubator.vector.VectorOperators.ADD);
    }
}
