package dev.jgrad.backend.vector;

import dev.jgrad.backend.Parallel;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.function.IntUnaryOperator;

/**
 * float64 GEMM, C = alpha op(A) op(B) + beta C, in the BLIS style: per k-block, B is packed into
 * micro-panels of NR columns (packing absorbs transB, so a transposed B is read in place), and a
 * register-tiled micro-kernel ({@link Micro64}) computes each MR x NR tile of C. A is packed into MR-row
 * micro-panels when many B panels reuse it; for skinny products (few columns) it is read in place,
 * row-major or transposed, except a partial last panel (padded with zero rows). Full tiles are stored
 * straight into C; edge tiles go through a scratch tile and only their valid part is merged. {@link #affine}
 * (Linear's forward) adds the bias row and applies ReLU to each tile right after its last k-block, while the
 * tile is in L1.
 *
 * <p>Loop order per chunk: MC rows, then KC of k, then NC columns (pack B: KC x NC), then MR-row
 * micro-panels of A (one stays in L1) against every NR-column micro-panel of B (streamed from the
 * L2-resident B block). Chunks of C are split among threads by {@link GemmPlan}; in large products split by
 * columns the threads take column blocks as they go instead, A packed once for all ({@link Shared}); a small C
 * with a k of two or more k-blocks is split by k instead, the partial products summed ({@link #splitK}). Up to
 * {@link #TAIL} columns past the last whole vector are left out of the tiles and computed by the tail kernels
 * over all of k, their rows shared among the chunks. Products with at most {@link Gemv64#MAX_SKINNY} rows or
 * columns go to {@link Gemv64}, and products at most two vectors wide, not large enough to split, to
 * {@link Small64} (see {@link #direct}).
 */
final class Gemm64 {

    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    static final int L = S.length();

    /** The register tile: 6 rows x 4 vectors where there are 32 vector registers, else 4 x 2 (see {@link Micro64}). */
    private static final boolean WIDE = GemmPlan.wideTile(S.vectorBitSize());
    static final int MR = WIDE ? 6 : 4;
    static final int NV = WIDE ? 4 : 2;
    static final int NR = NV * L;
    /**
     * k-block: the MR x KC A micro-panel (at most 24 KiB) stays in L1 while the B micro-panels stream past it.
     * Each k-block reads and writes every tile of C once more, so for large products a longer block pays: 512
     * ran 2048 x 2048 x 2048 3-4% faster than 256 at one thread and 5-9% at two, and 512 x 512 x 512 and
     * the lecture shapes 1-3% faster (Interleaved); 768 and 1024 were slower again.
     */
    static final int KC = 512;
    /**
     * Column block: the KC x NC packed B block stays in L2 while every MR-row panel of A passes it, so each
     * column block streams the packed A block once more (from L3, or memory when the machine is busy): the wider
     * the block, the less of that. 512 KiB when jgrad runs on one thread with the wide tile (whose machines,
     * AVX-512, NEON, SVE, have 1 MiB of L2 per core or more): an mlp256 step took 0.96-0.98x the time of 256 KiB
     * blocks (its 256-column products read A's rows in place once instead of twice), 2048³ 0.967-1.026x
     * (fastest of Interleaved's rounds, six runs, five at 0.97-0.98x), other sizes no different. With two
     * threads 2048³ came out 0.996-1.029x in seven runs, so there, and with the 4 x 2 tile (Zen 3's 512 KiB
     * L2), the block stays 256 KiB.
     */
    static final int NC = Math.max(1, (WIDE && Parallel.threads() == 1 ? 512 : 256) * 1024 / Double.BYTES / KC / NR)
            * NR;
    /**
     * Up to this many rows of A pass a block of B, B is read in place rather than packed (see
     * {@link #readsBInPlace}): three panels. At 1 thread (Interleaved, medians of 15 rounds against packing):
     * 8 x 784 x 256 0.61x the time, 12 x 784 x 256 0.62x, 16 x 784 x 256 0.93x, 16 x 3072 x 100 0.85x,
     * 16 x 512 x 512 0.96x, 18 x 784 x 256 0.94x; at 24 rows 0.85x and 1.03x, 36 rows 1.00x, 48 rows 1.16x.
     */
    static final int B_IN_PLACE_ROWS = 3 * MR;
    /**
     * Row block: bounds the packed A block (MC x KC), which every column block streams again; a taller A is cut
     * into equal blocks ({@link #rowBlock}). 512 panels in single precision (6 MiB with the 6 x 4 tile; 128 or
     * 256 panels were no faster at 2048³). 128 in double precision, whose column blocks are half as wide, so
     * each streams 3 MiB rather than 12: 2048³ in float64 took 0.89-0.96x the time at 1 thread and 0.86-0.88x
     * at 2, 1024³ (two blocks of 512 rows) 0.94-0.95x and 0.99-1.00x (Interleaved GemmBench, both orders).
     */
    static final int MC = (Double.BYTES == 4 ? 512 : 128) * MR;
    /**
     * A is packed when more than this many B micro-panels reuse each of its panels: then packing is cheap
     * next to the products, and a packed panel is one contiguous stream, where rows read in place at a
     * power-of-two stride fall into the same L1 sets (1024 x 1024 ran at two thirds of the speed in place).
     * Where A's panels are packed with permutes of 16 lanes ({@link #interleave6}), 8 rather than 16: in single
     * precision 2048³ at 2 threads, whose chunks are 16 panels wide, took 0.95-1.00x the time packed
     * (Interleaved medians of six runs: 0.95, 0.96, 0.98, 1.00, 1.00, 1.00), 1024³ at 1 thread 0.95-1.02x
     * (four runs). With 8 lanes (double precision on AVX-512) each permute moves half as much, and
     * 512³ at 1 thread took 1.04-1.05x the time packed at 8: 16 there.
     */
    private static final int PACK_A_PANELS = WIDE && L >= 16 ? 8 : 16;
    /**
     * Columns past the last whole vector, when there are at most this many, are computed apart by the tail
     * kernels ({@link #tail}), with the lanes along k (or along m for a transposed A), where in the tiles they
     * would fill a whole vector of every row with mostly padding: in single precision [128x784]x[784x100]
     * took 1.19x the time of [128x784]x[784x96] padded. With the tail kernels, at 1 thread (Interleaved,
     * medians of 21 rounds, several runs), single precision: [128x784]x[784x100] 0.93-0.95x the time, the
     * transposed-A [784x128]x[128x100] (the weight gradient) 0.85-0.90x, [100x3072]x[3072x100] 0.96-0.97x;
     * double precision 0.93x, 0.93-0.95x and 0.90-0.92x. Up to 12 tail columns (in groups of four) was no
     * faster for 8 and slower for 12: each group reads A again. Only with the 6 x 4 tile: the tail kernels
     * hold 24 accumulators.
     */
    static final int TAIL = WIDE && L >= 4 ? 4 : 0;
    /** The lanes with bit L/2 (L/4) set, and lane i swapped with lane i ^ L/2 (i ^ L/4): see {@link #fold}. */
    private static final VectorMask<Double> MH = lanesWith(L / 2);
    private static final VectorMask<Double> MQ = lanesWith(L / 4);
    private static final VectorShuffle<Double> XH = VectorShuffle.fromOp(S, i -> i ^ (L / 2));
    private static final VectorShuffle<Double> XQ = VectorShuffle.fromOp(S, i -> i ^ (L / 4));
    /**
     * Packing L k steps of six rows of A (stored row-major) with two-vector permutes: the rows' pairs are
     * interleaved (LO: the first L/2 k steps, HI: the rest), then each packed vector takes its lanes from the
     * three pairs (OA from the first two, OB adds the third): 18 permutes for 6 L values, where the scalar
     * loop moves each value on its own. 2048³ at 1 thread, whose A is packed, took 0.97-0.99x the time
     * (Interleaved, two runs); at 2 threads with A packed, 0.97-0.99x the time of the scalar packing (three).
     * See {@link #interleave6}.
     */
    private static final boolean INTERLEAVE = MR == 6 && L >= 4;
    private static final DoubleVector LO = indexes(l -> l % 2 == 0 ? l / 2 : L + l / 2);
    private static final DoubleVector HI = indexes(l -> (l % 2 == 0 ? l / 2 : L + l / 2) + L / 2);
    private static final DoubleVector[] OA = new DoubleVector[3];
    private static final DoubleVector[] OB = new DoubleVector[3];

