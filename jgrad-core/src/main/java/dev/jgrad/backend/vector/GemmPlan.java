package dev.jgrad.backend.vector;

/**
 * How one GEMM's output C (m x n) is cut into independent chunks for the worker threads: a grid of
 * {@code rowBands} bands of {@code rowBand} rows by {@code colBands} bands of {@code colBand} columns
 * (the last band of each may be shorter). Each chunk packs its own panels, so no chunk waits for another.
 */
record GemmPlan(int rowBand, int colBand, int rowBands, int colBands) {

    /** Below this many multiply-adds (64^3) one thread is faster than handing work to the pool. */
    static final long PARALLEL_MIN = 64L * 64 * 64;
    /**
     * Rough cost model, in cycles: packing one element, and what a split costs the caller. Handing chunks to
     * the pool and back takes a few microseconds (FORK_CYCLES). But afterwards the worker spins (see
     * {@link dev.jgrad.backend.Parallel}), and on a 2-vCPU VM a spinning core slows the other one's
     * memory-bound work by 5-25% (measured: single-threaded mlp100 training with a C pause loop on the other
     * core). So a product that stands alone, between other work, is split only when that saves about 90 us
     * (FORK_ALONE_CYCLES): mlp100's 10M multiply-add products ran 15-20% faster per epoch at 2 threads kept
     * on one thread, while mlp256's 26M ones still gain from two. A product is in a dense run when it starts
     * right after ({@link #DENSE_GAP_NANOS}) the pool's last job ended
     * ({@link dev.jgrad.backend.Parallel#sinceLastJob}: the worker is awake and spinning), or after a product of
     * the same shape (a loop, which pays the wake-up once: 256³ at 2 threads in a loop took 0.59x the time of
     * one thread). Until the thirteenth round "right after" counted from the end of the last product of any
     * shape and size, so mlp256's 4M multiply-add layer-2 products split after the last layer's small ones,
     * which never wake the worker. Kept on one thread, that layer's backward took 131-149 us a step at 2
     * threads against 139-172, and the whole step 0.80-0.97x the time (six alternating pairs of StepPhases
     * mlp256, both orders); an hour later, in a quieter stretch, the same comparison showed no difference
     * either way (three pairs, and Interleaved StepBench 1.000 and 1.036 in the two orders).
     */
    private static final double PACK_CYCLES = 1.0;
    private static final double FORK_CYCLES = 20_000;
    private static final double FORK_ALONE_CYCLES = 300_000;
    /** A product that starts within this long of the pool's last job, or of a product of its shape: a dense run. */
    static final long DENSE_GAP_NANOS = 20_000;

    int chunks() {
        return rowBands * colBands;
    }

    int rowStart(int chunk) {
        return (chunk / colBands) * rowBand;
    }

    int colStart(int chunk) {
        return (chunk % colBands) * colBand;
    }

    /**
     * Picks the grid (at most {@code threads} chunks) with the least modeled time per thread: padded
     * multiply-adds at two FMA vectors of {@code lanes} per cycle, plus the A and B panels that chunk packs,
     * plus the cost of a split, which is lower in a {@code dense} run of products (see FORK_ALONE_CYCLES).
     * Bands are whole micro-tiles (mr rows, nr columns), so tiles never straddle two threads.
     */
    static GemmPlan of(int m, int n, int k, int mr, int nr, int lanes, int threads, boolean dense) {
        int rowPanels = ceilDiv(m, mr);
        int colPanels = ceilDiv(n, nr);
        GemmPlan best = new GemmPlan(m, n, 1, 1);
        if (threads <= 1 || (long) m * n * k < PARALLEL_MIN) {
            return best;
        }
        double bestCost = Double.MAX_VALUE;
        for (int tm = 1; tm <= Math.min(threads, rowPanels); tm++) {
            for (int tn = 1; tm * tn <= threads && tn <= colPanels; tn++) {
                int rp = ceilDiv(rowPanels, tm);
                int cp = ceilDiv(colPanels, tn);
                double rows = (double) rp * mr;
                // A narrow last column panel is padded to whole vectors only (see Gemm32.vectors).
                double cols = Math.min((double) cp * nr, (double) ceilDiv(n, lanes) * lanes);
                double cost = rows * cols * k / (2.0 * lanes)
                        + (Math.min(rows, m) + Math.min(cols, n)) * k * PACK_CYCLES
                        + (tm * tn > 1 ? (dense ? FORK_CYCLES : FORK_ALONE_CYCLES) : 0);
                if (cost < bestCost) {
                    bestCost = cost;
                    best = new GemmPlan(rp * mr, cp * nr, ceilDiv(rowPanels, rp), ceilDiv(colPanels, cp));
                }
            }
        }
        return best;
    }

    /** The most values of C for a product whose k is cut between the threads (see {@link #kParts}). */
    static final long K_SPLIT_MAX_OUTPUT = 64 * 1024;

    /**
     * How many parts to cut k into, one per chunk, for a product the grid plan splits (1: do not): its k-blocks
     * (of {@code kc}), when there are 2 to {@code threads} of them and C holds at most K_SPLIT_MAX_OUTPUT values.
     * A layer's x W (a batch of 128 rows against 784 inputs) split by C's columns has each thread read all of x
     * and a column band of every row of W, while the optimizer's update, cut into contiguous parts, writes W by
     * bands of rows: every step the weights' cache lines move between the threads' cores, which on a machine
     * whose cores share no cache is what a 2-thread step loses. Cut by k, a thread reads W's rows of its
     * k-block (the part of W its share of the update writes, give or take a row) and half of x, and only C's
     * partial sums cross. With one part per k-block the values are those of one thread, which adds the
     * k-blocks' products to C in the same order. Against the column split at 2 threads (the twelfth round):
     * the product alone 0.894x the time in the fastest of Interleaved's rounds, 0.952x in the median; in
     * mlp256's step the update took 66-101 µs instead of 111-172 in seven of ten alternating pairs (the same
     * in the other three), and the whole step 0.87-1.01x the time in Interleaved's fastest rounds and
     * 0.95-1.12x in its medians (three runs): within the machine's noise.
     */
    static int kParts(int m, int n, int k, int kc, int threads) {
        int blocks = ceilDiv(k, kc);
        return blocks >= 2 && blocks <= threads && (long) m * n <= K_SPLIT_MAX_OUTPUT ? blocks : 1;
    }

    /**
     * Whether the micro-kernels use the 6 x 4-vector register tile (24 accumulators, for 32 vector
     * registers: AVX-512, NEON, SVE) rather than 4 x 2 (for the 16 registers of x86 below AVX-512).
     * {@code -Djgrad.gemm.tile=6x4|4x2} overrides the choice, for tests and tuning on a new CPU.
     */
    static boolean wideTile(int vectorBits) {
        String forced = System.getProperty("jgrad.gemm.tile");
        if (forced != null && !forced.isBlank()) {
            return switch (forced.trim()) {
                case "6x4" -> true;
                case "4x2" -> false;
                default -> throw new IllegalArgumentException(
                        "jgrad.gemm.tile: expected 6x4 or 4x2, got '" + forced + "'");
            };
        }
        String arch = System.getProperty("os.arch", "");
        boolean x86 = arch.equals("amd64") || arch.equals("x86_64") || arch.equals("x86") || arch.equals("i386");
        return !x86 || vectorBits >= 512;
    }

    static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }
}
