package dev.jgrad.backend;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.IntConsumer;

/**
 * A persistent worker pool for kernels that split work into independent chunks.
 * Sized once from {@code -Djgrad.threads=N} (default: available processors): the calling thread plus
 * N - 1 daemon workers.
 *
 * <p>Hand-off cost decides whether splitting a few hundred microseconds of GEMM pays: waking a parked
 * thread takes 40-100 us on a virtual machine. So a worker that finishes a job spins for a short while
 * ({@code -Djgrad.spin.us}, default 500) before it parks, as OpenMP runtimes do, and the steps of a
 * training loop find it awake; the caller always runs chunks itself rather than waiting. While the JIT
 * compiler is busy (early in a run) the worker parks at once instead, leaving the core to the compiler.
 * One job runs at a time: a call from another thread while the pool is busy, and any call from inside a
 * chunk, runs inline.
 */
public final class Parallel {

    private Parallel() {
    }

    private static final class Holder {
        static final int THREADS = parseThreads(System.getProperty("jgrad.threads"));
        static final long SPIN_NANOS = parseSpin(System.getProperty("jgrad.spin.us"));
        static final Pool POOL = THREADS > 1 ? new Pool(THREADS - 1, SPIN_NANOS) : null;
    }

    static int parseThreads(String value) {
        if (value == null || value.isBlank()) {
            return Runtime.getRuntime().availableProcessors();
        }
        try {
            int n = Integer.parseInt(value.trim());
            if (n < 1) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("jgrad.threads: expected a positive integer, got '" + value + "'");
        }
    }

    static long parseSpin(String value) {
        if (value == null || value.isBlank()) {
            return 500_000;
        }
        try {
            long us = Long.parseLong(value.trim());
            if (us < 0) {
                throw new NumberFormatException();
            }
            return us * 1000;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("jgrad.spin.us: expected microseconds >= 0, got '" + value + "'");
        }
    }

    /** The number of threads that run chunks (the caller included). */
    public static int threads() {
        return Holder.THREADS;
    }

    /** True on a thread that is running a chunk (nested calls run inline there). */
    private static final ThreadLocal<Boolean> IN_CHUNK = ThreadLocal.withInitial(() -> Boolean.FALSE);

    /**
     * Whether {@link #forEach} would run its chunks on the calling thread alone: one thread, or a call from
     * inside a chunk. Kernels use it to skip planning a split.
     */
    public static boolean inline() {
        return Holder.POOL == null || IN_CHUNK.get();
    }

    /**
     * Nanoseconds ({@link System#nanoTime}) since the last job the workers shared ended; a long time when
     * none has run. Right after one, the workers are still spinning (unless the JIT keeps them parked), so
     * a split then costs a hand-off of a microsecond or two rather than a wake-up; kernels that weigh a
     * split's cost read it.
     */
    public static long sinceLastJob() {
        return System.nanoTime() - lastJobEnd;
    }

    /** When the last pooled job ended: written by its caller, read by any thread. */
    private static volatile long lastJobEnd = System.nanoTime() - (1L << 40);

    /**
     * Runs body(0) .. body(chunks - 1), in parallel when there is more than one chunk and more than one
     * thread. Returns when all are done; the first exception is rethrown as it was thrown.
     */
    public static void forEach(int chunks, IntConsumer body) {
        Pool pool = Holder.POOL;
        if (chunks <= 1 || pool == null || IN_CHUNK.get() || !pool.run(chunks, body)) {
            for (int i = 0; i < chunks; i++) {
                body.accept(i);
            }
        }
    }

    /** One call's chunks: taken by index from a shared counter, by the caller and the workers alike. */
    private static final class Job {
        final IntConsumer body;
        final int chunks;
        final AtomicInteger next = new AtomicInteger();
        final AtomicInteger done = new AtomicInteger();
        final AtomicReference<Throwable> failure = new AtomicReference<>();

        Job(IntConsumer body, int chunks) {
            this.body = body;
            this.chunks = chunks;
        }