    static {
        for (int j = 0; j < 3; j++) {
            int o = j * L;
            OA[j] = indexes(l -> pair(o + l) == 0 ? pairLane(o + l) : pair(o + l) == 1 ? L + pairLane(o + l) : 0);
            OB[j] = indexes(l -> pair(o + l) == 2 ? L + pairLane(o + l) : l);
        }
    }

    /** Beyond this k, a product of at most {@link Gemv64#MAX_SKINNY} columns is left to Gemv64's dot products. */
    private static final int DIRECT_MAX_K = 128;

    private static final ThreadLocal<Buffers> BUFFERS = ThreadLocal.withInitial(Buffers::new);

    private Gemm64() {
    }

    private static DoubleVector indexes(IntUnaryOperator f) {
        double[] v = new double[L];
        for (int l = 0; l < L; l++) {
            v[l] = f.applyAsInt(l);
        }
        return DoubleVector.fromArray(S, v, 0);
    }

    /** Packed value e (k step e / 6, row e % 6) of a half: in the pair of rows (e % 6) / 2 ... */
    private static int pair(int e) {
        return e % 6 / 2;
    }

    /** ... at this lane of the pair's interleaved vector (k step, then the pair's row). */
    private static int pairLane(int e) {
        return e / 6 * 2 + e % 2;
    }

    private static VectorMask<Double> lanesWith(int bit) {
        boolean[] set = new boolean[L];
        for (int i = 0; i < L; i++) {
            set[i] = (i & bit) != 0;
        }
        return VectorMask.fromArray(S, set, 0);
    }

    /**
     * One call's operands, shared read-only by its chunks, and its epilogue: after the last k-block each tile of
     * C gets the bias row added (when bias is not null) and then ReLU (when relu), while it is in cache.
     */
    private record Problem(boolean transA, boolean transB, int k, double alpha, double[] a, int ao, int lda,
                           double[] b, int bo, int ldb, double beta, double[] c, int co, int ldc,
                           double[] bias, int biasOffset, boolean relu) {

        boolean epilogue() {
            return bias != null || relu;
        }

        /** k steps [p0, p0 + kt) of this product, C = that part alone, into c: no alpha, beta or epilogue. */
        Problem kPart(int p0, int kt, double[] c, int co, int ldc) {
            return new Problem(transA, transB, kt, 1.0, a, transA ? ao + p0 * lda : ao + p0, lda, b,
                    transB ? bo + p0 : bo + p0 * ldb, ldb, 0.0, c, co, ldc, null, 0, false);
        }
    }

    /**
     * Per-thread packing buffers, grown on demand and reused: first touch of fresh pages is slow. {@code a} holds
     * a packed block of A (at most MC x KC), or on the calling thread a product's whole packed A for
     * {@link Shared} (at most 32 MB).
     */
    private static final class Buffers {
        private double[] a = new double[0];
        private double[] b = new double[0];
        private final double[] tile = new double[MR * NR];
        private double[] tailB = new double[0];
        private double[] partial = new double[0];
        private final double[] sums = new double[MR * 4 * L];

        double[] a(int size) {
            if (a.length < size) {
                a = new double[size];
            }
            return a;
        }

        double[] b(int size) {
            if (b.length < size) {
                b = new double[size];
            }
            return b;
        }

        double[] tailB(int size) {
            if (tailB.length < size) {
                tailB = new double[size];
            }
            return tailB;
        }

        double[] partial(int size) {
            if (partial.length < size) {
                partial = new double[size];
            }
            return partial;
        }
    }

    static void gemm(boolean transA, boolean transB, int m, int n, int k, double alpha,
                     double[] a, int ao, int lda, double[] b, int bo, int ldb,
                     double beta, double[] c, int co, int ldc) {
        run(new Problem(transA, transB, k, alpha, a, ao, lda, b, bo, ldb, beta, c, co, ldc, null, 0, false), m, n);
    }

    /** C = op(A) op(B) + bias row, then ReLU when relu (see {@link dev.jgrad.backend.Kernels#affine}). */
    static void affine(boolean transA, boolean transB, int m, int n, int k, double[] a, int ao, int lda,
                       double[] b, int bo, int ldb, double[] bias, int biasOffset, boolean relu,
                       double[] c, int co, int ldc) {
        run(new Problem(transA, transB, k, 1.0, a, ao, lda, b, bo, ldb, 0.0, c, co, ldc, bias, biasOffset, relu), m, n);
    }

