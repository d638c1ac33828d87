package dev.jgrad.backend;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.RecursiveAction;
import java.util.function.IntConsumer;

/**
 * A persistent worker pool for kernels that split work into independent chunks.
 * Sized once from {@code -Djgrad.threads=N} (default: available processors).
 */
public final class Parallel {

    private Parallel() {
    }

    private static final class Holder {
        static final int THREADS = parseThreads(System.getProperty("jgrad.threads"));
        static final ForkJoinPool POOL = THREADS > 1 ? new ForkJoinPool(THREADS) : null;
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

    /** The number of worker threads. */
    public static int threads() {
        return Holder.THREADS;
    }

    /**
     * Runs body(0) .. body(chunks - 1), in parallel when there is more than one chunk and more than one
     * thread. Returns when all are done; the first exception is rethrown.
     */
    public static void forEach(int chunks, IntConsumer body) {
        ForkJoinPool pool = Holder.POOL;
        // Inside one of our own workers (nested parallelism), run inline; other pools may hand off to ours.
        boolean nested = Thread.currentThread() instanceof ForkJoinWorkerThread w && w.getPool() == pool;
        if (chunks <= 1 || pool == null || nested) {
            for (int i = 0; i < chunks; i++) {
                body.accept(i);
            }
            return;
        }
        pool.invoke(new RecursiveAction() {
            private static final long serialVersionUID = 1L;

            @Override
            protected void compute() {
                ForkJoinTask<?>[] tasks = new ForkJoinTask<?>[chunks - 1];
                for (int i = 1; i < chunks; i++) {
                    int c = i;
                    tasks[i - 1] = ForkJoinTask.adapt(() -> body.accept(c)).fork();
                }
                body.accept(0);
                for (ForkJoinTask<?> t : tasks) {
                    t.join();
                }
            }
        });
    }
}