        /** Runs chunks until none is left. */
        void work() {
            IN_CHUNK.set(Boolean.TRUE);
            try {
                for (int c = next.getAndIncrement(); c < chunks; c = next.getAndIncrement()) {
                    try {
                        body.accept(c);
                    } catch (RuntimeException | Error e) {
                        failure.compareAndSet(null, e);
                    } finally {
                        done.incrementAndGet();
                    }
                }
            } finally {
                IN_CHUNK.set(Boolean.FALSE);
            }
        }
    }

    private static final class Pool {
        private final Worker[] workers;
        private final long spinNanos;
        private final ReentrantLock busy = new ReentrantLock();
        private volatile Job job;

        Pool(int workers, long spinNanos) {
            this.spinNanos = spinNanos;
            this.workers = new Worker[workers];
            for (int i = 0; i < workers; i++) {
                this.workers[i] = new Worker(this);
                Thread t = new Thread(this.workers[i], "jgrad-worker-" + (i + 1));
                t.setDaemon(true);
                this.workers[i].thread = t;
                t.start();
            }
        }

        /** Runs the job with the workers; false (nothing run) when another thread's job holds the pool. */
        boolean run(int chunks, IntConsumer body) {
            if (!busy.tryLock()) {
                return false;
            }
            Job j = new Job(body, chunks);
            try {
                job = j;
                for (Worker w : workers) {
                    if (w.parked) {
                        LockSupport.unpark(w.thread);
                    }
                }
                j.work();
                while (j.done.get() < chunks) {
                    Thread.onSpinWait();
                }
            } finally {
                job = null;
                lastJobEnd = System.nanoTime();
                busy.unlock();
            }
            Throwable first = j.failure.get();
            if (first instanceof RuntimeException e) {
                throw e;
            }
            if (first instanceof Error e) {
                throw e;
            }
            return true;
        }
    }

    /**
     * The JIT compiler's total time so far. While it grew by more than a third of the wall time over the last
     * window, a worker that ends a job parks rather than spins: early in a run the compiler threads need the
     * cores, and on a 2-core machine a spinning worker takes one of the two from them. mlp100 at 2 threads
     * (TrainBench, three alternating runs): epochs 2-3 took 0.215-0.226 s against 0.259-0.279 spinning, later
     * epochs 0.196-0.206 against 0.201-0.227; mlp256 and cnn128 no different. Reading it costs about 20 ns.
     */
    private static final class JIT {
        static final long WINDOW_NANOS = 50_000_000;
        static final double BUSY_SHARE = 1 / 3.0;
        private static final CompilationMXBean BEAN = bean();
        private static final boolean KNOWN = BEAN != null && BEAN.isCompilationTimeMonitoringSupported();

        /** The JIT's bean, or null where there is none (no java.management): workers then always spin. */
        private static CompilationMXBean bean() {
            try {
                return ManagementFactory.getCompilationMXBean();
            } catch (LinkageError | RuntimeException e) {
                return null;
            }
        }

        static long millis() {
            return KNOWN ? BEAN.getTotalCompilationTime() : 0;
        }
    }

    private static final class Worker implements Runnable {
        private final Pool pool;
        Thread thread;
        volatile boolean parked;

        Worker(Pool pool) {
            this.pool = pool;
        }

        @Override
        public void run() {
            Job last = null;
            long idleSince = System.nanoTime();
            long window = idleSince;
            long jitAtWindow = JIT.millis();
            boolean jitBusy = false;
            while (true) {
                Job j = pool.job;
                if (j != null && j != last) {
                    last = j;
                    j.work();
                    idleSince = System.nanoTime();
                    if (idleSince - window > JIT.WINDOW_NANOS) {
                        long jit = JIT.millis();
                        jitBusy = (jit - jitAtWindow) * 1_000_000 > (idleSince - window) * JIT.BUSY_SHARE;
                        window = idleSince;
                        jitAtWindow = jit;
                    }
                } else if (!jitBusy && System.nanoTime() - idleSince < pool.spinNanos) {
                    Thread.onSpinWait();
                } else {
                    // Announce the park, then look again: a caller that published a job before seeing the
                    // flag is seen here; one that publishes after sees the flag and unparks.
                    parked = true;
                    j = pool.job;
                    if (j == null || j == last) {
                        LockSupport.park(this);
                    }
                    parked = false;
                    idleSince = System.nanoTime();
                }
            }
        }
    }
}