    private static void run(Problem q, int m, int n) {
        if (m <= 0 || n <= 0) {
            return;
        }
        int k = q.k();
        boolean direct = direct(m, n, k);
        int tail = n > L && n % L <= TAIL ? n % L : 0;
        int nb = n - tail;  // the columns the tiles compute
        // A few rows against a B the tiles read in place go to the tiles, whose kernel reads B once for all of
        // them, where the matrix-vector path reads it once a row (at 1 thread, 1 x 784 x 256 took 0.57x the
        // time, 2 x 784 x 256 0.41x, 4 x 784 x 256 0.25x, 4 x 3072 x 100 0.36x). Every column block of nb is
        // whole vectors when nb is (NC is).
        boolean fewRowsInPlace = n > Gemv64.MAX_SKINNY && readsBInPlace(q, m, nb);
        if (direct || n <= Gemv64.MAX_SKINNY || m <= Gemv64.MAX_SKINNY && !fewRowsInPlace) {
            // Small and skinny products: the epilogue, if any, is one pass over a C that is still in cache.
            if (direct) {
                Small64.gemm(q.transA(), q.transB(), m, n, k, q.alpha(), q.a(), q.ao(), q.lda(), q.b(), q.bo(),
                        q.ldb(), q.beta(), q.c(), q.co(), q.ldc(), q.transB() ? BUFFERS.get().b(k * n) : null);
            } else {
                Gemv64.gemm(q.transA(), q.transB(), m, n, k, q.alpha(), q.a(), q.ao(), q.lda(), q.b(), q.bo(),
                        q.ldb(), q.beta(), q.c(), q.co(), q.ldc());
            }
            if (q.epilogue()) {
                epilogue(q, m, n, q.co());
            }
            return;
        }
        if (Parallel.inline()) {
            block(q, 0, m, 0, nb);
            tail(q, 0, m, nb, tail);
            return;
        }
        boolean dense = Parallel.sinceLastJob() < GemmPlan.DENSE_GAP_NANOS || lastProduct.again(m, n, k);
        GemmPlan plan = GemmPlan.of(m, nb, k, MR, NR, L, Parallel.threads(), dense);
        int kParts = plan.chunks() > 1 && tail == 0 && q.alpha() == 1.0 && q.beta() == 0.0
                ? GemmPlan.kParts(m, nb, k, kBlock(k), Parallel.threads()) : 1;
        if (kParts > 1) {
            splitK(q, m, nb, kParts);
        } else if (plan.chunks() == 1) {
            block(q, 0, m, 0, nb);
            tail(q, 0, m, nb, tail);
        } else {
            // Each chunk also takes an equal band of the tail's rows, whole groups of its kernel's rows.
            int group = q.transA() ? L : MR;
            int band = GemmPlan.ceilDiv(GemmPlan.ceilDiv(m, plan.chunks()), group) * group;
            Shared shared = Shared.worth(plan, m, nb, k)
                    ? new Shared(BUFFERS.get().a((int) Shared.size(m, k)), m, nb, k) : null;
            Parallel.forEach(plan.chunks(), t -> {
                if (shared != null) {
                    shared.run(q, nb, t, plan.chunks());
                } else {
                    int i0 = plan.rowStart(t);
                    int j0 = plan.colStart(t);
                    block(q, i0, Math.min(m, i0 + plan.rowBand()), j0, Math.min(nb, j0 + plan.colBand()));
                }
                tail(q, Math.min(m, t * band), Math.min(m, (t + 1) * band), nb, tail);
            });
        }
        lastProduct = new Last(m, n, k, System.nanoTime());
    }

    /**
     * Whether a product goes to {@link Small64}: one whose columns fit its strip of two vectors, below the size
     * a thread plan would split, unless it has at most {@link Gemv64#MAX_SKINNY} columns and a k long enough for
     * Gemv64's dot products along k. The tiles would compute at most two vectors of such a C at a time anyway,
     * after packing, and the matrix-vector path runs columns past the last whole vector one at a time.
     */
    static boolean direct(int m, int n, int k) {
        return k <= 0 || n <= 2 * L && (long) m * n * k < GemmPlan.PARALLEL_MIN
                && (n > Gemv64.MAX_SKINNY || k <= DIRECT_MAX_K);
    }

    /**
     * The shape of the last product that could split, and when it ended. The same product again right after
     * it is planned as a dense run (see {@link GemmPlan}), as right after a job the pool ran: a loop of
     * products of one shape, whose operands are those of the last call or like them, pays the worker's
     * wake-up once. (A product right after another of another shape is not: mlp256's layer-2 products, split
     * after the last layer's small ones, lost more than they gained; see {@link GemmPlan}.)
     */
    private record Last(int m, int n, int k, long end) {
        boolean again(int m, int n, int k) {
            return m == this.m && n == this.n && k == this.k && System.nanoTime() - end < GemmPlan.DENSE_GAP_NANOS;
        }
    }

    private static volatile Last lastProduct = new Last(0, 0, 0, 0);

    /**
     * C = A B (alpha 1, beta 0, then the epilogue) with k cut at its k-blocks, one block per chunk (see
     * {@link GemmPlan#kParts}): chunk 0 writes its block's product into C, chunk t its own into a buffer of the
     * thread that runs it (at (t - 1) m nb, so one thread may run several chunks), and the chunk that ends last
     * adds the parts to C in block order, then applies the epilogue. One thread computes the same values: it
     * adds each later k-block's product to C in that order.
     */
    private static void splitK(Problem q, int m, int nb, int parts) {
        int kc = kBlock(q.k());
        int size = m * nb;
        double[][] partial = new double[parts][];
        AtomicInteger left = new AtomicInteger(parts);
        Parallel.forEach(parts, t -> {
            int p0 = t * kc;
            int kt = Math.min(kc, q.k() - p0);
            if (t == 0) {
                block(q.kPart(p0, kt, q.c(), q.co(), q.ldc()), 0, m, 0, nb);
            } else {
                partial[t] = BUFFERS.get().partial((parts - 1) * size);
                block(q.kPart(p0, kt, partial[t], (t - 1) * size, nb), 0, m, 0, nb);
            }
            if (left.decrementAndGet() == 0) {
                reduce(q, m, nb, partial);
            }
        });
    }

