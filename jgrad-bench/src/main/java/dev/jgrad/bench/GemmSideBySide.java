package dev.jgrad.bench;

import dev.jgrad.backend.Backend;
import dev.jgrad.backend.Kernels;
import dev.jgrad.backend.Parallel;
import dev.jgrad.bench.jmh.GemmBench;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.IntToDoubleFunction;
import java.util.stream.IntStream;

/**
 * GEMM, jgrad and OpenBLAS side by side in one JVM, their timings interleaved. On a shared machine
 * whose speed drifts by tens of percent within minutes, a library's suite run after the other's measures the
 * drift as much as the libraries; here each round times jgrad and OpenBLAS ({@code cblas_sgemm}, or
 * {@code cblas_dgemm} in float64, called through the foreign-function API on off-heap copies of the same
 * operands) back to back, in alternating order, and the ratio is taken per round. Both compute C = A B, row-major, as {@code bench_matmul.py} does;
 * their results are checked against each other.
 *
 * <pre>
 * OMP_NUM_THREADS=T OPENBLAS_NUM_THREADS=T java --add-modules jdk.incubator.vector \
 *     --enable-native-access=ALL-UNNAMED -Djgrad.threads=T -cp ... dev.jgrad.bench.GemmSideBySide 1024 2048 128x784x256
 * </pre>
 * A shape is {@code N} (a cube) or {@code MxKxN}. {@code -Drounds=} (9) and {@code -Dseconds=} (0.25, the
 * least time of one library's turn in a round) size the run; {@code -Dprecision=f64} compares the float64 products
 * (default {@code f32}); {@code -Dopenblas=} names the library file
 * (default: the OpenMP build Debian's {@code libopenblas0-openmp} installs, which the peer scripts use).
 * Prints one JSON line per shape: each library's median GFLOPS over the rounds, and the median, lowest and
 * highest of the per-round ratios jgrad / OpenBLAS. Rounds in which other processes used more than a tenth of
 * the machine (see {@link CpuMonitor}) are left out when any clean ones remain, as the peer scripts do.
 */
public final class GemmSideBySide {

    /** Where Debian's libopenblas0-openmp puts the library (the peer environment's choice). */
    static final Path DEFAULT_LIBRARY = Path.of("/usr/lib/x86_64-linux-gnu/openblas-openmp/libopenblas.so.0");
    private static final int ROW_MAJOR = 101;
    private static final int NO_TRANS = 111;
    /** Lets a finished turn's spinning threads (jgrad's pool, OpenMP's) go idle before the other library runs. */
    private static final long GAP_MILLIS = 20;
    /**
     * The largest |jgrad - OpenBLAS| / max |C| taken as agreement: float32 sums of these lengths differ by ~1e-6,
     * float64 ones by ~1e-15.
     */
    static final double AGREE = 1e-4;
    static final double AGREE64 = 1e-12;

