package dev.jgrad.backend.vector;

/**
 * A stride-1 convolution's product for one image, position-major, read straight from the image's patches:
 * out (OH OW x O) = cols^T wt, where cols is im2col's (C kh kw, OH OW) matrix, without unfolding it. The image
 * is copied into the zero-bordered padded buffer ({@link Unfold32#pad}); then patch value (position q, row k)
 * is {@code padded[corner(q) + off[k]]}, with corner(q) = oy * Wp + ox and off[k] = ch * Hp Wp + i * Wp + j.
 * Six consecutive positions (a row tile) have consecutive corners, except that those on the next output row
 * are Wp - OW further on: the patch kernels ({@code Micro32.kernel6x4p1 .. p6}, one per split) read A that
 * way, with the same loads as an A read in place, and no columns are written and read back.
 *
 * <p>The weights wt (C kh kw x O, row-major) are one micro-panel wide (O = NR), or half of one, so they are
 * read in place as the packed B. k-blocks and the order of each sum follow {@link Gemm32}: per k-block, a
 * tile's k steps in order, then added to the output. A last partial row tile is computed as the six
 * positions that end the image, into a scratch tile, of which the rows not yet stored are merged.
 */
final class Patches32 {

    /** Per-thread offsets and an edge tile, grown on demand. */
    private static final class Buffers {
        int[] off = new int[0];
        final float[] tile = new float[Gemm32.MR * Gemm32.NR];
    }

    private static final ThreadLocal<Buffers> BUFFERS = ThreadLocal.withInitial(Buffers::new);

    private Patches32() {
    }

    /** Whether O output channels are a width the patch kernels have: four or two vectors, with the 6-row tile. */
    private static boolean width(int o) {
        return Gemm32.MR == 6 && (o == Gemm32.NR || o == Gemm32.NR / 2);
    }

    /**
     * Whether {@link #product} takes a convolution with O output channels and an OH x OW output: the 6-row tile,
     * O four or two vectors (one micro-panel, or half of one), and output rows at least a row tile long (so a
     * tile spans at most two).
     */
    static boolean fits(int o, int oh, int ow) {
        return width(o) && ow >= 6 && oh >= 1;
    }

    /**
     * out[oo + q * o + j] (+)= sum over k of patch(q, k) * wt[wo + k * o + j] for the (c, h, w) image at xo,
     * a kh x kw kernel, stride 1 and zero padding pad; added to what out holds when {@code add}. Requires
     * {@link #fits}.
     */
    static void product(float[] x, int xo, int c, int h, int w, int kh, int kw, int pad, float[] wt, int wo,
                        int o, boolean add, float[] out, int oo) {
        int hp = h + 2 * pad;
        int wp = w + 2 * pad;
        int oh = hp - kh + 1;
        int ow = wp - kw + 1;
        int l = oh * ow;
        int k = c * kh * kw;
        float[] src = pad > 0 ? Unfold32.pad(x, xo, c, h, w, pad) : x;
        int so = pad > 0 ? 0 : xo;
        int d = wp - ow;
        Buffers buf = buffers(k);
        int[] off = buf.off;
        rowOffsets(off, c, kh, kw, hp, wp);
        float[] tile = buf.tile;
        int full = l / 6 * 6;
        int kcMax = Math.ceilDiv(k, Math.ceilDiv(k, Gemm32.KC));  // Gemm32's k-blocks
        for (int pc = 0; pc < k; pc += kcMax) {
            int kc = Math.min(kcMax, k - pc);
            boolean onto = add || pc > 0;
            int bi = wo + pc * o;
            for (int q = 0; q < full; q += 6) {
                kernel(kc, src, so + q / ow * wp + q % ow, ow - q % ow, d, off, pc, wt, bi, out, oo + q * o, o, onto);
            }
            if (full < l) {
                int q = l - 6;  // the image's last six positions; rows q .. full - 1 are stored already
                kernel(kc, src, so + q / ow * wp + q % ow, ow - q % ow, d, off, pc, wt, bi, tile, 0, o, false);
                merge(tile, q, full, l, out, oo, o, onto);
            }
        }
    }

    /**
     * Whether {@link #productT} takes a convolution with O output channels, C kh kw rows and an OH x OW output:
     * O as for {@link #fits}, at least one row tile, kernel rows at least five wide (so that six consecutive
     * rows, a row tile, cross at most one kernel row or channel), and at least one output position.
     */
    static boolean fitsT(int o, int rows, int kw, int oh, int ow) {
        return width(o) && rows >= 6 && kw >= 5 && oh >= 1 && ow >= 1;
    }