    /**
     * C += part t of partial[t] (m x nb at (t - 1) m nb, rows nb apart), t = 1, 2, ..., merged as a later
     * k-block's tile is (alpha is 1); then the epilogue.
     */
    private static void reduce(Problem q, int m, int nb, double[][] partial) {
        for (int t = 1; t < partial.length; t++) {
            merge(q, partial[t], (t - 1) * m * nb, nb, m, nb, q.co(), false);
        }
        if (q.epilogue()) {
            epilogue(q, m, nb, q.co());
        }
    }

    /**
     * Rows [i0, i1) of the last t (at most {@link #TAIL}) columns of C, from column j0 on, over all of k:
     * each result is a dot product of a row of op(A) and a column of op(B), with the lanes along k when A's
     * rows are contiguous (dot kernels, the lanes summed at the end in a fixed order, see {@link #sums}),
     * along m when A is stored transposed (column kernels). The t columns of op(B) are copied first; every
     * kernel computes four columns and only t are kept. Then C = alpha * result + beta * C (beta 0 ignores
     * C), and the epilogue.
     */
    private static void tail(Problem q, int i0, int i1, int j0, int t) {
        if (t == 0 || i0 >= i1) {
            return;
        }
        Buffers buf = BUFFERS.get();
        double[] bt = buf.tailB(4 * q.k());
        if (q.transA()) {
            tailColumns(q, i0, i1, j0, t, bt, buf.sums);
        } else {
            tailDots(q, i0, i1, j0, t, bt, buf.sums);
        }
        if (q.epilogue()) {
            epilogue(q, i1 - i0, t, q.co() + i0 * q.ldc() + j0);
        }
    }

    /**
     * The tail with the dot kernels (A's rows contiguous). The t columns of op(B) go one after another into
     * bt (bt[j * k + p]); columns past t hold whatever is there, and their results are dropped. Each part
     * is a method of its own, so that C2 compiles it apart, once: the whole tail in one method was compiled
     * four times during an mlp100 run's first seconds, 100-130 ms each.
     */
    private static void tailDots(Problem q, int i0, int i1, int j0, int t, double[] bt, double[] s) {
        int k = q.k();
        for (int j = 0; j < t; j++) {
            copyColumn(q, j0 + j, bt, j * k, 1);
        }
        double[] a = q.a();
        int lda = q.lda();
        int i = i0;
        for (; i + MR <= i1; i += MR) {
            Micro64.dot6x4(k, a, q.ao() + i * lda, lda, bt, s);
            sums(s, MR);
            rest(k, a, q.ao() + i * lda, lda, MR, bt, s);
            put(q, s, MR, true, q.co() + i * q.ldc() + j0, t);
        }
        for (; i < i1; i++) {
            Micro64.dot1x4(k, a, q.ao() + i * lda, lda, bt, s);
            sums(s, 1);
            rest(k, a, q.ao() + i * lda, lda, 1, bt, s);
            put(q, s, 1, true, q.co() + i * q.ldc() + j0, t);
        }
    }

    /**
     * The tail with the column kernels (A stored transposed): a k step's four values of op(B) together in bt
     * (bt[p * 4 + j]).
     */
    private static void tailColumns(Problem q, int i0, int i1, int j0, int t, double[] bt, double[] s) {
        int k = q.k();
        for (int j = 0; j < t; j++) {
            copyColumn(q, j0 + j, bt, j, 4);
        }
        double[] a = q.a();
        int lda = q.lda();
        int i = i0;
        for (; i + MR * L <= i1; i += MR * L) {
            Micro64.cols6x4(k, a, q.ao() + i, lda, bt, s);
            put(q, s, MR * L, false, q.co() + i * q.ldc() + j0, t);
        }
        for (; i < i1; i += L) {
            Micro64.cols1x4(k, a, q.ao() + i, lda, bt, s, S.indexInRange(i, i1));
            put(q, s, Math.min(L, i1 - i), false, q.co() + i * q.ldc() + j0, t);
        }
    }

    /** Column j of op(B), all k values, into dst from d on, stride apart. */
    private static void copyColumn(Problem q, int j, double[] dst, int d, int stride) {
        double[] b = q.b();
        int k = q.k();
        int src = q.transB() ? q.bo() + j * q.ldb() : q.bo() + j;  // B stored n x k: a row; k x n: a column
        int step = q.transB() ? 1 : q.ldb();
        if (stride == 1 && step == 1) {
            System.arraycopy(b, src, dst, d, k);
            return;
        }
        for (int p = 0; p < k; p++) {
            dst[d + p * stride] = b[src + p * step];
        }
    }

    /**
     * C = alpha * s + beta * C (beta 0 ignores C) for rows x t tail results at ci. Row r's column j is at
     * s[MR * L + r * 4 + j] from the dot kernels, at s[(r / L * 4 + j) * L + r % L] from the column kernels.
     */
    private static void put(Problem q, double[] s, int rows, boolean dot, int ci, int t) {
        double[] c = q.c();
        double alpha = q.alpha();
        double beta = q.beta();
        int js = dot ? 1 : L;
        for (int r = 0; r < rows; r++) {
            int si = dot ? MR * L + r * 4 : r / L * 4 * L + r % L;
            int cr = ci + r * q.ldc();
            for (int j = 0; j < t; j++) {
                double v = alpha * s[si + j * js];
                c[cr + j] = beta == 0.0 ? v : v + beta * c[cr + j];
            }
        }
    }

