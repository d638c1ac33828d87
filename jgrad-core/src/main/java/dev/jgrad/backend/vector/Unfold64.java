package dev.jgrad.backend.vector;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * float64 im2col and col2im for stride 1 (what 3x3 and 5x5 "same" convolutions use), in the layout of
 * {@code Kernels.im2col}. The image is first copied into a zero-padded per-thread buffer; then every patch
 * row is a run of OW adjacent values, copied with whole vectors. The last vector of a run may spill past
 * it into values this call writes later (the next run, or the next row of cols), which saves a scalar tail
 * on every run; only a spill past the end of this call's output falls back to scalar copies. Runs are
 * typically 7-28 values: too short for an arraycopy call to pay off.
 */
final class Unfold64 {

    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    private static final ThreadLocal<Padded> PADDED = ThreadLocal.withInitial(Padded::new);

    /** A per-thread padded copy of the image: the plane geometry, and how many planes have zero borders. */
    private static final class Padded {
        double[] values = new double[0];
        int hp = -1;
        int wp = -1;
        int zeroed;
    }

    private Unfold64() {
    }

    static void im2col(double[] x, int xo, int c, int h, int w, int kh, int kw, int pad, double[] cols, int co) {
        int hp = h + 2 * pad;
        int wp = w + 2 * pad;
        double[] src = x;
        int so = xo;
        if (pad > 0) {
            src = pad(x, xo, c, h, w, pad);
            so = 0;
        }
        int oh = hp - kh + 1;
        int ow = wp - kw + 1;
        int end = co + c * kh * kw * oh * ow;  // this call's output ends here: no spill past it
        int vl = ow / L * L;
        int span = (ow + L - 1) / L * L;  // a run's values with its last vector's spill
        int l = oh * ow;
        for (int ch = 0, d = co; ch < c; ch++) {
            for (int i = 0; i < kh; i++) {
                for (int j = 0; j < kw; j++, d += l) {
                    int s0 = so + (ch * hp + i) * wp + j;
                    if (d + l - ow + span <= end && s0 + (oh - 1) * wp + span <= src.length) {
                        // No run of this row spills past the output or reads past the source: whole vectors
                        // only, with no check per run (the checks cost a third of the time on 14-wide rows).
                        if (ow <= L) {
                            for (int oy = 0, dr = d; oy < oh; oy++, dr += ow) {
                                DoubleVector.fromArray(S, src, s0 + oy * wp).intoArray(cols, dr);
                            }
                        } else {
                            for (int oy = 0, dr = d; oy < oh; oy++, dr += ow) {
                                int s = s0 + oy * wp;
                                for (int t = 0; t < ow; t += L) {
                                    DoubleVector.fromArray(S, src, s + t).intoArray(cols, dr + t);
                                }
                            }
                        }
                        continue;
                    }
                    for (int oy = 0, dr = d; oy < oh; oy++, dr += ow) {
                        int s = s0 + oy * wp;
                        int t = 0;
                        for (; t < vl; t += L) {
                            DoubleVector.fromArray(S, src, s + t).intoArray(cols, dr + t);
                        }
                        if (t < ow && dr + t + L <= end && s + t + L <= src.length) {
                            DoubleVector.fromArray(S, src, s + t).intoArray(cols, dr + t);
                        } else {
                            for (; t < ow; t++) {
                                cols[dr + t] = src[s + t];
                            }
                        }
                    }
                }
            }
        }
    }

    /**
     * col2im for stride 1, replacing x's block, gathered: each image pixel is the sum of the column values
     * copied from it, kh * kw of them (fewer at the border). A vector of pixels in one image row sums its values
     * from the kh * kw patch rows with masked adds of whole-vector loads (the mask drops the lanes whose pixel a
     * patch row does not reach), then is stored into the image once. Scattering each patch row onto the image
     * instead stores over values it has just stored at a one-pixel shift, which stalls every load behind a store
     * it cannot forward from. The loads read past a patch row, so cols needs {@link #col2imSlack} values past
     * the block ({@link #col2imFits}).
     *
     * <p>Masked loads instead of masked adds, or adding onto x, made the method too large for the first-tier
     * compiler (C1: "out of virtual registers"). Then it runs interpreted until C2 compiles it, and after any
     * deoptimization again, sometimes for the rest of the run: col2im took 5-30x its time in some training
     * runs. Callers that add onto x use the reference loop.
     */
    static void col2im(double[] cols, int co, int c, int h, int w, int kh, int kw, int pad, double[] x, int xo) {
        int ch = 0;
        // Eight channels at a time, then four, then one: independent chains of adds (a pixel's kh * kw values
        // are summed in a fixed order, one dependent add after another) that share each mask. One method per
        // width keeps each compiled body small.
        for (; ch + 8 <= c; ch += 8) {
            channels8(cols, co, ch, h, w, kh, kw, pad, x, xo);
        }
        for (; ch + 4 <= c; ch += 4) {
            channels4(cols, co, ch, h, w, kh, kw, pad, x, xo);
        }
        for (; ch < c; ch++) {
            channels1(cols, co, ch, h, w, kh, kw, pad, x, xo);
        }
    }