    /**
     * The weight gradient's product for one image: out[oo + k * o + j] (+)= sum over positions q, in order, of
     * patch(q, k) * g[go + q * o + j], with g the output gradient, position-major (OH OW x O); added to what out
     * holds when {@code add}. The GEMM's rows are now the patch rows k (their offsets consecutive within a
     * kernel row) and its k steps the positions (their corners from a table), so the same patch kernels apply.
     * Each sum runs over the positions in order, in {@code Gemm32}'s k-blocks, as the GEMM forms it from
     * unfolded columns. Requires {@link #fitsT}.
     */
    static void productT(float[] x, int xo, int c, int h, int w, int kh, int kw, int pad, float[] g, int go,
                         int o, boolean add, float[] out, int oo) {
        int hp = h + 2 * pad;
        int wp = w + 2 * pad;
        int oh = hp - kh + 1;
        int ow = wp - kw + 1;
        int l = oh * ow;
        int rows = c * kh * kw;
        float[] src = pad > 0 ? Unfold32.pad(x, xo, c, h, w, pad) : x;
        int so = pad > 0 ? 0 : xo;
        Buffers buf = buffers(rows + l);
        int[] off = buf.off;  // rows' offsets, then the positions' corners
        rowOffsets(off, c, kh, kw, hp, wp);
        for (int q = 0; q < l; q++) {
            off[rows + q] = so + q / ow * wp + q % ow;
        }
        float[] tile = buf.tile;
        int full = rows / 6 * 6;
        int kcMax = Math.ceilDiv(l, Math.ceilDiv(l, Gemm32.KC));  // Gemm32's k-blocks
        for (int pc = 0; pc < l; pc += kcMax) {
            int kc = Math.min(kcMax, l - pc);
            boolean onto = add || pc > 0;
            int bi = go + pc * o;
            for (int r = 0; r < full; r += 6) {
                int split = kw - r % kw;
                int d = split < 6 ? off[r + split] - off[r] - split : 0;
                kernel(kc, src, off[r], split, d, off, rows + pc, g, bi, out, oo + r * o, o, onto);
            }
            if (full < rows) {
                int r = rows - 6;  // the last six rows; rows r .. full - 1 are stored already
                int split = kw - r % kw;
                int d = split < 6 ? off[r + split] - off[r] - split : 0;
                kernel(kc, src, off[r], split, d, off, rows + pc, g, bi, tile, 0, o, false);
                merge(tile, r, full, rows, out, oo, o, onto);
            }
        }
    }

    /** This thread's buffers, with room for n offsets. */
    private static Buffers buffers(int n) {
        Buffers buf = BUFFERS.get();
        if (buf.off.length < n) {
            buf.off = new int[n];
        }
        return buf;
    }

    /** Patch row (ch, i, j)'s offset in the padded image, (ch Hp + i) Wp + j, into off[(ch kh + i) kw + j]. */
    private static void rowOffsets(int[] off, int c, int kh, int kw, int hp, int wp) {
        for (int ch = 0, r = 0; ch < c; ch++) {
            for (int i = 0; i < kh; i++) {
                for (int j = 0; j < kw; j++, r++) {
                    off[r] = (ch * hp + i) * wp + j;
                }
            }
        }
    }

    /**
     * Rows from .. to - 1 of a tile computed for rows first .. first + 5 (into scratch, O wide), stored into out
     * (O wide, at oo), or added to it.
     */
    private static void merge(float[] tile, int first, int from, int to, float[] out, int oo, int o, boolean onto) {
        for (int r = from; r < to; r++) {
            int t = (r - first) * o;
            int dst = oo + r * o;
            for (int j = 0; j < o; j++) {
                out[dst + j] = onto ? out[dst + j] + tile[t + j] : tile[t + j];
            }
        }
    }

    /** The patch kernel, O wide, for a row tile whose first {@code split} rows are consecutive in the image. */
    private static void kernel(int kc, float[] a, int at, int split, int d, int[] off, int fo, float[] b, int bi,
                               float[] c, int ci, int ldc, boolean add) {
        if (ldc == Gemm32.NR) {
            switch (Math.min(split, 6)) {
                case 1 -> Micro32.kernel6x4p1(kc, a, at, d, off, fo, b, bi, c, ci, ldc, add);
                case 2 -> Micro32.kernel6x4p2(kc, a, at, d, off, fo, b, bi, c, ci, ldc, add);
                case 3 -> Micro32.kernel6x4p3(kc, a, at, d, off, fo, b, bi, c, ci, ldc, add);
                case 4 -> Micro32.kernel6x4p4(kc, a, at, d, off, fo, b, bi, c, ci, ldc, add);
                case 5 -> Micro32.kernel6x4p5(kc, a, at, d, off, fo, b, bi, c, ci, ldc, add);
                default -> Micro32.kernel6x4p6(kc, a, at, d, off, fo, b, bi, c, ci, ldc, add);
            }
        } else {
            switch (Math.min(split, 6)) {
                case 1 -> Micro32.kernel6x2p1(kc, a, at, d, off, fo, b, bi, c, ci, ldc, add);
                case 2 -> Micro32.kernel6x2p2(kc, a, at, d, off, fo, b, bi, c, ci, ldc, add);
                case 3 -> Micro32.kernel6x2p3(kc, a, at, d, off, fo, b, bi, c, ci, ldc, add);
                case 4 -> Micro32.kernel6x2p4(kc, a, at, d, off, fo, b, bi, c, ci, ldc, add);
                case 5 -> Micro32.kernel6x2p5(kc, a, at, d, off, fo, b, bi, c, ci, ldc, add);
                default -> Micro32.kernel6x2p6(kc, a, at, d, off, fo, b, bi, c, ci, ldc, add);
            }
        }
    }
}