    private GemmSideBySide() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (args.length == 0) {
            System.err.println("usage: GemmSideBySide SHAPE... (SHAPE: N or MxKxN)");
            System.exit(2);
        }
        try {
            run(args);
        } catch (IllegalArgumentException e) {  // a bad flag, shape or library: the message names it
            System.err.println(e.getMessage());
            System.exit(2);
        }
    }

    private static void run(String[] args) throws InterruptedException {
        int rounds = (int) Flags.positive("GemmSideBySide", "rounds", "9", true);
        double seconds = Flags.positive("GemmSideBySide", "seconds", "0.25", false);
        Path library = Path.of(System.getProperty("openblas", DEFAULT_LIBRARY.toString()));
        String precision = System.getProperty("precision", "f32");
        if (!precision.equals("f32") && !precision.equals("f64")) {
            throw new IllegalArgumentException("GemmSideBySide: -Dprecision=" + precision + ": expected f32 or f64");
        }
        boolean f64 = precision.equals("f64");
        int threads = Parallel.threads();
        int[][] shapes = Arrays.stream(args).map(GemmBench::dims).toArray(int[][]::new);
        try (Arena arena = Arena.ofConfined()) {
            OpenBlas blas = OpenBlas.load(library, arena);
            blas.setThreads(threads);
            System.out.println(TrainBench.json("openblas", library.toString(), "openblas_core", blas.core(),
                    "openblas_threads", blas.threads(), "jgrad_threads", threads, "precision", precision));
            for (int[] d : shapes) {
                Result r = measure(blas, d[0], d[1], d[2], rounds, seconds, 2, f64);
                if (!r.agree()) {
                    System.err.println("GemmSideBySide: " + d[0] + "x" + d[1] + "x" + d[2] + ": jgrad and OpenBLAS "
                            + "differ by " + r.relativeDiff() + " of C's largest value");
                }
                System.out.println(r.json(threads));
            }
        }
    }

    /** One shape's rounds: per round, each library's GFLOPS and the share of the machine other processes used. */
    record Result(int m, int k, int n, double[] jgrad, double[] openblas, boolean[] clean, double relativeDiff,
                  boolean f64) {

        /** The rounds the statistics use: the clean ones, or all when none is clean. */
        int[] used() {
            int[] c = IntStream.range(0, clean.length).filter(r -> clean[r]).toArray();
            return c.length > 0 ? c : IntStream.range(0, clean.length).toArray();
        }

        double[] ratios() {
            return Arrays.stream(used()).mapToDouble(r -> jgrad[r] / openblas[r]).toArray();
        }

        private static double[] at(double[] v, int[] rounds) {
            return Arrays.stream(rounds).mapToDouble(r -> v[r]).toArray();
        }

        String json(int threads) {
            int[] u = used();
            double[] ratios = ratios();
            return TrainBench.json("M", m, "K", k, "N", n, "precision", f64 ? "f64" : "f32", "threads", threads,
                    "rounds", clean.length,
                    "clean_rounds", (int) Arrays.stream(u).filter(r -> clean[r]).count(),
                    "jgrad_gflops", Stats.round(Stats.median(at(jgrad, u)), 1),
                    "openblas_gflops", Stats.round(Stats.median(at(openblas, u)), 1),
                    "ratio_median", Stats.round(Stats.median(ratios), 3),
                    "ratio_min", Stats.round(Arrays.stream(ratios).min().orElse(Double.NaN), 3),
                    "ratio_max", Stats.round(Arrays.stream(ratios).max().orElse(Double.NaN), 3),
                    "max_relative_diff", relativeDiff, "agree", agree());
        }

        /** Whether jgrad's C matches OpenBLAS's to the precision's rounding (a wrong binding or product is far off). */
        boolean agree() {
            return relativeDiff <= (f64 ? AGREE64 : AGREE);
        }
    }

    /**
     * Times jgrad and OpenBLAS on one shape: each warmed up for {@code warmSeconds}, then {@code rounds} rounds in
     * which each runs for at least {@code seconds}; float64 operands when {@code f64}.
     */
    static Result measure(OpenBlas blas, int m, int k, int n, int rounds, double seconds, double warmSeconds,
                          boolean f64) throws InterruptedException {
        Kernels kernels = Backend.kernels();
        float[] a = GemmBench.random(m * k, 1);
        float[] b = GemmBench.random(k * n, 2);
        float[] c = new float[m * n];
        double[] a64 = f64 ? GemmBench.widen(a) : null;
        double[] b64 = f64 ? GemmBench.widen(b) : null;
        double[] c64 = f64 ? new double[m * n] : null;
        ValueLayout layout = f64 ? ValueLayout.JAVA_DOUBLE : ValueLayout.JAVA_FLOAT;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment na = hugeAligned(arena, a.length * layout.byteSize());
            MemorySegment nb = hugeAligned(arena, b.length * layout.byteSize());
            MemorySegment nc = hugeAligned(arena, c.length * layout.byteSize());
            if (f64) {
                MemorySegment.copy(a64, 0, na, ValueLayout.JAVA_DOUBLE, 0, a.length);
                MemorySegment.copy(b64, 0, nb, ValueLayout.JAVA_DOUBLE, 0, b.length);
            } else {
                MemorySegment.copy(a, 0, na, ValueLayout.JAVA_FLOAT, 0, a.length);
                MemorySegment.copy(b, 0, nb, ValueLayout.JAVA_FLOAT, 0, b.length);
            }
            Runnable jgrad = f64
                    ? () -> kernels.gemm(false, false, m, n, k, 1.0, a64, 0, k, b64, 0, n, 0.0, c64, 0, n)
                    : () -> kernels.gemm(false, false, m, n, k, 1f, a, 0, k, b, 0, n, 0f, c, 0, n);
            Runnable openblas = f64 ? () -> blas.dgemm(m, n, k, na, nb, nc) : () -> blas.sgemm(m, n, k, na, nb, nc);
            double flop = 2.0 * m * n * k;
            // Warm-up: the JIT compiles jgrad's kernels, OpenBLAS starts its threads and touches its buffers.
            int jgradCalls = calls(jgrad, seconds, warmSeconds);
            int blasCalls = calls(openblas, seconds, warmSeconds / 2);
            double relativeDiff = f64 ? relativeDiff(c64, nc) : relativeDiff(c, nc);
            double[] tj = new double[rounds];
            double[] tb = new double[rounds];
            boolean[] clean = new boolean[rounds];
            for (int r = 0; r < rounds; r++) {
                boolean jgradFirst = r % 2 == 0;
                CpuMonitor.Sample first = time(jgradFirst ? jgrad : openblas, jgradFirst ? jgradCalls : blasCalls);
                CpuMonitor.Sample second = time(jgradFirst ? openblas : jgrad, jgradFirst ? blasCalls : jgradCalls);
                CpuMonitor.Sample sj = jgradFirst ? first : second;
                CpuMonitor.Sample sb = jgradFirst ? second : first;
                tj[r] = flop * jgradCalls / sj.wallSeconds() / 1e9;
                tb[r] = flop * blasCalls / sb.wallSeconds() / 1e9;
                clean[r] = sj.clean() && sb.clean();
            }
            return new Result(m, k, n, tj, tb, clean, relativeDiff, f64);
        }
    }

    /** Warms {@code f} up for about {@code warmSeconds} and returns how many calls last {@code seconds}. */
    private static int calls(Runnable f, double seconds, double warmSeconds) throws InterruptedException {
        long t0 = System.nanoTime();
        int calls = 0;
        while (System.nanoTime() - t0 < warmSeconds * 1e9) {
            f.run();
            calls++;
        }
        Thread.sleep(GAP_MILLIS);
        long t1 = System.nanoTime();
        f.run();
        double one = Math.max(1e-7, (System.nanoTime() - t1) / 1e9);
        Thread.sleep(GAP_MILLIS);
        return (int) Math.max(1, Math.ceil(seconds / one));
    }

    private static CpuMonitor.Sample time(Runnable f, int calls) throws InterruptedException {
        CpuMonitor mon = CpuMonitor.start();
        for (int i = 0; i < calls; i++) {
            f.run();
        }
        CpuMonitor.Sample s = mon.stop();
        Thread.sleep(GAP_MILLIS);
        return s;
    }

    /** max |jgrad - OpenBLAS| / max |OpenBLAS| over C. */
    static double relativeDiff(float[] c, MemorySegment nc) {
        return relativeDiff(c.length, i -> c[i], i -> nc.getAtIndex(ValueLayout.JAVA_FLOAT, i));
    }

    /** The same over a float64 C. */
    static double relativeDiff(double[] c, MemorySegment nc) {
        return relativeDiff(c.length, i -> c[i], i -> nc.getAtIndex(ValueLayout.JAVA_DOUBLE, i));
    }

    private static double relativeDiff(int n, IntToDoubleFunction jgrad, IntToDoubleFunction openblas) {
        double diff = 0;
        double scale = 0;
        for (int i = 0; i < n; i++) {
            double o = openblas.applyAsDouble(i);
            diff = Math.max(diff, Math.abs(jgrad.applyAsDouble(i) - o));
            scale = Math.max(scale, Math.abs(o));
        }
        return scale == 0 ? diff : diff / scale;
    }

    /**
     * Off-heap bytes, 2 MiB aligned and advised for transparent huge pages, as numpy asks for its large arrays
     * (and as GemmBench's heap gets with -XX:+UseTransparentHugePages).
     */
    private static MemorySegment hugeAligned(Arena arena, long size) {
        long huge = 2L << 20;
        long bytes = (size + huge - 1) / huge * huge;
        MemorySegment s = arena.allocate(bytes, huge);
        OpenBlas.adviseHuge(s);
        return s;
    }

    /** The few OpenBLAS entry points the comparison needs, bound through the foreign-function API. */
    static final class OpenBlas {

        private static final Linker LINKER = Linker.nativeLinker();
        private static final ValueLayout.OfInt I = ValueLayout.JAVA_INT;
        private final MethodHandle sgemm;
        private final MethodHandle dgemm;
        private final Optional<MethodHandle> setThreads;
        private final Optional<MethodHandle> getThreads;
        private final Optional<MethodHandle> coreName;

        private OpenBlas(MethodHandle sgemm, MethodHandle dgemm, Optional<MethodHandle> setThreads, Optional<MethodHandle> getThreads,
                         Optional<MethodHandle> coreName) {
            this.sgemm = sgemm;
            this.dgemm = dgemm;
            this.setThreads = setThreads;
            this.getThreads = getThreads;
            this.coreName = coreName;
        }

        /** Binds the library at {@code path}; a missing file or symbol is an error that names it. */
        @SuppressWarnings("restricted")
        static OpenBlas load(Path path, Arena arena) {
            if (!Files.isRegularFile(path)) {
                throw new IllegalArgumentException("GemmSideBySide: no OpenBLAS library at " + path
                        + " (apt-get install libopenblas0-openmp, or -Dopenblas=PATH)");
            }
            SymbolLookup lib = SymbolLookup.libraryLookup(path, arena);
            MemorySegment f = lib.find("cblas_sgemm").orElseThrow(() -> new IllegalArgumentException(
                    "GemmSideBySide: " + path + " has no cblas_sgemm"));
            MethodHandle sgemm = LINKER.downcallHandle(f, FunctionDescriptor.ofVoid(I, I, I, I, I, I,
                    ValueLayout.JAVA_FLOAT, ValueLayout.ADDRESS, I, ValueLayout.ADDRESS, I, ValueLayout.JAVA_FLOAT,
                    ValueLayout.ADDRESS, I));
            MemorySegment fd = lib.find("cblas_dgemm").orElseThrow(() -> new IllegalArgumentException(
                    "GemmSideBySide: " + path + " has no cblas_dgemm"));
            MethodHandle dgemm = LINKER.downcallHandle(fd, FunctionDescriptor.ofVoid(I, I, I, I, I, I,
                    ValueLayout.JAVA_DOUBLE, ValueLayout.ADDRESS, I, ValueLayout.ADDRESS, I, ValueLayout.JAVA_DOUBLE,
                    ValueLayout.ADDRESS, I));
            return new OpenBlas(sgemm, dgemm,
                    lib.find("openblas_set_num_threads").map(s -> LINKER.downcallHandle(s, FunctionDescriptor.ofVoid(I))),
                    lib.find("openblas_get_num_threads").map(s -> LINKER.downcallHandle(s, FunctionDescriptor.of(I))),
                    lib.find("openblas_get_corename").map(s -> LINKER.downcallHandle(s,
                            FunctionDescriptor.of(ValueLayout.ADDRESS.withTargetLayout(
                                    java.lang.foreign.MemoryLayout.sequenceLayout(64, ValueLayout.JAVA_BYTE))))));
        }

        /** C = A B, all row-major and dense (m x k, k x n, m x n). */
        void sgemm(int m, int n, int k, MemorySegment a, MemorySegment b, MemorySegment c) {
            try {
                sgemm.invokeExact(ROW_MAJOR, NO_TRANS, NO_TRANS, m, n, k, 1f, a, k, b, n, 0f, c, n);
            } catch (Throwable e) {
                throw new IllegalStateException("GemmSideBySide: cblas_sgemm failed", e);
            }
        }

        /** The same in float64. */
        void dgemm(int m, int n, int k, MemorySegment a, MemorySegment b, MemorySegment c) {
            try {
                dgemm.invokeExact(ROW_MAJOR, NO_TRANS, NO_TRANS, m, n, k, 1.0, a, k, b, n, 0.0, c, n);
            } catch (Throwable e) {
                throw new IllegalStateException("GemmSideBySide: cblas_dgemm failed", e);
            }
        }

        void setThreads(int threads) {
            setThreads.ifPresent(h -> {
                try {
                    h.invokeExact(threads);
                } catch (Throwable e) {
                    throw new IllegalStateException("GemmSideBySide: openblas_set_num_threads failed", e);
                }
            });
        }

        int threads() {
            return getThreads.map(h -> {
                try {
                    return (int) h.invokeExact();
                } catch (Throwable e) {
                    throw new IllegalStateException("GemmSideBySide: openblas_get_num_threads failed", e);
                }
            }).orElse(-1);
        }

        String core() {
            return coreName.map(h -> {
                try {
                    MemorySegment s = (MemorySegment) h.invokeExact();
                    return s.getString(0);
                } catch (Throwable e) {
                    throw new IllegalStateException("GemmSideBySide: openblas_get_corename failed", e);
                }
            }).orElse("unknown");
        }

        /** libc's madvise, where the platform has it. */
        @SuppressWarnings("restricted")
        private static final Optional<MethodHandle> MADVISE = LINKER.defaultLookup().find("madvise").map(f ->
                LINKER.downcallHandle(f, FunctionDescriptor.of(I, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG, I)));

        /** madvise(MADV_HUGEPAGE) on the segment; ignored where libc or the call is not available. */
        static void adviseHuge(MemorySegment s) {
            MADVISE.ifPresent(h -> {
                try {
                    int ignored = (int) h.invokeExact(s, s.byteSize(), 14);  // MADV_HUGEPAGE
                } catch (Throwable e) {
                    // an advice only
                }
            });
        }
    }
}