    /** col2im of channels ch..ch+8. */
    private static void channels8(double[] cols, int co, int ch, int h, int w, int kh, int kw, int pad, double[] x,
                                  int xo) {
        int oh = h + 2 * pad - kh + 1;
        int ow = w + 2 * pad - kw + 1;
        int l = oh * ow;
        int cs = kh * kw * l;  // one channel's patch rows
        int plane = h * w;
        for (int y = 0; y < h; y++) {
            int i0 = Math.max(0, y + pad - oh + 1);  // patch rows i with 0 <= oy = y + pad - i < oh
            int i1 = Math.min(kh, y + pad + 1);
            int d = xo + (ch * h + y) * w;
            for (int xs = 0; xs < w; xs += L) {
                DoubleVector acc0 = DoubleVector.zero(S);
                DoubleVector acc1 = acc0;
                DoubleVector acc2 = acc0;
                DoubleVector acc3 = acc0;
                DoubleVector acc4 = acc0;
                DoubleVector acc5 = acc0;
                DoubleVector acc6 = acc0;
                DoubleVector acc7 = acc0;
                for (int i = i0; i < i1; i++) {
                    int oy = y + pad - i;
                    for (int j = 0; j < kw; j++) {
                        int first = xs + pad - j;
                        VectorMask<Double> in = inside(first, Math.min(ow - first, w - xs));
                        int s = co + ((ch * kh + i) * kw + j) * l + oy * ow + first;
                        acc0 = acc0.add(DoubleVector.fromArray(S, cols, s), in);
                        acc1 = acc1.add(DoubleVector.fromArray(S, cols, s + cs), in);
                        acc2 = acc2.add(DoubleVector.fromArray(S, cols, s + 2 * cs), in);
                        acc3 = acc3.add(DoubleVector.fromArray(S, cols, s + 3 * cs), in);
                        acc4 = acc4.add(DoubleVector.fromArray(S, cols, s + 4 * cs), in);
                        acc5 = acc5.add(DoubleVector.fromArray(S, cols, s + 5 * cs), in);
                        acc6 = acc6.add(DoubleVector.fromArray(S, cols, s + 6 * cs), in);
                        acc7 = acc7.add(DoubleVector.fromArray(S, cols, s + 7 * cs), in);
                    }
                }
                VectorMask<Double> row = S.indexInRange(xs, w);
                int p = d + xs;
                acc0.intoArray(x, p, row);
                acc1.intoArray(x, p + plane, row);
                acc2.intoArray(x, p + 2 * plane, row);
                acc3.intoArray(x, p + 3 * plane, row);
                acc4.intoArray(x, p + 4 * plane, row);
                acc5.intoArray(x, p + 5 * plane, row);
                acc6.intoArray(x, p + 6 * plane, row);
                acc7.intoArray(x, p + 7 * plane, row);
            }
        }
    }

    /** col2im of channels ch..ch+4. */
    private static void channels4(double[] cols, int co, int ch, int h, int w, int kh, int kw, int pad, double[] x,
                                  int xo) {
        int oh = h + 2 * pad - kh + 1;
        int ow = w + 2 * pad - kw + 1;
        int l = oh * ow;
        int cs = kh * kw * l;
        int plane = h * w;
        for (int y = 0; y < h; y++) {
            int i0 = Math.max(0, y + pad - oh + 1);
            int i1 = Math.min(kh, y + pad + 1);
            int d = xo + (ch * h + y) * w;
            for (int xs = 0; xs < w; xs += L) {
                DoubleVector acc0 = DoubleVector.zero(S);
                DoubleVector acc1 = acc0;
                DoubleVector acc2 = acc0;
                DoubleVector acc3 = acc0;
                for (int i = i0; i < i1; i++) {
                    int oy = y + pad - i;
                    for (int j = 0; j < kw; j++) {
                        int first = xs + pad - j;
                        VectorMask<Double> in = inside(first, Math.min(ow - first, w - xs));
                        int s = co + ((ch * kh + i) * kw + j) * l + oy * ow + first;
                        acc0 = acc0.add(DoubleVector.fromArray(S, cols, s), in);
                        acc1 = acc1.add(DoubleVector.fromArray(S, cols, s + cs), in);
                        acc2 = acc2.add(DoubleVector.fromArray(S, cols, s + 2 * cs), in);
                        acc3 = acc3.add(DoubleVector.fromArray(S, cols, s + 3 * cs), in);
                    }
                }
                VectorMask<Double> row = S.indexInRange(xs, w);
                int p = d + xs;
                acc0.intoArray(x, p, row);
                acc1.intoArray(x, p + plane, row);
                acc2.intoArray(x, p + 2 * plane, row);
                acc3.intoArray(x, p + 3 * plane, row);
            }
        }
    }