    /**
     * The dot kernels' sums: the rows x 4 accumulators stored at s[(r * 4 + j) * L] summed across their lanes
     * into s[MR * L + r * 4 + j], in an order that is the same compiled or interpreted (unlike reduceLanes).
     * Each row's four vectors are folded into one (see {@link #fold}), whose quarters are then summed lane by
     * lane. Apart from the kernels, so that C2 compiles it within its own node budget: inlined into a dot
     * kernel, the folds' vectors were boxed (1.4-1.5x the time).
     */
    private static void sums(double[] s, int rows) {
        for (int r = 0; r < rows; r++) {
            int at = 4 * r * L;
            DoubleVector p = fold(DoubleVector.fromArray(S, s, at), DoubleVector.fromArray(S, s, at + L), MH, XH);
            DoubleVector q = fold(DoubleVector.fromArray(S, s, at + 2 * L), DoubleVector.fromArray(S, s, at + 3 * L),
                    MH, XH);
            fold(p, q, MQ, XQ).intoArray(s, r * L);  // below the rows still to fold
        }
        int g = L / 4;
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < 4; j++) {
                int at = r * L + (j % 2) * (L / 2) + (j / 2) * g;  // columns 0, 1, 2, 3 in quarters 0, 2, 1, 3
                double sum = s[at];
                for (int l = 1; l < g; l++) {
                    sum += s[at + l];
                }
                s[MR * L + r * 4 + j] = sum;
            }
        }
    }

    /** The k steps past the dot kernel's last whole vector, for its rows (lda apart), added to their sums. */
    private static void rest(int k, double[] a, int ai, int lda, int rows, double[] bt, double[] s) {
        for (int p = S.loopBound(k); p < k; p++) {
            for (int r = 0; r < rows; r++) {
                double v = a[ai + r * lda + p];
                for (int j = 0; j < 4; j++) {
                    s[MR * L + r * 4 + j] += v * bt[j * k + p];
                }
            }
        }
    }

    /**
     * Lanes with the mask's bit clear take x's lane plus x's lane that bit apart, the others y's. Folding
     * (r0, r1) and (r2, r3) at bit L/2, then the two results at bit L/4, leaves a vector whose quarters hold
     * partial sums of r0, r2, r1 and r3.
     */
    private static DoubleVector fold(DoubleVector x, DoubleVector y, VectorMask<Double> upper,
                                    VectorShuffle<Double> swap) {
        return x.blend(y, upper).add(y.blend(x, upper).rearrange(swap));
    }

    /**
     * C[i0..i1, j0..j1) on the calling thread. Full MR-row panels of A are read in place when few B panels
     * reuse them (skinny products, where packing would not pay); otherwise, and for a last partial panel
     * (padded with zero rows), A is packed. Full tiles are stored straight into C when alpha is 1.
     */
    private static void block(Problem q, int i0, int i1, int j0, int j1) {
        Buffers buf = BUFFERS.get();
        int k = q.k();
        int kcMax = kBlock(k);
        boolean packAll = j1 - j0 > PACK_A_PANELS * NR;
        int mcMax = rowBlock(i1 - i0);
        for (int ic = i0; ic < i1; ic += mcMax) {
            int mc = Math.min(mcMax, i1 - ic);
            for (int pc = 0; pc < k; pc += kcMax) {
                int kc = Math.min(kcMax, k - pc);
                int full = packAll ? 0 : mc / MR * MR;
                double[] pa = buf.a(GemmPlan.ceilDiv(mc - full, MR) * MR * kc);
                if (mc > full) {
                    packA(q, ic + full, mc - full, pc, kc, pa, 0);
                }
                for (int jc = j0; jc < j1; jc += NC) {
                    columns(q, buf, ic, mc, pc, kc, jc, Math.min(NC, j1 - jc), full, pa, 0);
                }
            }
        }
    }

    /** The row-block height for this many rows: equal blocks of at most MC rows, whole panels, none tiny. */
    private static int rowBlock(int rows) {
        return GemmPlan.ceilDiv(GemmPlan.ceilDiv(rows, GemmPlan.ceilDiv(rows, MC)), MR) * MR;
    }

    /** The k-block length for k: equal blocks of at most KC, none tiny. */
    private static int kBlock(int k) {
        return GemmPlan.ceilDiv(k, GemmPlan.ceilDiv(k, KC));
    }

    /**
     * C[ic.., jc..] (mc x nc) gets the k-block at pc (kc deep): B's block is packed (or read in place), then
     * every MR-row panel of A passes every NR-column panel of it. A's panels from row {@code full} on are packed
     * in pa from pao (panel ir at pao + (ir - full) * kc); those before it are read in place.
     */
    private static void columns(Problem q, Buffers buf, int ic, int mc, int pc, int kc, int jc, int nc, int full,
                                double[] pa, int pao) {
        double[] tile = buf.tile;
        boolean first = pc == 0;
        boolean last = pc + kc == q.k();
        // Straight into C: C = tile (beta 0, first block) or C += tile (beta 1, or a later block).
        boolean direct = q.alpha() == 1.0 && (!first || q.beta() == 0.0 || q.beta() == 1.0);
        boolean add = !first || q.beta() == 1.0;
        // A B block one micro-panel wide, stored with that width as its row stride (as a transposed
        // operand the caller prepared), is already in the packed layout: it is read in place.
        // Otherwise, for few rows of A, the in-place kernels read B's rows where they are stored.
        boolean laidOut = !q.transB() && nc <= NR && nc % L == 0 && q.ldb() == nc;
        boolean inPlace = !laidOut && readsBInPlace(q, mc, nc);
        boolean packed = !laidOut && !inPlace;
        double[] pb = packed ? buf.b(GemmPlan.ceilDiv(nc, NR) * NR * kc) : q.b();
        int pbo = packed ? 0 : q.bo() + pc * q.ldb() + jc;
        if (packed) {
            packB(q, pc, kc, jc, nc, pb);
        }
        for (int ir = 0; ir < mc; ir += MR) {
            int cRow = q.co() + (ic + ir) * q.ldc() + jc;
            int mr = Math.min(MR, mc - ir);
            double[] as = pa;
            int ai = pao + (ir - full) * kc;
            int ars = 1;
            int acs = MR;
            if (ir < full) {
                as = q.a();
                ai = q.transA() ? q.ao() + pc * q.lda() + ic + ir : q.ao() + (ic + ir) * q.lda() + pc;
                ars = q.transA() ? 1 : q.lda();
                acs = q.transA() ? q.lda() : 1;
            }
            for (int jr = 0; jr < nc; jr += NR) {
                int nr = Math.min(NR, nc - jr);
                int nv = vectors(nr);
                boolean straight = direct && mr == MR && nr == nv * L;
                double[] dst = straight ? q.c() : tile;
                int di = straight ? cRow + jr : 0;
                int ld = straight ? q.ldc() : NR;
                if (inPlace) {
                    microInPlace(nv, kc, as, ai, ars, acs, pb, pbo + jr, q.ldb(), dst, di, ld, straight && add);
                } else {
                    micro(nv, kc, as, ai, ars, acs, pb, pbo + jr * kc, dst, di, ld, straight && add);
                }
                if (!straight) {
                    merge(q, tile, 0, NR, mr, nr, cRow + jr, first);
                }
                if (last && q.epilogue()) {
                    epilogue(q, mr, nr, cRow + jr);
                }
            }
        }
    }

    /**
     * A large product whose threads split C's columns, with the work handed out as they ask for it: on a shared
     * machine one core often runs slower than the other for seconds at a time, and with fixed halves the
     * faster thread then waits at the end (2048³ at 2 threads: the halves ended 3-14 ms apart in a 52-62 ms
     * product). The unit of work is one column block (NC columns) of one k-block; each thread takes its own
     * half's blocks first, in order, then the others' from the far end. A is packed once, into one buffer for
     * all of k, each group of panels by whichever thread gets to it first. A thread waits only for work another
     * thread has started (a group of A being packed, or the same column block's previous k-block), so the
     * chunks may also run one after the other, on one thread: the first then does everything.
     */
    private static final class Shared {
        /** Panels of A per packing claim. */
        private static final int GROUP = 32;
        /** The most values of packed A (32 MB), in the calling thread's buffer, which keeps it for the next product. */
        private static final long MAX = (32L << 20) / Double.BYTES;
        private static final int FREE = 0;
        private static final int TAKEN = 1;
        private static final int DONE = 2;

        /** A packed: the k-block at pc at pc * (m in whole panels), its panel ir at ir * kc. */
        final double[] a;
        private final int m;
        private final int k;
        private final int kcMax;
        private final int groups;
        private final int blocks;
        private final AtomicIntegerArray packed;  // per k-block and group of panels
        private final AtomicIntegerArray work;    // per k-block and column block
        /** Set when a chunk fails: the others stop waiting for its work, and the call rethrows its exception. */
        private volatile boolean failed;

        /**
         * For C split by columns only, more than 2 * PACK_A_PANELS panels wide (1024 single-precision columns with
         * 16 lanes), at least two column blocks per chunk, one row block, and packed A at most MAX values. (1024³
         * at 2 threads, whose chunks read A in place, ran 1.03-1.06x slower this way in its fastest rounds.)
         */
        static boolean worth(GemmPlan plan, int m, int nb, int k) {
            return plan.rowBands() == 1 && plan.chunks() > 1 && nb > 2 * PACK_A_PANELS * NR
                    && GemmPlan.ceilDiv(nb, NC) >= 2 * plan.chunks() && m <= MC && size(m, k) <= MAX;
        }

        Shared(double[] a, int m, int nb, int k) {
            this.a = a;
            this.m = m;
            this.k = k;
            this.kcMax = kBlock(k);
            this.groups = GemmPlan.ceilDiv(GemmPlan.ceilDiv(m, MR), GROUP);
            this.blocks = GemmPlan.ceilDiv(nb, NC);
            int kBlocks = GemmPlan.ceilDiv(k, kcMax);
            this.packed = new AtomicIntegerArray(kBlocks * groups);
            this.work = new AtomicIntegerArray(kBlocks * blocks);
        }

        /** Packed A's length. */
        static long size(int m, int k) {
            return (long) GemmPlan.ceilDiv(m, MR) * MR * k;
        }

        /** Chunk t of n: takes column blocks until none is left, k-block by k-block. */
        void run(Problem q, int nb, int t, int n) {
            try {
                take(q, nb, t, n);
            } catch (RuntimeException | Error e) {
                failed = true;
                throw e;
            }
        }

        private void take(Problem q, int nb, int t, int n) {
            Buffers buf = BUFFERS.get();
            int home = blocks * t / n;
            int homeEnd = blocks * (t + 1) / n;
            for (int pc = 0, kb = 0; pc < k; pc += kcMax, kb++) {
                int kc = Math.min(kcMax, k - pc);
                int at = pc * GemmPlan.ceilDiv(m, MR) * MR;
                if (!pack(q, pc, kc, at, kb * groups, t)) {
                    return;
                }
                int base = kb * blocks;
                for (int i = 0; i < blocks; i++) {
                    // Own blocks in order, then the others': those after its own from the far end, then those
                    // before it from the nearest.
                    int r = i - (homeEnd - home);
                    int after = blocks - homeEnd;
                    int j = r < 0 ? home + i : r < after ? blocks - 1 - r : home - 1 - (r - after);
                    if (work.get(base + j) != FREE || !work.compareAndSet(base + j, FREE, TAKEN)) {
                        continue;
                    }
                    // The same block's previous k-block is taken already: this thread took every free block of it.
                    if (kb > 0 && !await(work, base - blocks + j)) {
                        return;
                    }
                    int jc = j * NC;
                    columns(q, buf, 0, m, pc, kc, jc, Math.min(NC, nb - jc), 0, a, at);
                    work.set(base + j, DONE);
                }
            }
        }

        /**
         * The k-block's panels of A, each group packed by the first thread to take it; then waits for the rest.
         * False when another chunk failed.
         */
        private boolean pack(Problem q, int pc, int kc, int at, int base, int t) {
            int panels = GemmPlan.ceilDiv(m, MR);
            for (int i = 0; i < groups; i++) {
                int g = (t + i) % groups;  // threads start apart
                if (packed.get(base + g) == FREE && packed.compareAndSet(base + g, FREE, TAKEN)) {
                    int r0 = g * GROUP * MR;
                    int r1 = Math.min(m, Math.min(panels, (g + 1) * GROUP) * MR);
                    packA(q, r0, r1 - r0, pc, kc, a, at + r0 * kc);
                    packed.set(base + g, DONE);
                }
            }
            for (int g = 0; g < groups; g++) {
                if (!await(packed, base + g)) {
                    return false;
                }
            }
            return true;
        }

        /**
         * Waits for work another thread is doing; yields the core after a while, for more threads than cores.
         * False when another chunk failed (its work will not be done).
         */
        private boolean await(AtomicIntegerArray state, int i) {
            for (int spins = 0; state.get(i) != DONE; spins++) {
                if (failed) {
                    return false;
                }
                if (spins < 10_000) {
                    Thread.onSpinWait();
                } else {
                    Thread.yield();
                }
            }
            return true;
        }
    }

    /** Vectors in the micro-panel of B that holds {@code nr} columns: NV, or fewer for a narrow last panel. */
    private static int vectors(int nr) {
        return nr >= NR ? NV : GemmPlan.ceilDiv(nr, L);
    }

    /**
     * Whether a k-block of B's columns (nc of them) passed by mc rows of A is read where it is stored, by the
     * in-place kernels, rather than packed: B not transposed, every micro-panel whole vectors, and few rows
     * (at most B_IN_PLACE_ROWS), so that packing would copy B to read each value once or twice.
     */
    private static boolean readsBInPlace(Problem q, int mc, int nc) {
        return !q.transB() && nc % L == 0 && mc <= B_IN_PLACE_ROWS;
    }

    /** The MR x nv-vector micro-kernel of this tiling, B a packed micro-panel. */
    private static void micro(int nv, int kc, double[] a, int ai, int ars, int acs, double[] b, int bi,
                              double[] c, int ci, int ldc, boolean add) {
        if (WIDE) {
            switch (nv) {
                case 4 -> Micro64.kernel6x4(kc, a, ai, ars, acs, b, bi, c, ci, ldc, add);
                case 3 -> Micro64.kernel6x3(kc, a, ai, ars, acs, b, bi, c, ci, ldc, add);
                case 2 -> Micro64.kernel6x2(kc, a, ai, ars, acs, b, bi, c, ci, ldc, add);
                default -> Micro64.kernel6x1(kc, a, ai, ars, acs, b, bi, c, ci, ldc, add);
            }
        } else if (nv == 2) {
            Micro64.kernel4x2(kc, a, ai, ars, acs, b, bi, c, ci, ldc, add);
        } else {
            Micro64.kernel4x1(kc, a, ai, ars, acs, b, bi, c, ci, ldc, add);
        }
    }

    /** The same, B read in place, its k steps brs apart. */
    private static void microInPlace(int nv, int kc, double[] a, int ai, int ars, int acs, double[] b, int bi,
                                     int brs, double[] c, int ci, int ldc, boolean add) {
        if (WIDE) {
            switch (nv) {
                case 4 -> Micro64.kernel6x4r(kc, a, ai, ars, acs, b, bi, brs, c, ci, ldc, add);
                case 3 -> Micro64.kernel6x3r(kc, a, ai, ars, acs, b, bi, brs, c, ci, ldc, add);
                case 2 -> Micro64.kernel6x2r(kc, a, ai, ars, acs, b, bi, brs, c, ci, ldc, add);
                default -> Micro64.kernel6x1r(kc, a, ai, ars, acs, b, bi, brs, c, ci, ldc, add);
            }
        } else if (nv == 2) {
            Micro64.kernel4x2r(kc, a, ai, ars, acs, b, bi, brs, c, ci, ldc, add);
        } else {
            Micro64.kernel4x1r(kc, a, ai, ars, acs, b, bi, brs, c, ci, ldc, add);
        }
    }

    /**
     * Packs op(A)[i0.., p0..] (mc x kc) into micro-panels of MR rows: panel ir/MR starts at ir * kc and
     * holds, per k step, MR consecutive values (rows past mc are zero).
     */
    private static void packA(Problem q, int i0, int mc, int p0, int kc, double[] dst, int at) {
        double[] a = q.a();
        int lda = q.lda();
        for (int ir = 0; ir < mc; ir += MR) {
            int mr = Math.min(MR, mc - ir);
            int d = at + ir * kc;
            int row = i0 + ir;
            if (q.transA() && mr == MR) {
                // A is stored k x m: one k step's MR values are adjacent.
                for (int p = 0; p < kc; p++, d += MR) {
                    int s = q.ao() + (p0 + p) * lda + row;
                    for (int r = 0; r < MR; r++) {  // constant trip count: unrolled by the JIT
                        dst[d + r] = a[s + r];
                    }
                }
            } else if (q.transA()) {
                // A partial panel: zeros, then the rows it has (a select per value ran at several cycles each).
                Arrays.fill(dst, d, d + kc * MR, 0.0);
                for (int p = 0; p < kc; p++) {
                    int s = q.ao() + (p0 + p) * lda + row;
                    for (int r = 0; r < mr; r++) {
                        dst[d + p * MR + r] = a[s + r];
                    }
                }
            } else if (mr == MR) {
                int s = q.ao() + row * lda + p0;
                int p = 0;
                if (INTERLEAVE) {
                    for (; p + L <= kc; p += L, d += MR * L) {
                        interleave6(a, s + p, lda, dst, d);
                    }
                }
                for (; p < kc; p++, d += MR) {
                    for (int r = 0; r < MR; r++) {  // constant trip count: unrolled by the JIT
                        dst[d + r] = a[s + r * lda + p];
                    }
                }
            } else {
                // A partial panel (the last): zeros, then each of its rows read front to back. A select per
                // value in the k loop ran at several cycles a value.
                Arrays.fill(dst, d, d + kc * MR, 0.0);
                for (int r = 0; r < mr; r++) {
                    int s = q.ao() + (row + r) * lda + p0;
                    for (int p = 0; p < kc; p++) {
                        dst[d + p * MR + r] = a[s + p];
                    }
                }
            }
        }
    }

    /** L k steps of six rows of A (lda apart, from s) packed into dst from d: k step p's six values at d + 6p. */
    private static void interleave6(double[] a, int s, int lda, double[] dst, int d) {
        DoubleVector v0 = DoubleVector.fromArray(S, a, s);
        DoubleVector v1 = DoubleVector.fromArray(S, a, s + lda);
        DoubleVector v2 = DoubleVector.fromArray(S, a, s + 2 * lda);
        DoubleVector v3 = DoubleVector.fromArray(S, a, s + 3 * lda);
        DoubleVector v4 = DoubleVector.fromArray(S, a, s + 4 * lda);
        DoubleVector v5 = DoubleVector.fromArray(S, a, s + 5 * lda);
        for (int h = 0; h < 2; h++) {
            DoubleVector x = h == 0 ? LO : HI;
            DoubleVector p01 = x.selectFrom(v0, v1);
            DoubleVector p23 = x.selectFrom(v2, v3);
            DoubleVector p45 = x.selectFrom(v4, v5);
            for (int j = 0; j < 3; j++) {
                OB[j].selectFrom(OA[j].selectFrom(p01, p23), p45).intoArray(dst, d + (3 * h + j) * L);
            }
        }
    }

    /**
     * Packs op(B)[p0.., j0..] (kc x nc) into micro-panels of NR columns: panel jr/NR starts at jr * kc and
     * holds, per k step, NR consecutive values. A narrower last panel holds as many whole vectors as its
     * columns need (columns past nc are zero).
     */
    private static void packB(Problem q, int p0, int kc, int j0, int nc, double[] dst) {
        double[] b = q.b();
        int ldb = q.ldb();
        if (!q.transB()) {
            // Row by row of B: each source row is read once, front to back, and dealt out to the panels (a
            // panel at a time would stride through kc rows per panel: a page each when rows are long).
            // A panel's k step is NV vector moves. In a narrower last panel only the last vector is partial:
            // where it lies inside the array it is loaded whole and its lanes past nc blended to zero (a masked
            // load per vector took 1.06-1.2x the time to pack a 100-column B); the array's last rows
            // take the masked load.
            int full = nc / NR * NR;
            int tail = vectors(nc - full) * L;  // the last panel's width
            int last = tail - L;  // the offset of its last vector
            VectorMask<Double> in = S.indexInRange(full + last, nc);
            DoubleVector zero = DoubleVector.zero(S);
            for (int p = 0; p < kc; p++) {
                int s = q.bo() + (p0 + p) * ldb + j0;
                for (int jr = 0; jr < full; jr += NR) {
                    int dp = jr * kc + p * NR;
                    for (int v = 0; v < NV; v++) {
                        DoubleVector.fromArray(S, b, s + jr + v * L).intoArray(dst, dp + v * L);
                    }
                }
                if (full < nc) {
                    int dp = full * kc + p * tail;
                    for (int v = 0; v < last; v += L) {
                        DoubleVector.fromArray(S, b, s + full + v).intoArray(dst, dp + v);
                    }
                    int e = s + full + last;
                    DoubleVector x = e + L <= b.length ? zero.blend(DoubleVector.fromArray(S, b, e), in)
                            : DoubleVector.fromArray(S, b, e, in);
                    x.intoArray(dst, dp + last);
                }
            }
            return;
        }
        // B is stored n x k: column j of op(B) is row j of B, so each panel is a transpose of nr rows of B.
        // Where the lanes allow, it goes in register blocks (Transpose64); the edges, and other vector
        // widths, go value by value.
        int blk = Transpose64.BLOCKS ? Transpose64.B : Integer.MAX_VALUE;
        for (int jr = 0; jr < nc; jr += NR) {
            int nr = Math.min(NR, nc - jr);
            int w = vectors(nr) * L;  // the panel's width
            int d = jr * kc;
            int s0 = q.bo() + (j0 + jr) * ldb + p0;
            int nb = nr / blk * blk;
            int kb = kc / blk * blk;
            for (int pb = 0; pb < kb; pb += blk) {
                for (int cc = 0; cc < nb; cc += blk) {
                    Transpose64.block(b, s0 + cc * ldb + pb, ldb, dst, d + pb * w + cc, w);
                }
            }
            // The rest value by value (the blocked columns from k step kb on, the others from 0), in strips
            // of 16 k steps that keep the destination (16 x w) in L1 while each source row is read a cache
            // line at a time.
            for (int pb = 0; pb < kc; pb += 16) {
                int pe = Math.min(kc, pb + 16);
                for (int cc = 0; cc < nr; cc++) {
                    int s = s0 + cc * ldb;
                    for (int p = cc < nb ? Math.max(pb, kb) : pb; p < pe; p++) {
                        dst[d + p * w + cc] = b[s + p];
                    }
                }
            }
            if (nr < w) {
                for (int p = 0; p < kc; p++) {
                    Arrays.fill(dst, d + p * w + nr, d + (p + 1) * w, 0.0);
                }
            }
        }
    }

    /**
     * The epilogue on the mr x nr block of C at ci (row stride ldc): each row plus the bias values of its columns
     * (the block's first column is column (ci - co) % ldc of C), then ReLU, x &gt; 0 ? x : 0 (NaN gives 0, as
     * in the reference). Applied to a tile right after its last k-block, while it is in cache.
     */
    private static void epilogue(Problem q, int mr, int nr, int ci) {
        double[] c = q.c();
        double[] bias = q.bias();
        int bo = q.biasOffset() + (ci - q.co()) % q.ldc();
        boolean relu = q.relu();
        DoubleVector zero = DoubleVector.zero(S);
        int vn = S.loopBound(nr);
        for (int r = 0; r < mr; r++) {
            int cr = ci + r * q.ldc();
            for (int j = 0; j < vn; j += L) {
                DoubleVector v = DoubleVector.fromArray(S, c, cr + j);
                if (bias != null) {
                    v = v.add(DoubleVector.fromArray(S, bias, bo + j));
                }
                if (relu) {
                    v = zero.blend(v, v.compare(VectorOperators.GT, 0.0));
                }
                v.intoArray(c, cr + j);
            }
            for (int j = vn; j < nr; j++) {
                double v = bias != null ? c[cr + j] + bias[bo + j] : c[cr + j];
                c[cr + j] = relu ? (v > 0 ? v : 0.0) : v;
            }
        }
    }

    /**
     * Merges mr x nr values of a computed block (at to, rows ts apart: a scratch tile, or a k split's partial
     * product) into C at ci: C = alpha * block + beta * C on the first k-block (beta == 0 ignores C, even
     * NaN), C += alpha * block on later ones.
     */
    private static void merge(Problem q, double[] t, int to, int ts, int mr, int nr, int ci, boolean first) {
        double[] c = q.c();
        double alpha = q.alpha();
        double beta = q.beta();
        DoubleVector va = DoubleVector.broadcast(S, alpha);
        DoubleVector vb = DoubleVector.broadcast(S, beta);
        int vn = S.loopBound(nr);
        for (int r = 0; r < mr; r++) {
            int cr = ci + r * q.ldc();
            int tr = to + r * ts;
            if (!first) {
                for (int j = 0; j < vn; j += L) {
                    DoubleVector.fromArray(S, t, tr + j).mul(va).add(DoubleVector.fromArray(S, c, cr + j))
                            .intoArray(c, cr + j);
                }
                for (int j = vn; j < nr; j++) {
                    c[cr + j] += alpha * t[tr + j];
                }
            } else if (beta == 0) {
                for (int j = 0; j < vn; j += L) {
                    DoubleVector.fromArray(S, t, tr + j).mul(va).intoArray(c, cr + j);
                }
                for (int j = vn; j < nr; j++) {
                    c[cr + j] = alpha * t[tr + j];
                }
            } else {
                for (int j = 0; j < vn; j += L) {
                    DoubleVector.fromArray(S, t, tr + j).mul(va).add(DoubleVector.fromArray(S, c, cr + j).mul(vb))
                            .intoArray(c, cr + j);
                }
                for (int j = vn; j < nr; j++) {
                    c[cr + j] = alpha * t[tr + j] + beta * c[cr + j];
                }
            }
        }
    }
}