    /** col2im of channel ch. */
    private static void channels1(double[] cols, int co, int ch, int h, int w, int kh, int kw, int pad, double[] x,
                                  int xo) {
        int oh = h + 2 * pad - kh + 1;
        int ow = w + 2 * pad - kw + 1;
        int l = oh * ow;
        for (int y = 0; y < h; y++) {
            int i0 = Math.max(0, y + pad - oh + 1);
            int i1 = Math.min(kh, y + pad + 1);
            int d = xo + (ch * h + y) * w;
            for (int xs = 0; xs < w; xs += L) {
                DoubleVector acc = DoubleVector.zero(S);
                for (int i = i0; i < i1; i++) {
                    int oy = y + pad - i;
                    for (int j = 0; j < kw; j++) {
                        int first = xs + pad - j;
                        VectorMask<Double> in = inside(first, Math.min(ow - first, w - xs));
                        int s = co + ((ch * kh + i) * kw + j) * l + oy * ow + first;
                        acc = acc.add(DoubleVector.fromArray(S, cols, s), in);
                    }
                }
                VectorMask<Double> row = S.indexInRange(xs, w);
                acc.intoArray(x, d + xs, row);
            }
        }
    }

    /** Values the vector col2im may read past the end of its columns block: see {@link #col2imFits}. */
    static int col2imSlack(int kw, int pad) {
        return L - 1 + Math.max(0, kw - 1 - pad);
    }

    /**
     * Whether cols holds the vector col2im's reads: the last vector of a patch row starts at most at column
     * (OH - 1) OW + W - 1 + pad - j of the block's last row, so it ends at most kw - 1 - pad + L - 1 values
     * past the block.
     */
    static boolean col2imFits(double[] cols, int co, int c, int h, int w, int kh, int kw, int pad) {
        int oh = h + 2 * pad - kh + 1;
        int ow = w + 2 * pad - kw + 1;
        return oh > 0 && ow > 0 && co + c * (long) kh * kw * oh * ow + col2imSlack(kw, pad) <= cols.length;
    }

    /**
     * The lanes t of a vector of pixels that a patch row reaches: -first &lt;= t &lt; end, where lane t is the
     * row's column first + t. Built as a bit pattern: indexInRange with a negative offset is not compiled to
     * vector code, and a pair of lane compares was, in some compilations, left to the library's scalar
     * fallback (col2im then ran 3-5x slower for the rest of the run).
     */
    private static VectorMask<Double> inside(int first, int end) {
        int lo = Math.max(0, -first);
        int hi = Math.min(L, end);
        long bits = hi <= lo ? 0 : (hi >= Long.SIZE ? -1L : (1L << hi) - 1) & (-1L << lo);
        return VectorMask.fromLong(S, bits);
    }

    /**
     * The c planes of the (c, h, w) image at xo, copied into the per-thread padded buffer (planes of h + 2 pad
     * by w + 2 pad from 0, zero borders). Row by row into the interior, with vectors (an arraycopy call per
     * 14-value row cost as much as all of the unfolding); the last vector of a row is masked, so the border
     * stays zero.
     */
    static double[] pad(double[] x, int xo, int c, int h, int w, int pad) {
        int hp = h + 2 * pad;
        int wp = w + 2 * pad;
        double[] src = padded(c, hp, wp);
        int vw = S.loopBound(w);
        VectorMask<Double> tail = S.indexInRange(vw, w);
        for (int ch = 0; ch < c; ch++) {
            for (int y = 0; y < h; y++) {
                int s = xo + (ch * h + y) * w;
                int d = (ch * hp + y + pad) * wp + pad;
                for (int t = 0; t < vw; t += L) {
                    DoubleVector.fromArray(S, x, s + t).intoArray(src, d + t);
                }
                if (vw < w) {
                    DoubleVector.fromArray(S, x, s + vw, tail).intoArray(src, d + vw, tail);
                }
            }
        }
        return src;
    }

    /**
     * The per-thread padded buffer for c planes of hp x wp, with L values of slack for the last vector's reads.
     * The planes' borders are zero: zeroed when first used with this geometry, and kept so by the callers,
     * which write only the interiors.
     */
    private static double[] padded(int c, int hp, int wp) {
        Padded p = PADDED.get();
        int plane = hp * wp;
        if (hp != p.hp || wp != p.wp) {
            p.hp = hp;
            p.wp = wp;
            p.zeroed = 0;
        }
        if (p.values.length < c * plane + L) {
            p.values = new double[c * plane + L];
            p.zeroed = c;
        } else if (c > p.zeroed) {
            java.util.Arrays.fill(p.values, p.zeroed * plane, c * plane, 0.0);
            p.zeroed = c;
        }
        return p.values;
    }
}
