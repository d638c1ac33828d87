package dev.jgrad.backend;

import dev.jgrad.backend.Kernels.Binary;
import dev.jgrad.backend.Kernels.Unary;
import dev.jgrad.backend.vector.VectorKernels;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The contract every {@link Kernels} backend meets, checked against the scalar reference over awkward
 * lengths, offsets, strides (1, 0 = broadcast, 2), in-place use and special values. float32 runs the same
 * inputs rounded to float. Every check runs once per implementation; the scalar run checks the harness.
 */
class KernelContractTest {

    private static final ScalarKernels REF = new ScalarKernels();
    private static final int[] LENGTHS = {0, 1, 7, 15, 16, 17, 33, 257, 1000, 140001};
    /**
     * Elementwise calls this long are split across threads (from 2^20 values), in three parts at three threads
     * (each at least 2^19 values); odd, so the parts are uneven.
     */
    private static final int SPLIT = 3 * (1 << 19) + 4097;
    private static final double[] SPECIALS = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
            0.0, -0.0, 100, -100, 1000, -1000};
    /** Fills output space the kernel must not write. */
    private static final double SENTINEL = 12345.5;

    static Stream<Named<Kernels>> implementations() {
        return Stream.of(Named.of("scalar", new ScalarKernels()), Named.of("vector", new VectorKernels()));
    }

    /**
     * Allowed difference: |actual - expected| &lt;= rel * |expected| + abs, or bitwise equality (any NaN equal
     * to any NaN, -0 distinct from +0) when both are zero.
     */
    private record Tol(double rel, double abs) {
        static final Tol EXACT = new Tol(0, 0);
    }

    /**
     * Transcendentals: the Vector API computes them with its own (SVML-backed on x86) routines, float32 in
     * float arithmetic, where the reference uses java.lang.Math in double and rounds once; both are within a
     * few ulps. The absolute part covers subnormal results (sigmoid(-100) in float32). Everything else is
     * IEEE-exact in both and must agree bit for bit.
     */
    private static Tol transcendental(boolean f32) {
        return f32 ? new Tol(1e-6, Float.MIN_NORMAL) : new Tol(1e-12, Double.MIN_NORMAL);
    }

    private static Tol tol(Unary op, boolean f32) {
        return switch (op) {
            case EXP, LOG, TANH, SIGMOID -> transcendental(f32);
            default -> Tol.EXACT;
        };
    }

    private static Tol tol(Binary op, boolean f32) {
        return op == Binary.POW ? transcendental(f32) : Tol.EXACT;
    }

    // ---------------------------------------------------------------- elementwise

    @ParameterizedTest(name = "{0}")
    @MethodSource("implementations")
    void unaryMatchesReferenceForEveryOpLengthOffsetAndStride(Kernels k) {
        SplittableRandom rnd = new SplittableRandom(11);
        for (Unary op : Unary.values()) {
            for (int n : LENGTHS) {
                for (int xs : new int[]{1, 0, 2}) {
                    int xo = 3;
                    int oo = 5;
                    double[] x = values(rnd, xo + n * Math.max(xs, 1) + 2);
                    String what = "unary " + op + " n=" + n + " xs=" + xs;
                    for (boolean f32 : new boolean[]{false, true}) {
                        double[] want = filled(oo + n + 3, SENTINEL);
                        double[] got = want.clone();
                        if (f32) {
                            float[] wf = f(want);
                            float[] gf = f(got);
                            REF.unary(op, f(x), xo, xs, wf, oo, n);
                            k.unary(op, f(x), xo, xs, gf, oo, n);
                            want = d(wf);
                            got = d(gf);
                        } else {
                            REF.unary(op, x, xo, xs, want, oo, n);
                            k.unary(op, x, xo, xs, got, oo, n);
                        }
                        assertClose(want, got, tol(op, f32), what + (f32 ? " float32" : " float64"));
                    }
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("implementations")
    void elementwiseCallsLongEnoughToSplitAcrossThreadsMatchTheReference(Kernels k) {
        SplittableRandom rnd = new SplittableRandom(23);
        // Room for a stride of 2 over SPLIT values; conditions of every kind for select.
        double[] x = values(rnd, 2 * SPLIT + 3);
        double[] y = values(rnd, 2 * SPLIT + 3);
        double[] c = values(rnd, 2 * SPLIT + 3);
        for (int i = 0; i < c.length; i += 7) {
            c[i] = i % 2 == 0 ? 0.0 : Double.NaN;
        }
        float[] xf = f(x);
        float[] yf = f(y);
        float[] cf = f(c);
        for (Unary op : new Unary[]{Unary.EXP, Unary.RELU, Unary.TANH}) {
            for (int xs : new int[]{1, 0, 2}) {
                String what = "split unary " + op + " stride " + xs;
                double[] want = filled(SPLIT + 5, SENTINEL);
                double[] got = want.clone();
                REF.unary(op, x, 3, xs, want, 2, SPLIT);
                k.unary(op, x, 3, xs, got, 2, SPLIT);
                assertClose(want, got, tol(op, false), what);
                float[] wf = f(filled(SPLIT + 5, SENTINEL));
                float[] gf = wf.clone();
                REF.unary(op, xf, 3, xs, wf, 2, SPLIT);
                k.unary(op, xf, 3, xs, gf, 2, SPLIT);
                assertClose(d(wf), d(gf), tol(op, true), what + " float32");
            }
        }
        for (Binary op : new Binary[]{Binary.ADD, Binary.MUL, Binary.MAX}) {
            for (int[] st : new int[][]{{1, 1}, {0, 1}, {1, 0}, {0, 0}, {2, 1}}) {
                String what = "split binary " + op + " strides " + st[0] + "," + st[1];
                double[] want = filled(SPLIT + 5, SENTINEL);
                double[] got = want.clone();
                REF.binary(op, x, 3, st[0], y, 1, st[1], want, 2, SPLIT);
                k.binary(op, x, 3, st[0], y, 1, st[1], got, 2, SPLIT);
                assertClose(want, got, Tol.EXACT, what);
                float[] wf = f(filled(SPLIT + 5, SENTINEL));
                float[] gf = wf.clone();
                REF.binary(op, xf, 3, st[0], yf, 1, st[1], wf, 2, SPLIT);
                k.binary(op, xf, 3, st[0], yf, 1, st[1], gf, 2, SPLIT);
                assertClose(d(wf), d(gf), Tol.EXACT, what + " float32");
            }
        }
        for (int[] st : new int[][]{{1, 1, 1}, {0, 1, 1}, {1, 0, 0}, {2, 1, 1}}) {
            String what = "split select strides " + st[0] + "," + st[1] + "," + st[2];
            for (int rep = 0; rep < (st[0] == 0 ? 2 : 1); rep++) {
                c[3] = rep == 0 ? 0.0 : 1.0;  // a broadcast condition takes each branch once
                cf[3] = (float) c[3];
                double[] want = filled(SPLIT + 5, SENTINEL);
                double[] got = want.clone();
                REF.select(c, 3, st[0], x, 1, st[1], y, 2, st[2], want, 2, SPLIT);
                k.select(c, 3, st[0], x, 1, st[1], y, 2, st[2], got, 2, SPLIT);
                assertClose(want, got, Tol.EXACT, what);
                float[] wf = f(filled(SPLIT + 5, SENTINEL));
                float[] gf = wf.clone();
                REF.select(cf, 3, st[0], xf, 1, st[1], yf, 2, st[2], wf, 2, SPLIT);
                k.select(cf, 3, st[0], xf, 1, st[1], yf, 2, st[2], gf, 2, SPLIT);
                assertClose(d(wf), d(gf), Tol.EXACT, what + " float32");
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("implementations")
    void unaryWorksInPlace(Kernels k) {
        SplittableRandom rnd = new SplittableRandom(12);
        for (Unary op : Unary.values()) {
            for (int n : LENGTHS) {
                double[] x = values(rnd, n + 4);
                double[] want = x.clone();
                REF.unary(op, x, 2, 1, want, 2, n);
                double[] got = x.clone();
                k.unary(op, got, 2, 1, got, 2, n);
                assertClose(want, got, tol(op, false), "in-place unary " + op + " n=" + n + " float64");
                float[] wf = f(x);
                REF.unary(op, f(x), 2, 1, wf, 2, n);
                float[] gf = f(x);
                k.unary(op, gf, 2, 1, gf, 2, n);
                assertClose(d(wf), d(gf), tol(op, true), "in-place unary " + op + " n=" + n + " float32");
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("implementations")
    void binaryMatchesReferenceForEveryOpLengthAndStridePattern(Kernels k) {
        SplittableRandom rnd = new SplittableRandom(13);
        int[][] strides = {{1, 1}, {0, 1}, {1, 0}, {0, 0}, {2, 1}, {1, 2}, {2, 0}};
        for (Binary op : Binary.values()) {
            for (int n : LENGTHS) {
                for (int[] s : strides) {
                    int xo = 1;
                    int yo = 4;
                    int oo = 2;
                    double[] x = values(rnd, xo + n * Math.max(s[0], 1) + 2);
                    double[] y = values(rnd, yo + n * Math.max(s[1], 1) + 2);
                    String what = "binary " + op + " n=" + n + " xs=" + s[0] + " ys=" + s[1];
                    double[] want = filled(oo + n + 3, SENTINEL);
                    double[] got = want.clone();
                    REF.binary(op, x, xo, s[0], y, yo, s[1], want, oo, n);
                    k.binary(op, x, xo, s[0], y, yo, s[1], got, oo, n);
                    assertClose(want, got, tol(op, false), what + " float64");
                    float[] wf = f(filled(oo + n + 3, SENTINEL));
                    float[] gf = wf.clone();
                    REF.binary(op, f(x), xo, s[0], f(y), yo, s[1], wf, oo, n);
                    k.binary(op, f(x), xo, s[0], f(y), yo, s[1], gf, oo, n);
                    assertClose(d(wf), d(gf), tol(op, true), what + " float32");
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("implementations")
    void binaryWorksInPlaceOnEitherOperand(Kernels k) {
        SplittableRandom rnd = new SplittableRandom(14);
        for (Binary op : Binary.values()) {
            for (int n : LENGTHS) {
                double[] x = values(rnd, n + 3);
                double[] y = values(rnd, n + 3);
                double[] want = new double[n + 3];
                REF.binary(op, x, 3, 1, y, 3, 1, want, 3, n);
                double[] gx = x.clone();
                k.binary(op, gx, 3, 1, y, 3, 1, gx, 3, n);
                double[] gy = y.clone();
                k.binary(op, x, 3, 1, gy, 3, 1, gy, 3, n);
                for (int i = 0; i < 3; i++) {
                    want[i] = x[i];
                }
                assertClose(want, gx, tol(op, false), "in-place (out = x) binary " + op + " n=" + n);
                for (int i = 0; i < 3; i++) {
                    want[i] = y[i];
                }
                assertClose(want, gy, tol(op, false), "in-place (out = y) binary " + op + " n=" + n);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("implementations")
    void maxMinAndComparisonsKeepTheReferenceTieAndNaNRules(Kernels k) {
        double nan = Double.NaN;
        double inf = Double.POSITIVE_INFINITY;
        // Pairs laid out so that every rule sits in a full vector and in the scalar tail.
        double[] xs = {nan, 1, 0.0, -0.0, 2, 2, inf, -inf, nan, 3, -1, -0.0, 0.0, nan, 5, 7, 1, nan};
        double[] ys = {1, nan, -0.0, 0.0, 2, 3, nan, -inf, nan, inf, -inf, -0.0, 0.0, 2, 5, -7, nan, nan};
        for (Binary op : Binary.values()) {
            if (op == Binary.POW) {
                continue;
            }
            int n = xs.length;
            double[] want = new double[n];
            double[] got = new double[n];
            REF.binary(op, xs, 0, 1, ys, 0, 1, want, 0, n);
            k.binary(op, xs, 0, 1, ys, 0, 1, got, 0, n);
            assertClose(want, got, Tol.EXACT, "special values, binary " + op + " float64");
            float[] wf = new float[n];
            float[] gf = new float[n];
            REF.binary(op, f(xs), 0, 1, f(ys), 0, 1, wf, 0, n);
            k.binary(op, f(xs), 0, 1, f(ys), 0, 1, gf, 0, n);
            assertClose(d(wf), d(gf), Tol.EXACT, "special values, binary " + op + " float32");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("implementations")
    void sigmoidReluStepAndSignHandleExtremesZerosAndNaN(Kernels k) {
        double[] x = {100, -100, 1000, -1000, 0.0, -0.0, Double.NaN, Double.POSITIVE_INFINITY,
                Double.NEGATIVE_INFINITY, 1e-30, -1e-30, 20, -20, 40, -40, 88, -88, 3};
        for (Unary op : new Unary[]{Unary.SIGMOID, Unary.RELU, Unary.STEP, Unary.SIGN, Unary.TANH, Unary.EXP}) {
            double[] want = new double[x.length];
            double[] got = new double[x.length];
            REF.unary(op, x, 0, 1, want, 0, x.length);
            k.unary(op, x, 0, 1, got, 0, x.length);
            assertClose(want, got, tol(op, false), "extremes, unary " + op + " float64");
            float[] wf = new float[x.length];
            float[] gf = new float[x.length];
            REF.unary(op, f(x), 0, 1, wf, 0, x.length);
            k.unary(op, f(x), 0, 1, gf, 0, x.length);
            assertClose(d(wf), d(gf), tol(op, true), "extremes, unary " + op + " float32");
        }
        double[] sig = new double[4];
        k.unary(Unary.SIGMOID, new double[]{1000, -1000, 100, -100}, 0, 1, sig, 0, 4);
        assertEquals(1.0, sig[0]);
        assertEquals(0.0, sig[1]);
        assertTrue(sig[3] > 0 && sig[3] < 1e-43, "sigmoid(-100) is tiny but positive: " + sig[3]);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("implementations")
    void selectMatchesReferenceForEveryStridePattern(Kernels k) {
        SplittableRandom rnd = new SplittableRandom(15);
        double[] conds = {0.0, -0.0, 1.0, Double.NaN, -2.5};
        int[][] strides = {{1, 1, 1}, {1, 0, 1}, {1, 1, 0}, {1, 0, 0}, {0, 1, 1}, {0, 0, 1}, {2, 1, 1}, {1, 2, 0}};
        for (int n : LENGTHS) {
            for (int[] s : strides) {
                for (int rep = 0; rep < 2; rep++) {
                    double[] c = new double[2 + n * Math.max(s[0], 1) + 1];
                    for (int i = 0; i < c.length; i++) {
                        c[i] = conds[rnd.nextInt(conds.length)];
                    }
                    c[2] = rep == 0 ? 0.0 : 1.0;  // a broadcast condition takes each branch once
                    double[] a = values(rnd, 1 + n * Math.max(s[1], 1) + 1);
                    double[] b = values(rnd, 3 + n * Math.max(s[2], 1) + 1);
                    double[] want = filled(n + 4, SENTINEL);
                    double[] got = want.clone();
                    REF.select(c, 2, s[0], a, 1, s[1], b, 3, s[2], want, 2, n);
                    k.select(c, 2, s[0], a, 1, s[1], b, 3, s[2], got, 2, n);
                    String what = "select n=" + n + " strides=" + s[0] + "," + s[1] + "," + s[2];
                    assertClose(want, got, Tol.EXACT, what + " float64");
                    float[] wf = f(filled(n + 4, SENTINEL));
                    float[] gf = wf.clone();
                    REF.select(f(c), 2, s[0], f(a), 1, s[1], f(b), 3, s[2], wf, 2, n);
                    k.select(f(c), 2, s[0], f(a), 1, s[1], f(b), 3, s[2], gf, 2, n);
                    assertClose(d(wf), d(gf), Tol.EXACT, what + " float32");
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("implementations")
    void optimizerKernelsMatchReferenceToTheBitOnceCompiled(Kernels k) {
        SplittableRandom rnd = new SplittableRandom(23);
        int n = 1003;  // not a multiple of any vector length: the tail loop runs too
        float[] p = f(uniform(rnd, n));
        float[] g = f(uniform(rnd, n));
        double[] m = uniform(rnd, n);
        double[] v = abs(uniform(rnd, n));
        for (int rep = 0; rep < 1500; rep++) {
            boolean check = rep % 500 == 499;
            boolean nesterov = rep % 2 == 0;
            float[] gp = p.clone();
            double[] gm = m.clone();
            k.sgdMomentum(n - 2, 0.05, 0.9, 0.7, 1e-3, nesterov, gp, 1, g, 2, gm, 2);
            if (check) {
                float[] wp = p.clone();
                double[] wm = m.clone();
                REF.sgdMomentum(n - 2, 0.05, 0.9, 0.7, 1e-3, nesterov, wp, 1, g, 2, wm, 2);
                assertArrayEquals(wp, gp, "sgdMomentum p, nesterov=" + nesterov);
                assertArrayEquals(wm, gm, "sgdMomentum buf, nesterov=" + nesterov);
            }
            double decay = nesterov ? 1 : 0.999;
            float[] ap = p.clone();
            double[] am = m.clone();
            double[] av = v.clone();
            k.adam(n - 1, 1e-2, 0.3, 0.9, 0.999, 1e-8, 1e-2, decay, ap, 0, g, 1, am, av, 1);
            if (check) {
                float[] wp = p.clone();
                double[] wm = m.clone();
                double[] wv = v.clone();
                REF.adam(n - 1, 1e-2, 0.3, 0.9, 0.999, 1e-8, 1e-2, decay, wp, 0, g, 1, wm, wv, 1);
                assertArrayEquals(wp, ap, "adam p, decay=" + decay);
                assertArrayEquals(wm, am, "adam m, decay=" + decay);
                assertArrayEquals(wv, av, "adam v, decay=" + decay);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("implementations")
    void optimizerKernelsMatchReferenceOnShortRunsAndNonFiniteValues(Kernels k) {
        SplittableRandom rnd = new SplittableRandom(24);
        float[] specials = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, -0f, 0f, 1e-30f};
        for (int n : new int[]{0, 1, 7, 8, 9, 15, 16, 17, 33}) {
            float[] p = f(uniform(rnd, n + 2));
            float[] g = f(uniform(rnd, n + 2));
            for (int i = 0; i < n; i += 3) {
                g[i] = specials[rnd.nextInt(specials.length)];
                p[i + 1] = specials[rnd.nextInt(specials.length)];
            }
            double[] m = uniform(rnd, n + 2);
            double[] v = abs(uniform(rnd, n + 2));
            for (boolean nesterov : new boolean[]{false, true}) {
                float[] gp = p.clone();
                double[] gm = m.clone();
                float[] wp = p.clone();
                double[] wm = m.clone();
                k.sgdMomentum(n, 0.05, 0.9, 0.7, 1e-3, nesterov, gp, 1, g, 0, gm, 2);
                REF.sgdMomentum(n, 0.05, 0.9, 0.7, 1e-3, nesterov, wp, 1, g, 0, wm, 2);
                assertArrayEquals(wp, gp, "sgdMomentum p, n=" + n + ", nesterov=" + nesterov);
                assertArrayEquals(wm, gm, "sgdMomentum buf, n=" + n + ", nesterov=" + nesterov);
                double decay = nesterov ? 1 : 0.999;
                float[] ap = p.clone();
                double[] am = m.clone();
                double[] av = v.clone();
                float[] bp = p.clone();
                double[] bm = m.clone();
                double[] bv = v.clone();
                k.adam(n, 1e-2, 0.3, 0.9, 0.999, 1e-8, 1e-2, decay, ap, 1, g, 0, am, av, 2);
                REF.adam(n, 1e-2, 0.3, 0.9, 0.999, 1e-8, 1e-2, decay, bp, 1, g, 0, bm, bv, 2);
                assertArrayEquals(bp, ap, "adam p, n=" + n + ", decay=" + decay);
                assertArrayEquals(bm, am, "adam m, n=" + n + ", decay=" + decay);
                assertArrayEquals(bv, av, "adam v, n=" + n + ", decay=" + decay);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("implementations")
    void transposeMatchesReferenceAndWritesOnlyItsBlock(Kernels k) {
        SplittableRandom rnd = new SplittableRandom(29);
        for (int rows : new int[]{1, 5, 8, 16, 17, 33, 64}) {
            for (int cols : new int[]{1, 7, 16, 33, 196}) {
                double[] src = uniform(rnd, 3 + rows * cols + 2);
                double[] want = new double[2 + rows * cols + 5];
                java.util.Arrays.fill(want, SENTINEL);
                double[] got = want.clone();
                float[] wf = f(want);
                float[] gf = f(want);
                String what = "transpose " + rows + "x" + cols;
                REF.transpose(src, 3, rows, cols, want, 2);
                k.transpose(src, 3, rows, cols, got, 2);
                assertClose(want, got, Tol.EXACT, what + " float64");
                REF.transpose(f(src), 3, rows, cols, wf, 2);
                k.transpose(f(src), 3, rows, cols, gf, 2);
                assertClose(d(wf), d(gf), Tol.EXACT, what + " float32");
                // The reference itself: the last source value lands last.
                assertEquals(src[3 + rows * cols - 1], want[2 + rows * cols - 1], what + ": the reference");
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("implementations")
    void powFollowsMathPowOnSpecialValuesOnceCompiled(Kernels k) {
        // Every pair of special bases and exponents, called until C2 compiles the loop: compiled vector POW
        // may follow C where Java differs, e.g. 1^NaN and (-1)^infinity (1 in C, NaN in Java).
        double[] sp = {0.0, -0.0, 1, -1, 2, -2, 0.5, -0.5, 3, Double.NaN, Double.POSITIVE_INFINITY,
                Double.NEGATIVE_INFINITY};
        int n = sp.length * sp.length;
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = sp[i / sp.length];
            y[i] = sp[i % sp.length];
        }
        float[] xf = f(x);
        float[] yf = f(y);
        double[] got = new double[n];
        float[] gf = new float[n];
        for (int rep = 0; rep < 3000; rep++) {
            k.binary(Binary.POW, x, 0, 1, y, 0, 1, got, 0, n);
            k.binary(Binary.POW, xf, 0, 1, yf, 0, 1, gf, 0, n);
        }
        for (int i = 0; i < n; i++) {
            double want = Math.pow(x[i], y[i]);
            String what = "pow(" + x[i] + ", " + y[i] + ")";
            assertPow(want, got[i], Math.ulp(want), what + " float64");
            assertPow((float) want, gf[i], Math.ulp((float) want), what + " float32");
        }
    }

    /** NaN, infinities and zeros (with their sign) exactly; finite results within {@code ulp}. */
    private static void assertPow(double want, double got, double ulp, String what) {
        if (Double.isNaN(want) || Double.isInfinite(want) || want == 0) {
            assertEquals(want, got, what);
        } else {
            assertEquals(want, got, ulp, what);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("implementations")
    void elementwiseKernelsAgreeWithReferenceAcrossRepeatedCalls(Kernels k) {
        // Repeated calls move the loops up the JIT tiers mid-test (the Vector API is intrinsified only by C2,
        // which a unit-test budget reaches for the GEMM kernels but not for every elementwise loop).
        SplittableRandom rnd = new SplittableRandom(16);
        int n = 257;
        double[] x = values(rnd, n);
        double[] y = values(rnd, n);
        float[] xf = f(x);
        float[] yf = f(y);
        double[] want = new double[n];
        double[] got = new double[n];
        float[] wf = new float[n];
        float[] gf = new float[n];
        for (int rep = 0; rep < 300; rep++) {
            boolean check = rep % 100 == 99;
            for (Unary op : Unary.values()) {
                k.unary(op, x, 0, 1, got, 0, n);
                k.unary(op, xf, 0, 1, gf, 0, n);
                if (check) {
                    REF.unary(op, x, 0, 1, want, 0, n);
                    REF.unary(op, xf, 0, 1, wf, 0, n);
                    assertClose(want, got, tol(op, false), "compiled unary " + op + " float64");
                    assertClose(d(wf), d(gf), tol(op, true), "compiled unary " + op + " float32");
                }
            }
            for (Binary op : Binary.values()) {
                int ys = rep % 2;
                k.binary(op, x, 0, 1, y, 3, ys, got, 0, n - 3);
                k.binary(op, xf, 0, 1, yf, 3, ys, gf, 0, n - 3);
                if (check) {
                    REF.binary(op, x, 0, 1, y, 3, ys, want, 0, n - 3);
                    REF.binary(op, xf, 0, 1, yf, 3, ys, wf, 0, n - 3);
                    assertClose(want, got, tol(op, false), "compiled binary " + op + " float64");
                    assertClose(d(wf), d(gf), tol(op, true), "compiled binary " + op + " float32");
                }
            }
            assertEquals(REF.argmax(x, 0, n), k.argmax(x, 0, n), "compiled argmax float64");
            assertEquals(REF.argmax(xf, 0, n), k.argmax(xf, 0, n), "compiled argmax float32");
        }
    }

    // ---------------------------------------------------------------- reductions

    @ParameterizedTest(name = "{0}")
    @MethodSource("implementations")
    void sumMatchesReferenceWithinRoundingForEveryLengthAndOffset(Kernels k) {
        SplittableRandom rnd = new SplittableRandom(21);
        for (int n : LENGTHS) {
            for (int xo : new int[]{0, 3}) {
                double[] x = new double[xo + n + 2];
                for (int i = 0; i < x.length; i++) {
                    x[i] = rnd.nextDouble(-3, 3);
                }
                x[0] = Double.NaN;  // outside [xo, xo + n) whenever xo > 0: must not leak into the sum
                if (xo == 0) {
                    x[0] = 1;
                }
                x[x.length - 1] = Double.NaN;
                double abs = 0;
                for (int i = xo; i < xo + n; i++) {
                    abs += Math.abs(x[i]);
                }
                double s64 = k.sum(x, xo, n);
                double e64 = 2.0 * n * Math.ulp(1.0) * abs;
                assertEquals(REF.sum(x, xo, n), s64, e64, "sum float64 n=" + n + " xo=" + xo);
                float[] xf = f(x);
                double e32 = 2.0 * n * Math.ulp(1.0f) * abs + 1e-6;
                assertEquals(REF.sum(xf, xo, n), k.sum(xf, xo, n), e32, "sum float32 n=" + n + " xo=" + xo);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("implementations")
    void sumPropagatesNaNAndInfinity(Kernels k) {
        for (int n : new int[]{1, 17, 257}) {
            double[] x = filled(n, 1.0);
            x[n / 2] = Double.POSITIVE_INFINITY;
            assertEquals(Double.POSITIVE_INFINITY, k.sum(x, 0, n));
            assertEquals(Float.POSITIVE_INFINITY, k.sum(f(x), 0, n));
            x[n - 1] = Double.NaN;
            assertTrue(Double.isNaN(k.sum(x, 0, n)));
            assertTrue(Float.isNaN(k.sum(f(x), 0, n)));
        }
        assertEquals(0.0, k.sum(new double[3], 1, 0));
        assertEquals(0.0f, k.sum(new float[3], 1, 0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("implementations")
    void argmaxReturnsTheFirstLargestWithNaNCountingAsLargest(Kernels k) {
        SplittableRandom rnd = new SplittableRandom(22);
        for (int n : LENGTHS) {
            for (int kind = 0; kind < 7; kind++) {
                double[] x = new double[n + 3];
                for (int i = 0; i < x.length; i++) {
                    x[i] = switch (kind) {
                        case 0 -> rnd.nextDouble(-5, 5);
                        case 1 -> rnd.nextInt(-3, 4);                                   // many ties
                        case 2 -> rnd.nextInt(10) == 0 ? Double.NaN : rnd.nextInt(-3, 4); // NaN anywhere
                        case 3 -> 7;                                                    // all equal
                        case 4 -> Double.NEGATIVE_INFINITY;
                        case 5 -> rnd.nextBoolean() ? 0.0 : -0.0;                       // signed-zero ties
                        default -> i;                                                   // largest last
                    };
                }
                x[0] = Double.POSITIVE_INFINITY;  // before the range: must be ignored
                if (kind == 2 && n > 5 && rnd.nextBoolean()) {
                    x[3 + n - 1] = Double.NaN;    // a NaN in the tail only, sometimes
                }
                String what = "argmax kind=" + kind + " n=" + n;
                assertEquals(REF.argmax(x, 3, n), k.argmax(x, 3, n), what + " float64");
                assertEquals(REF.argmax(f(x), 3, n), k.argmax(f(x), 3, n), what + " float32");
            }
        }
        assertEquals(-1, k.argmax(new double[2], 1, 0));
        assertEquals(-1, k.argmax(new float[2], 1, 0));
        assertEquals(2, k.argmax(new double[]{1, 5, Double.NaN, 9, Double.NaN}, 0, 5));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("implementations")
    void axpyMatchesReferenceExactlyForEveryLengthAndOffset(Kernels k) {
        SplittableRandom rnd = new SplittableRandom(23);
        for (int n : LENGTHS) {
            for (double a : new double[]{0, 1, -2.5, 0.1}) {
                double[] x = values(rnd, n + 4);
                double[] y0 = values(rnd, n + 6);
                double[] want = y0.clone();
                double[] got = y0.clone();
                REF.axpy(n, a, x, 4, want, 1);
                k.axpy(n, a, x, 4, got, 1);
                assertClose(want, got, Tol.EXACT, "axpy float64 n=" + n + " a=" + a);
                float[] wf = f(y0);
                float[] gf = f(y0);
                REF.axpy(n, (float) a, f(x), 4, wf, 1);
                k.axpy(n, (float) a, f(x), 4, gf, 1);
                assertClose(d(wf), d(gf), Tol.EXACT, "axpy float32 n=" + n + " a=" + a);
            }
        }
    }

    // ---------------------------------------------------------------- im2col

    /**
     * patchProductT, where a backend takes it, equals unfolding then multiplying by the position-major output
     * gradient (cols g) to rounding, added onto out or replacing it, writing nothing outside its block; where
     * it declines, nothing at all. Shapes: kernel rows 5 to 7 wide (a six-row tile crossing a kernel row or a
     * channel at every split), narrower ones (declined by the vector backend), a partial last row tile, no
     * padding, and more positions than one k-block.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("implementations")
    void patchProductTMatchesUnfoldThenMultiply(Kernels k) {
        SplittableRandom rnd = new SplittableRandom(80);
        int[][] cases = {  // c, h, w, kh, kw, pad, o
                {32, 14, 14, 5, 5, 2, 64}, {1, 28, 28, 5, 5, 2, 32}, {3, 9, 9, 3, 6, 2, 64}, {2, 8, 10, 2, 7, 3, 32},
                {4, 6, 9, 5, 5, 0, 64}, {2, 7, 7, 3, 3, 1, 64}, {5, 30, 30, 5, 5, 2, 64}, {1, 5, 5, 1, 5, 0, 64},
                {1, 12, 12, 5, 5, 2, 16}};  // the last: half a float64 panel (16 channels)
        for (int[] g : cases) {
            int c = g[0], h = g[1], w = g[2], kh = g[3], kw = g[4], pad = g[5], o = g[6];
            int l = (h + 2 * pad - kh + 1) * (w + 2 * pad - kw + 1);
            int rows = c * kh * kw;
            for (boolean add : new boolean[]{false, true}) {
                int xo = 3;
                double[] x = uniform(rnd, xo + c * h * w);  // the image ends the array
                double[] dout = uniform(rnd, 2 + l * o);
                double[] cols = new double[rows * l];
                REF.im2col(x, xo, c, h, w, kh, kw, 1, pad, cols, 0);
                double[] before = outputBlock(rnd, rows * o, add);
                double[] want = before.clone();
                double[] got = before.clone();
                REF.gemm(false, false, rows, o, l, 1.0, cols, 0, l, dout, 2, o, add ? 1.0 : 0.0, want, 5, o);
                String what = "patchProductT " + java.util.Arrays.toString(g) + (add ? " added" : "");
                Tol f64 = new Tol(0, 4.0 * (l + 1) * Math.ulp(1.0) * l);
                Tol f32 = new Tol(0, 4.0 * (l + 1) * Math.ulp(1.0f) * l);
                assertTakenOrDeclined(k.patchProductT(x, xo, c, h, w, kh, kw, pad, dout, 2, o, add, got, 5),
                        want, before, got, f64, what + " float64");
                float[] gf = f(before);
                assertTakenOrDeclined(k.patchProductT(f(x), xo, c, h, w, kh, kw, pad, f(dout), 2, o, add, gf, 5),
                        d(f(want)), d(f(before)), d(gf), f32, what + " float32");
            }
        }
    }

    /**
     * patchProduct, where a backend takes it, equals unfolding then multiplying (cols^T wt, position-major) to
     * rounding, added onto out or replacing it, and writes nothing outside its block; where it declines, it
     * writes nothing at all. Shapes: output rows of 6 to 28 positions (every split of a six-position tile
     * across two rows), a partial last tile, no padding (the image read in place, at an offset and last in
     * its array), 16 to 64 output channels, and more rows than one k-block.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("implementations")
    void patchProductMatchesUnfoldThenMultiply(Kernels k) {
        SplittableRandom rnd = new SplittableRandom(79);
        int[][] cases = {  // c, h, w, kh, kw, pad, o
                {32, 14, 14, 5, 5, 2, 64}, {8, 14, 14, 5, 5, 2, 32}, {3, 7, 9, 3, 3, 1, 64}, {2, 6, 6, 3, 3, 1, 32},
                {5, 4, 11, 3, 3, 0, 64}, {1, 9, 8, 2, 3, 0, 32}, {4, 5, 10, 3, 3, 1, 16}, {24, 9, 7, 5, 5, 2, 64},
                {3, 1, 12, 1, 3, 0, 64}, {2, 8, 13, 3, 3, 1, 48}, {6, 9, 7, 5, 5, 2, 32},
                {24, 9, 7, 5, 5, 2, 32}};  // the last: a float64 panel with more rows than one k-block
        for (int[] g : cases) {
            int c = g[0], h = g[1], w = g[2], kh = g[3], kw = g[4], pad = g[5], o = g[6];
            int oh = h + 2 * pad - kh + 1;
            int ow = w + 2 * pad - kw + 1;
            int l = oh * ow;
            int rows = c * kh * kw;
            for (boolean add : new boolean[]{false, true}) {
                int xo = 3;
                double[] x = uniform(rnd, xo + c * h * w);  // the image ends the array
                double[] wt = uniform(rnd, 2 + rows * o);
                double[] cols = new double[rows * l];
                REF.im2col(x, xo, c, h, w, kh, kw, 1, pad, cols, 0);
                double[] before = outputBlock(rnd, l * o, add);
                double[] want = before.clone();
                double[] got = before.clone();
                REF.gemm(true, false, l, o, rows, 1.0, cols, 0, l, wt, 2, o, add ? 1.0 : 0.0, want, 5, o);
                String what = "patchProduct " + java.util.Arrays.toString(g) + (add ? " added" : "");
                // |sum| <= rows (+1): a few ulps of that per multiply-add
                Tol f64 = new Tol(0, 4.0 * (rows + 1) * Math.ulp(1.0) * rows);
                Tol f32 = new Tol(0, 4.0 * (rows + 1) * Math.ulp(1.0f) * rows);
                assertTakenOrDeclined(k.patchProduct(x, xo, c, h, w, kh, kw, pad, wt, 2, o, add, got, 5),
                        want, before, got, f64, what + " float64");
                float[] gf = f(before);
                assertTakenOrDeclined(k.patchProduct(f(x), xo, c, h, w, kh, kw, pad, f(wt), 2, o, add, gf, 5),
                        d(f(want)), d(f(before)), d(gf), f32, what + " float32");
            }
        }
    }

    /**
     * col2im adds every column value onto the pixel it came from, onto what the image held (or, not
     * accumulating, in place of it: how convolutions use it), and writes nothing outside it. Onto a zero image,
     * and in place of one, the sums match the reference's exactly: each pixel's values are added in the same
     * order. Onto other values a backend may sum a pixel's values first, so the results agree to rounding. The
     * widths cover runs shorter than, equal to and longer than a vector.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("implementations")
    void col2imMatchesReferenceAndWritesOnlyTheImage(Kernels k) {
        SplittableRandom rnd = new SplittableRandom(78);
        int[][] cases = {  // c, h, w, kh, kw, stride, pad
                {1, 28, 28, 5, 5, 1, 2}, {3, 14, 14, 5, 5, 1, 2}, {2, 7, 7, 3, 3, 1, 1}, {2, 9, 17, 3, 2, 1, 0},
                // Channels eight, four and one at a time.
                {5, 14, 14, 5, 5, 1, 2}, {4, 7, 9, 3, 3, 1, 1}, {8, 5, 6, 3, 3, 1, 1}, {13, 6, 7, 5, 5, 1, 2},
                {1, 8, 8, 1, 1, 1, 0}, {2, 5, 33, 3, 3, 1, 1}, {1, 3, 3, 3, 3, 1, 0}, {2, 9, 9, 3, 3, 2, 1},
                {1, 4, 16, 2, 2, 1, 0}, {1, 3, 40, 3, 3, 1, 4}, {2, 6, 18, 7, 7, 1, 3}};
        for (int[] g : cases) {
            int c = g[0], h = g[1], w = g[2], kh = g[3], kw = g[4], stride = g[5], pad = g[6];
            int oh = (h + 2 * pad - kh) / stride + 1;
            int ow = (w + 2 * pad - kw) / stride + 1;
            // Accumulating onto zeros (exact), accumulating onto values, and replacing values (exact); the columns
            // block with no room after it, and with the room that lets a backend read whole vectors past it.
            for (int run = 0; run < 6; run++) {
                int mode = run % 3;
                double[] cols = uniform(rnd, 5 + c * kh * kw * oh * ow + (run < 3 ? 0 : Kernels.col2imSlack(kw)));
                boolean zero = mode == 0;
                boolean accumulate = mode < 2;
                double[] want = new double[3 + c * h * w + 4];
                for (int i = 0; i < want.length; i++) {
                    want[i] = i < 3 || i >= 3 + c * h * w ? SENTINEL : zero ? 0 : rnd.nextDouble(-1, 1);
                }
                double[] got = want.clone();
                if (!accumulate) {  // the reference: accumulated onto zeros
                    java.util.Arrays.fill(want, 3, 3 + c * h * w, 0);
                }
                float[] wf = f(want);
                float[] gf = f(got);
                String what = "col2im " + java.util.Arrays.toString(g)
                        + (zero ? " onto zeros" : accumulate ? " onto values" : " replacing values")
                        + (run < 3 ? "" : " with room after the columns");
                // |sum| <= 1 + kh kw: a few ulps of that per add
                Tol f64 = mode != 1 ? Tol.EXACT : new Tol(0, 4.0 * kh * kw * (1 + kh * kw) * Math.ulp(1.0));
                Tol f32 = mode != 1 ? Tol.EXACT : new Tol(0, 4.0 * kh * kw * (1 + kh * kw) * Math.ulp(1.0f));
                int co = zero ? 0 : 5;
                REF.col2im(cols, co, c, h, w, kh, kw, stride, pad, want, 3, true);
                k.col2im(cols, co, c, h, w, kh, kw, stride, pad, got, 3, accumulate);
                assertClose(want, got, f64, what + " float64");
                REF.col2im(f(cols), co, c, h, w, kh, kw, stride, pad, wf, 3, true);
                k.col2im(f(cols), co, c, h, w, kh, kw, stride, pad, gf, 3, accumulate);
                assertClose(d(wf), d(gf), f32, what + " float32");
            }
        }
    }

    /**
     * im2col over awkward sizes (runs shorter than, equal to and longer than a vector; with and without
     * padding; stride 1 and 2), at an offset into a larger cols array whose other values are sentinels:
     * equal to the reference everywhere, and nothing written outside the output block.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("implementations")
    void im2colMatchesReferenceAndWritesOnlyItsBlock(Kernels k) {
        SplittableRandom rnd = new SplittableRandom(77);
        int[][] cases = {  // c, h, w, kh, kw, stride, pad
                {1, 28, 28, 5, 5, 1, 2}, {3, 14, 14, 5, 5, 1, 2}, {2, 7, 7, 3, 3, 1, 1}, {2, 9, 17, 3, 2, 1, 0},
                // The padded copy of the image keeps its zero borders between calls of one plane geometry:
                // fewer channels than last time, then more.
                {1, 14, 14, 5, 5, 1, 2}, {5, 14, 14, 5, 5, 1, 2},
                {1, 8, 8, 1, 1, 1, 0}, {2, 5, 33, 3, 3, 1, 1}, {1, 3, 3, 3, 3, 1, 0}, {2, 9, 9, 3, 3, 2, 1},
                {1, 4, 16, 2, 2, 1, 0},
                // Planes narrower than a vector, whose output vectors span several padded rows.
                {2, 4, 4, 5, 5, 1, 2}, {1, 6, 6, 7, 7, 1, 3}, {3, 2, 2, 3, 3, 1, 1}};
        for (int[] g : cases) {
            int c = g[0], h = g[1], w = g[2], kh = g[3], kw = g[4], stride = g[5], pad = g[6];
            int oh = (h + 2 * pad - kh) / stride + 1;
            int ow = (w + 2 * pad - kw) / stride + 1;
            int size = c * kh * kw * oh * ow;
            double[] x = new double[3 + c * h * w + 5];
            for (int i = 0; i < x.length; i++) {
                x[i] = rnd.nextDouble() * 2 - 1;
            }
            int co = 11;
            double[] want = new double[co + size + 40];
            double[] got = new double[want.length];
            java.util.Arrays.fill(want, SENTINEL);
            java.util.Arrays.fill(got, SENTINEL);
            REF.im2col(x, 3, c, h, w, kh, kw, stride, pad, want, co);
            k.im2col(x, 3, c, h, w, kh, kw, stride, pad, got, co);
            String what = "im2col " + java.util.Arrays.toString(g);
            assertClose(want, got, Tol.EXACT, what + " float64");
            float[] wf = f(want);
            float[] gf = f(got);
            java.util.Arrays.fill(gf, (float) SENTINEL);
            k.im2col(f(x), 3, c, h, w, kh, kw, stride, pad, gf, co);
            assertClose(d(wf), d(gf), Tol.EXACT, what + " float32");
            // The block ends exactly at co + size: a cols array with no room after it must work too.
            float[] tight = new float[co + size];
            k.im2col(f(x), 3, c, h, w, kh, kw, stride, pad, tight, co);
            assertClose(d(java.util.Arrays.copyOfRange(wf, co, co + size)),
                    d(java.util.Arrays.copyOfRange(tight, co, co + size)), Tol.EXACT, what + " tight");
            for (int i = 0; i < co; i++) {
                assertEquals(0f, tight[i], what + " tight: wrote before the block at " + i);
            }
        }
    }

    // ---------------------------------------------------------------- GEMM

    private static final int[][] SHAPES = {
            {1, 1, 1}, {2, 3, 4}, {7, 5, 3}, {17, 33, 65}, {100, 100, 10}, {65, 257, 129},
            {1, 300, 200}, {300, 1, 200}, {4, 77, 50}, {77, 3, 50}, {77, 3, 200}, {5, 9, 700}, {6, 64, 256},
            {13, 129, 513},
            {20, 1100, 40}, {3100, 7, 9},
            // More rows than one row block (MC: 768 in double precision), in equal blocks, with two k-blocks.
            {800, 530, 40},
            // Column counts whose last panel is narrower than the register tile, one to four vectors wide,
            // some of them whole vectors (stored straight into C) and some not (merged from a scratch tile).
            {30, 96, 40}, {37, 80, 33}, {50, 112, 70}, {64, 196, 200}, {70, 100, 300}, {40, 88, 50},
            {33, 120, 17},
            // One micro-panel wide, whole vectors, B's row stride its width: B is read in place, not packed (the
            // conv weight gradient's shapes); with more k than one k-block, and 1 to 4 vectors wide.
            {200, 64, 196}, {90, 32, 600}, {30, 16, 77}, {300, 16, 77}, {50, 48, 90},
            // One to four columns past the last whole vector (of 16 or 8 lanes), computed by the tail kernels:
            // rows for whole six-row and six-vector groups and a remainder, k with and without a remainder
            // past the lanes, and a k shorter than a vector.
            {103, 20, 37}, {400, 20, 37}, {197, 36, 129}, {12, 33, 8}, {98, 50, 300}, {7, 17, 64},
            // A few rows (up to three six-row panels) against B in whole vectors: B read in place by the
            // in-place kernels, every width of the last panel, more k than one k-block, more than one column
            // block, one to four rows (which the matrix-vector path took before), and with tail columns.
            {1, 64, 50}, {2, 48, 600}, {4, 112, 30}, {5, 32, 20}, {18, 80, 70}, {3, 1040, 20}, {13, 176, 33},
            {19, 64, 40}, {3, 100, 50}, {2, 17, 30}, {18, 32, 600},
            // Two to four rows against a transposed B (row by row dot products, four rows at a time).
            {3, 300, 20}, {4, 5, 1000}, {4, 40, 1000}, {2, 40, 7},
            // At most two vectors wide and too small to split: computed in place (Small32, Small64), four rows at
            // a time and the rest one by one, the columns past the last whole vector masked.
            {6, 1, 3}, {9, 4, 128}, {11, 15, 2}, {21, 16, 40}, {14, 31, 9}, {10, 32, 300}, {2, 24, 900},
            {1, 10, 784}, {127, 20, 50}};

    @ParameterizedTest(name = "{0}")
    @MethodSource("implementations")
    void gemmMatchesReferenceForAllTransposeCombinations(Kernels k) {
        SplittableRandom rnd = new SplittableRandom(31);
        for (int[] s : SHAPES) {
            for (int t = 0; t < 4; t++) {
                checkGemm(k, rnd, t >= 2, t % 2 == 1, s[0], s[1], s[2], 1, 0, 0, 0, false);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("implementations")
    void gemmAppliesAlphaAndBeta(Kernels k) {
        SplittableRandom rnd = new SplittableRandom(32);
        double[][] ab = {{-0.5, 0}, {2, 1}, {0.75, -1.5}, {1, 1}, {0, 2}};
        for (int[] s : new int[][]{{2, 3, 4}, {17, 33, 65}, {65, 257, 129}, {13, 129, 513}, {11, 20, 9}}) {
            for (double[] v : ab) {
                for (int t = 0; t < 4; t++) {
                    checkGemm(k, rnd, t >= 2, t % 2 == 1, s[0], s[1], s[2], v[0], v[1], 0, 0, false);
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("implementations")
    void gemmHonorsLeadingDimensionsAndOffsetsAndWritesOnlyTheOutputBlock(Kernels k) {
        SplittableRandom rnd = new SplittableRandom(33);
        for (int[] s : new int[][]{{1, 1, 1}, {7, 5, 3}, {17, 33, 65}, {65, 257, 129}, {13, 129, 513},
                {6, 30, 17}}) {
            for (int t = 0; t < 4; t++) {
                checkGemm(k, rnd, t >= 2, t % 2 == 1, s[0], s[1], s[2], 1.5, 0.5, 3, 5, false);
                checkGemm(k, rnd, t >= 2, t % 2 == 1, s[0], s[1], s[2], 1, 0, 1, 2, false);
            }
        }
        // B read in place (no padding, whole vectors, one micro-panel wide) at an offset, accumulating.
        for (int[] s : new int[][]{{90, 32, 600}, {50, 48, 90}, {30, 16, 77}}) {
            checkGemm(k, rnd, false, false, s[0], s[1], s[2], 1, 1, 0, 7, false);
            checkGemm(k, rnd, true, false, s[0], s[1], s[2], 0.5, -1, 0, 3, false);
        }
        // B read in place for a few rows of A, its rows padded and at an offset.
        for (int[] s : new int[][]{{4, 48, 90}, {12, 96, 600}, {1, 208, 17}}) {
            checkGemm(k, rnd, false, false, s[0], s[1], s[2], 1.5, 0.5, 3, 5, false);
            checkGemm(k, rnd, true, false, s[0], s[1], s[2], 1, 0, 1, 2, false);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("implementations")
    void gemmIgnoresNaNInOutputWhenBetaIsZero(Kernels k) {
        SplittableRandom rnd = new SplittableRandom(34);
        for (int[] s : new int[][]{{1, 1, 1}, {2, 3, 4}, {17, 33, 65}, {65, 257, 129}}) {
            for (int t = 0; t < 4; t++) {
                checkGemm(k, rnd, t >= 2, t % 2 == 1, s[0], s[1], s[2], 1, 0, 2, 1, true);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("implementations")
    void gemmWithEmptyDimensionsScalesOrLeavesC(Kernels k) {
        SplittableRandom rnd = new SplittableRandom(35);
        for (int[] s : new int[][]{{5, 6, 0}, {0, 4, 3}, {4, 0, 3}, {0, 0, 0}}) {
            for (double beta : new double[]{0, 0.5}) {
                checkGemm(k, rnd, false, false, s[0], s[1], s[2], 1, beta, 1, 1, false);
                checkGemm(k, rnd, true, true, s[0], s[1], s[2], 2, beta, 0, 0, false);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("implementations")
    void gemmOnLectureSizedProductsMatchesReference(Kernels k) {
        // [128 x 784] x [784 x 256] (an MLP layer on a batch): large enough for the parallel path; with 260
        // columns, four past the last whole vector, the tail's rows are split among the threads too.
        SplittableRandom rnd = new SplittableRandom(36);
        int m = 128;
        int kk = 784;
        for (int n : new int[]{256, 260}) {
            for (int t = 0; t < 4; t++) {
                boolean ta = t >= 2;
                boolean tb = t % 2 == 1;
                int lda = ta ? m : kk;
                int ldb = tb ? kk : n;
                double[] a = uniform(rnd, m * kk);
                double[] b = uniform(rnd, kk * n);
                float[] af = f(a);
                float[] bf = f(b);
                double[] c = new double[m * n];
                float[] cf = new float[m * n];
                k.gemm(ta, tb, m, n, kk, 1.0, a, 0, lda, b, 0, ldb, 0.0, c, 0, n);
                k.gemm(ta, tb, m, n, kk, 1.0f, af, 0, lda, bf, 0, ldb, 0.0f, cf, 0, n);
                double[] want = new double[m * n];
                float[] wf = new float[m * n];
                REF.gemm(ta, tb, m, n, kk, 1.0, a, 0, lda, b, 0, ldb, 0.0, want, 0, n);
                REF.gemm(ta, tb, m, n, kk, 1.0f, af, 0, lda, bf, 0, ldb, 0.0f, wf, 0, n);
                for (int i = 0; i < m * n; i++) {
                    String what = "gemm 128x" + n + "x784 ta=" + ta + " tb=" + tb
                            + " at (" + i / n + ", " + i % n + ")";
                    assertEquals(want[i], c[i], 1e-12 * kk, what + " float64");
                    assertEquals(wf[i], cf[i], 4e-6 * kk, what + " float32");
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("implementations")
    void gemmWithColumnBlocksHandedOutToThreadsMatchesReference(Kernels k) {
        // Products over 1024 columns whose threads split C's columns take their column blocks from a shared
        // queue and share one packed A (Gemm32.Shared): two k-blocks (each column block waits for its previous
        // k-block), a partial last panel of A, tail columns (in float64), alpha and beta through the scratch
        // tile, operands transposed, and A's panels in several packing groups.
        SplittableRandom rnd = new SplittableRandom(37);
        checkGemm(k, rnd, false, false, 80, 1100, 520, 1, 0, 0, 0, false);  // C too large to split k
        checkGemm(k, rnd, true, true, 50, 1100, 520, 1.5, 0.5, 3, 5, false);
        checkGemm(k, rnd, false, true, 193, 1100, 100, 1, 1, 0, 2, false);
        // A few rows, B read in place by every thread's column blocks (beta 0.5), and split by k (beta 0).
        checkGemm(k, rnd, false, false, 12, 4160, 600, 1, 0.5, 0, 0, false);
        checkGemm(k, rnd, false, false, 12, 4160, 600, 1, 0, 0, 0, false);
    }

    /**
     * A product split between the threads (by C's rows or columns, by shared column blocks, or by k at its
     * k-blocks) gives the bits of one thread: each product runs once as called and once inside a pool chunk,
     * where kernels run on the calling thread alone. The shapes take every split at 2 and at 3 threads (the
     * three-thread-gemm execution): a small C with k of two and of three k-blocks (the k split, the second
     * only with three threads), with columns past the last whole vector, and larger products; operands
     * transposed, gemm and affine (whose epilogue then follows the k split's sum).
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("implementations")
    void gemmSplitBetweenThreadsGivesTheOneThreadBits(Kernels k) {
        SplittableRandom rnd = new SplittableRandom(41);
        int[][] shapes = {{128, 256, 784}, {128, 90, 784}, {64, 128, 1024}, {96, 64, 1100}, {200, 300, 700},
                {300, 256, 784}, {80, 1100, 520}};
        for (int[] s : shapes) {
            int m = s[0];
            int n = s[1];
            int kk = s[2];
            for (int t = 0; t < 8; t++) {
                boolean ta = t % 4 >= 2;
                boolean tb = t % 2 == 1;
                boolean affine = t >= 4;
                int lda = ta ? m : kk;
                int ldb = tb ? kk : n;
                double[] a = uniform(rnd, m * kk);
                double[] b = uniform(rnd, kk * n);
                double[] bias = uniform(rnd, n);
                float[] af = f(a);
                float[] bf = f(b);
                float[] biasF = f(bias);
                double[] split = new double[m * n];
                double[] one = new double[m * n];
                float[] splitF = new float[m * n];
                float[] oneF = new float[m * n];
                Runnable[] products = new Runnable[4];
                for (int i = 0; i < 4; i++) {
                    double[] c = i % 2 == 0 ? split : one;
                    float[] cf = i % 2 == 0 ? splitF : oneF;
                    products[i] = i < 2
                            ? () -> {
                                if (affine) {
                                    k.affine(ta, tb, m, n, kk, a, 0, lda, b, 0, ldb, bias, 0, true, c, 0, n);
                                } else {
                                    k.gemm(ta, tb, m, n, kk, 1.0, a, 0, lda, b, 0, ldb, 0.0, c, 0, n);
                                }
                            }
                            : () -> {
                                if (affine) {
                                    k.affine(ta, tb, m, n, kk, af, 0, lda, bf, 0, ldb, biasF, 0, true, cf, 0, n);
                                } else {
                                    k.gemm(ta, tb, m, n, kk, 1f, af, 0, lda, bf, 0, ldb, 0f, cf, 0, n);
                                }
                            };
                }
                products[0].run();
                products[2].run();
                Parallel.forEach(2, chunk -> {
                    if (chunk == 0) {
                        products[1].run();
                        products[3].run();
                    }
                });
                String what = (affine ? "affine " : "gemm ") + m + "x" + n + "x" + kk + " transA=" + ta
                        + " transB=" + tb + " at " + Parallel.threads() + " threads";
                assertArrayEquals(one, split, what + " float64");
                assertArrayEquals(oneF, splitF, what + " float32");
            }
        }
    }

    /**
     * Products called from several threads at once (one holds the worker pool, the others run their chunks
     * inline, each thread with its own packing and partial-sum buffers) give the one-thread bits: the k split,
     * the shared column blocks and the grid split, float32, each thread with operands of its own, each product
     * five times on each of three threads.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("implementations")
    void gemmCalledFromSeveralThreadsAtOnceGivesTheOneThreadBits(Kernels k) throws Exception {
        SplittableRandom rnd = new SplittableRandom(43);
        int[][] shapes = {{128, 256, 784}, {80, 1100, 520}, {300, 256, 784}};
        int threads = 3;
        float[][][] a = new float[threads][shapes.length][];
        float[][][] b = new float[threads][shapes.length][];
        float[][][] bias = new float[threads][shapes.length][];
        float[][][] want = new float[threads][shapes.length][];
        for (int t = 0; t < threads; t++) {
            for (int s = 0; s < shapes.length; s++) {
                int m = shapes[s][0];
                int n = shapes[s][1];
                int kk = shapes[s][2];
                float[] as = f(uniform(rnd, m * kk));
                float[] bs = f(uniform(rnd, kk * n));
                float[] biasS = f(uniform(rnd, n));
                float[] ws = new float[m * n];
                Parallel.forEach(2, chunk -> {
                    if (chunk == 0) {
                        k.affine(false, false, m, n, kk, as, 0, kk, bs, 0, n, biasS, 0, true, ws, 0, n);
                    }
                });
                a[t][s] = as;
                b[t][s] = bs;
                bias[t][s] = biasS;
                want[t][s] = ws;
            }
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<String>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int me = t;
                results.add(pool.submit(() -> {
                    for (int rep = 0; rep < 5; rep++) {
                        for (int s = 0; s < shapes.length; s++) {
                            int m = shapes[s][0];
                            int n = shapes[s][1];
                            int kk = shapes[s][2];
                            float[] got = new float[m * n];
                            k.affine(false, false, m, n, kk, a[me][s], 0, kk, b[me][s], 0, n, bias[me][s], 0, true,
                                    got, 0, n);
                            if (!java.util.Arrays.equals(want[me][s], got)) {
                                return "affine " + m + "x" + n + "x" + kk + " on thread " + me + " differs on"
                                        + " repetition " + rep;
                            }
                        }
                    }
                    return "";
                }));
            }
            for (Future<String> r : results) {
                assertEquals("", r.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * affine (the GEMM with Linear's epilogue) against the same backend's gemm with beta 0 followed by the
     * epilogue written out here: equal to the bit, on every shape the GEMM tests use (edge tiles, skinny and
     * tiny products, several k-blocks, the parallel split, k = 0), with and without bias and ReLU, operands
     * transposed, padded and offset, C filled with NaN first and a NaN bias value, and nothing written outside
     * the output block.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("implementations")
    void affineIsGemmThenBiasThenReluToTheBit(Kernels k) {
        SplittableRandom rnd = new SplittableRandom(37);
        List<int[]> shapes = new ArrayList<>(List.of(SHAPES));
        shapes.addAll(List.of(new int[]{128, 100, 784}, new int[]{784, 100, 128}, new int[]{128, 256, 784},
                new int[]{5, 6, 0}, new int[]{0, 4, 3}, new int[]{4, 0, 3}));
        int variant = 0;
        for (int[] s : shapes) {
            for (int t = 0; t < 4; t++, variant++) {
                boolean ta = t >= 2;
                boolean tb = t % 2 == 1;
                int m = s[0];
                int n = s[1];
                int kk = s[2];
                int pad = variant % 3;
                int off = variant % 5;
                boolean withBias = variant % 4 != 1;
                boolean relu = variant % 4 != 2;
                int lda = Math.max(1, (ta ? m : kk) + pad);
                int ldb = Math.max(1, (tb ? kk : n) + pad);
                int ldc = Math.max(1, n + pad);
                double[] a = uniform(rnd, off + (ta ? kk : m) * lda + pad);
                double[] b = uniform(rnd, off + (tb ? n : kk) * ldb + pad);
                double[] bias = withBias ? uniform(rnd, off + n + pad) : null;
                if (withBias && n > 2 && variant % 7 == 0) {
                    bias[off + n / 2] = Double.NaN;  // ReLU turns NaN into 0, as the reference does
                }
                double[] c = filled(off + m * ldc + pad, SENTINEL);
                for (int i = 0; i < m; i++) {
                    java.util.Arrays.fill(c, off + i * ldc, off + i * ldc + n, Double.NaN);  // ignored
                }
                String what = "affine m=" + m + " n=" + n + " k=" + kk + " transA=" + ta + " transB=" + tb
                        + " bias=" + withBias + " relu=" + relu + " pad=" + pad + " off=" + off;

                double[] want = c.clone();
                double[] got = c.clone();
                k.gemm(ta, tb, m, n, kk, 1.0, a, off, lda, b, off, ldb, 0.0, want, off, ldc);
                for (int i = 0; i < m; i++) {
                    for (int j = 0; j < n; j++) {
                        int ci = off + i * ldc + j;
                        double v = withBias ? want[ci] + bias[off + j] : want[ci];
                        want[ci] = relu ? (v > 0 ? v : 0.0) : v;
                    }
                }
                k.affine(ta, tb, m, n, kk, a, off, lda, b, off, ldb, bias, off, relu, got, off, ldc);
                assertClose(want, got, Tol.EXACT, what + " float64");

                float[] biasF = withBias ? f(bias) : null;
                float[] wf = f(c);
                float[] gf = f(c);
                k.gemm(ta, tb, m, n, kk, 1f, f(a), off, lda, f(b), off, ldb, 0f, wf, off, ldc);
                for (int i = 0; i < m; i++) {
                    for (int j = 0; j < n; j++) {
                        int ci = off + i * ldc + j;
                        float v = withBias ? wf[ci] + biasF[off + j] : wf[ci];
                        wf[ci] = relu ? (v > 0 ? v : 0f) : v;
                    }
                }
                k.affine(ta, tb, m, n, kk, f(a), off, lda, f(b), off, ldb, biasF, off, relu, gf, off, ldc);
                assertClose(d(wf), d(gf), Tol.EXACT, what + " float32");
            }
        }
    }

    /**
     * Runs one GEMM in both dtypes through k and the reference and compares: inside the m x n block within
     * 2 (k + 2) eps times alpha |op(A)| |op(B)| + |beta C| (the classical rounding bound, doubled since both
     * sides round), and bit for bit outside it (nothing else may be written). {@code pad} widens every
     * leading dimension, {@code off} shifts every operand; {@code nanC} fills C with NaN first.
     */
    private static void checkGemm(Kernels k, SplittableRandom rnd, boolean ta, boolean tb, int m, int n, int kk,
                                  double alpha, double beta, int pad, int off, boolean nanC) {
        int lda = Math.max(1, (ta ? m : kk) + pad);
        int ldb = Math.max(1, (tb ? kk : n) + pad);
        int ldc = Math.max(1, n + pad);
        double[] a = uniform(rnd, off + (ta ? kk : m) * lda + pad);
        double[] b = uniform(rnd, off + (tb ? n : kk) * ldb + pad);
        double[] c = uniform(rnd, off + m * ldc + pad);
        if (nanC) {
            java.util.Arrays.fill(c, Double.NaN);
        }
        String what = "gemm m=" + m + " n=" + n + " k=" + kk + " transA=" + ta + " transB=" + tb + " alpha=" + alpha
                + " beta=" + beta + " pad=" + pad + " off=" + off + (nanC ? " NaN C" : "");
        // Bound from absolute values; with beta == 0 the reference ignores C, NaN included.
        double[] bound = abs(c);
        REF.gemm(ta, tb, m, n, kk, Math.abs(alpha), abs(a), off, lda, abs(b), off, ldb, Math.abs(beta),
                bound, off, ldc);

        double[] want = c.clone();
        double[] got = c.clone();
        REF.gemm(ta, tb, m, n, kk, alpha, a, off, lda, b, off, ldb, beta, want, off, ldc);
        k.gemm(ta, tb, m, n, kk, alpha, a, off, lda, b, off, ldb, beta, got, off, ldc);
        compareGemm(want, got, bound, 2.0 * (kk + 2) * Math.ulp(1.0), m, n, off, ldc, what + " float64");

        float[] wf = f(c);
        float[] gf = f(c);
        REF.gemm(ta, tb, m, n, kk, (float) alpha, f(a), off, lda, f(b), off, ldb, (float) beta, wf, off, ldc);
        k.gemm(ta, tb, m, n, kk, (float) alpha, f(a), off, lda, f(b), off, ldb, (float) beta, gf, off, ldc);
        compareGemm(d(wf), d(gf), bound, 2.0 * (kk + 2) * Math.ulp(1.0f), m, n, off, ldc, what + " float32");
    }

    private static void compareGemm(double[] want, double[] got, double[] bound, double eps, int m, int n,
                                    int off, int ldc, String what) {
        for (int idx = 0; idx < want.length; idx++) {
            int r = idx - off;
            boolean inside = r >= 0 && r / ldc < m && r % ldc < n;
            if (inside) {
                double tol = eps * bound[idx] + 1e-300;
                if (!(Math.abs(want[idx] - got[idx]) <= tol)) {
                    fail(what + ": C(" + r / ldc + ", " + r % ldc + ") = " + got[idx] + ", reference " + want[idx]
                            + " (tolerance " + tol + ")");
                }
            } else if (Double.doubleToLongBits(want[idx]) != Double.doubleToLongBits(got[idx])) {
                fail(what + ": wrote outside the output block at array index " + idx + ": " + got[idx]);
            }
        }
    }

    // ---------------------------------------------------------------- max pooling

    @ParameterizedTest(name = "{0}")
    @MethodSource("implementations")
    void maxPoolMatchesReferenceOnEveryWindowWithTiesAndSpecials(Kernels k) {
        SplittableRandom rnd = new SplittableRandom(41);
        int[][] windows = {{2, 2, 2}, {3, 3, 2}, {2, 2, 1}, {3, 2, 3}, {1, 1, 1}};
        for (int[] win : windows) {
            for (int h : new int[]{3, 4, 7, 14, 16}) {
                for (int w : new int[]{3, 4, 7, 14, 16, 17, 28, 33, 40}) {
                    for (int slack : new int[]{0, 40}) {
                        int oh = (h - win[0]) / win[2] + 1;
                        int ow = (w - win[1]) / win[2] + 1;
                        int xo = 3;
                        int oo = 2;
                        // With no slack the plane sits at the end of x, where wide kernels must not read past the
                        // array; with slack they may read past the plane, and take their vector paths to its end.
                        double[] x = values(rnd, xo + h * w + slack);
                        String what = "maxPool2d " + win[0] + "x" + win[1] + "/" + win[2] + " on " + h + "x" + w
                                + " + " + slack;
                        for (boolean f32 : new boolean[]{false, true}) {
                            double[] want = filled(oo + oh * ow + 3, SENTINEL);
                            double[] got = want.clone();
                            int[] wantIdx = new int[oo + oh * ow + 3];
                            int[] gotIdx = new int[wantIdx.length];
                            java.util.Arrays.fill(wantIdx, -7);
                            java.util.Arrays.fill(gotIdx, -7);
                            if (f32) {
                                float[] wf = f(want);
                                float[] gf = f(got);
                                REF.maxPool2d(f(x), xo, h, w, win[0], win[1], win[2], wf, oo, wantIdx, oo, 100);
                                k.maxPool2d(f(x), xo, h, w, win[0], win[1], win[2], gf, oo, gotIdx, oo, 100);
                                want = d(wf);
                                got = d(gf);
                            } else {
                                REF.maxPool2d(x, xo, h, w, win[0], win[1], win[2], want, oo, wantIdx, oo, 100);
                                k.maxPool2d(x, xo, h, w, win[0], win[1], win[2], got, oo, gotIdx, oo, 100);
                            }
                            assertClose(want, got, Tol.EXACT, what + (f32 ? " float32" : " float64"));
                            org.junit.jupiter.api.Assertions.assertArrayEquals(wantIdx, gotIdx,
                                    what + (f32 ? " float32" : " float64") + " positions");
                        }
                    }
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("implementations")
    void maxPoolOfPositionMajorChannelsIsTransposeReluAndPool(Kernels k) {
        SplittableRandom rnd = new SplittableRandom(43);
        for (int c : new int[]{16, 32, 48, 5}) {
            for (int[] hw : new int[][]{{2, 2}, {3, 5}, {7, 7}, {8, 9}, {14, 14}}) {
                int h = hw[0];
                int w = hw[1];
                int l = h * w;
                int pl = (h / 2) * (w / 2);
                for (boolean relu : new boolean[]{true, false}) {
                    String what = "maxPool2x2Channels " + c + " channels of " + h + "x" + w + (relu ? " relu" : "");
                    int xo = 3;
                    int oo = 2;
                    float[] x = f(values(rnd, xo + l * c));
                    // The reference: the image transposed to channel planes, ReLU'd, then each plane pooled.
                    float[] planes = new float[l * c];
                    for (int q = 0; q < l; q++) {
                        for (int j = 0; j < c; j++) {
                            float v = x[xo + q * c + j];
                            planes[j * l + q] = relu ? (v > 0 ? v : 0f) : v;
                        }
                    }
                    float[] want = f(filled(oo + c * pl + 3, SENTINEL));
                    float[] got = want.clone();
                    int[] wantIdx = new int[want.length];
                    java.util.Arrays.fill(wantIdx, -7);
                    int[] gotIdx = wantIdx.clone();
                    for (int j = 0; j < c; j++) {
                        REF.maxPool2d(planes, j * l, h, w, 2, 2, 2, want, oo + j * pl, wantIdx, oo + j * pl,
                                500 + j * l);
                    }
                    k.maxPool2x2Channels(x, xo, h, w, c, relu, got, oo, gotIdx, oo, 500);
                    assertClose(d(want), d(got), Tol.EXACT, what);
                    org.junit.jupiter.api.Assertions.assertArrayEquals(wantIdx, gotIdx, what + " positions");
                }
            }
        }
    }

    @Test
    void unpoolPutsGatedGradientsAtTheMaximaAndZeroElsewhere() {
        // One 2x5 plane (an odd last column no window covers) after 3 of its values, two 2x2 windows with
        // maxima at positions 5 and 2 (index values 1005 and 1002 for base 1000); a gate of -0 stops the second.
        double[] dz = filled(14, SENTINEL);
        REF.unpool2d(new double[]{9, -0.0, 4}, 1, new double[]{9, 1, -0.0}, 1, new int[]{0, 1005, 1002}, 1, 1000, 1,
                2, 5, 2, 2, 2, dz, 3);
        double[] want = {SENTINEL, SENTINEL, SENTINEL, 0, 0, 0, 0, 0, 0.0, 0, 0, 0, 0, SENTINEL};  // 0 + -0 is +0
        assertClose(want, dz, Tol.EXACT, "unpool2d");
        float[] dzf = new float[10];
        REF.unpool2d(new float[]{-2, 4}, 0, new float[]{Float.NaN, 5}, 0, new int[]{6, 3}, 0, 0, 1, 2, 5, 2, 2, 2,
                dzf, 0);
        assertClose(new double[]{0, 0, 0, 4, 0, 0, -2, 0, 0, 0}, d(dzf), Tol.EXACT, "unpool2d float32, NaN gate passes");
        // Overlapping windows (2x2 at stride 1 over a 2x3 plane) that share a maximum add.
        dz = filled(6, SENTINEL);
        REF.unpool2d(new double[]{1.5, 2}, 0, new double[]{3, 3}, 0, new int[]{1, 1}, 0, 0, 1, 2, 3, 2, 2, 1, dz, 0);
        assertClose(new double[]{0, 3.5, 0, 0, 0, 0}, dz, Tol.EXACT, "unpool2d overlapping");
    }

    @Test
    void maxPoolReferenceKeepsTheFirstMaximumAndTheFirstNaN() {
        double[] out = new double[3];
        int[] index = new int[3];
        // Three 2x2 windows of a 2x6 plane: {1, 3 / -0, 0}, {3, 0 / NaN, 5}, {2, NaN / 7, NaN}.
        double[] plane = {1, 3, 3, 0, 2, Double.NaN, -0.0, 0.0, Double.NaN, 5, 7, Double.NaN};
        REF.maxPool2d(plane, 0, 2, 6, 2, 2, 2, out, 0, index, 0, 0);
        assertEquals(3.0, out[0]);
        assertEquals(1, index[0]);
        assertTrue(Double.isNaN(out[1]));
        assertEquals(8, index[1]);
        assertTrue(Double.isNaN(out[2]));
        assertEquals(5, index[2]);
    }

    // ---------------------------------------------------------------- backend selection

    @Test
    void vectorBackendLoadsVectorKernelsWhenTheModuleIsPresent() {
        if (Backend.vectorModulePresent()) {
            Kernels k = Backend.vector();
            assertInstanceOf(VectorKernels.class, k);
            assertTrue(k.name().startsWith("vector("), k.name());
        } else {
            IllegalStateException e = assertThrows(IllegalStateException.class, Backend::vector);
            assertTrue(e.getMessage().contains("--add-modules jdk.incubator.vector"), e.getMessage());
        }
    }

    @Test
    void selectedBackendFollowsTheJgradBackendProperty() {
        String forced = System.getProperty("jgrad.backend");
        if ("vector".equals(forced)) {
            assertInstanceOf(VectorKernels.class, Backend.kernels());
        } else if ("scalar".equals(forced)) {
            assertInstanceOf(ScalarKernels.class, Backend.kernels());
        } else {
            assertTrue(Backend.kernels() instanceof VectorKernels == Backend.vectorModulePresent());
        }
    }

    // ---------------------------------------------------------------- helpers

    /** Mostly values in [-3, 3), some small integers (ties), some specials (NaN, +-inf, +-0, +-100, +-1000). */
    private static double[] values(SplittableRandom rnd, int len) {
        double[] v = new double[len];
        for (int i = 0; i < len; i++) {
            double u = rnd.nextDouble();
            v[i] = u < 0.7 ? rnd.nextDouble(-3, 3)
                    : u < 0.87 ? rnd.nextInt(-2, 3)
                    : SPECIALS[rnd.nextInt(SPECIALS.length)];
        }
        return v;
    }

    private static double[] uniform(SplittableRandom rnd, int len) {
        double[] v = new double[len];
        for (int i = 0; i < len; i++) {
            v[i] = rnd.nextDouble(-1, 1);
        }
        return v;
    }

    /**
     * A patch product's output: n values at 5 between sentinels (5 before, 4 after), NaN where the product
     * replaces them (so a read of the old values shows), random where it adds onto them.
     */
    private static double[] outputBlock(SplittableRandom rnd, int n, boolean add) {
        double[] v = new double[5 + n + 4];
        for (int i = 0; i < v.length; i++) {
            v[i] = i < 5 || i >= 5 + n ? SENTINEL : add ? rnd.nextDouble(-1, 1) : Double.NaN;
        }
        return v;
    }

    /** A kernel that took the product matches want within tol; one that declined left the output as it was. */
    private static void assertTakenOrDeclined(boolean taken, double[] want, double[] before, double[] got, Tol tol,
                                              String what) {
        if (taken) {
            assertClose(want, got, tol, what);
        } else {
            assertClose(before, got, Tol.EXACT, what + ", declined");
        }
    }

    private static double[] filled(int len, double value) {
        double[] v = new double[len];
        java.util.Arrays.fill(v, value);
        return v;
    }

    private static double[] abs(double[] x) {
        double[] v = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            v[i] = Math.abs(x[i]);
        }
        return v;
    }

    private static float[] f(double[] x) {
        float[] v = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            v[i] = (float) x[i];
        }
        return v;
    }

    private static double[] d(float[] x) {
        double[] v = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            v[i] = x[i];
        }
        return v;
    }

    private static void assertClose(double[] want, double[] got, Tol tol, String what) {
        assertEquals(want.length, got.length, what + ": lengths");
        for (int i = 0; i < want.length; i++) {
            double w = want[i];
            double g = got[i];
            boolean ok = Double.doubleToLongBits(w) == Double.doubleToLongBits(g)
                    || (tol.rel() + tol.abs() > 0 && Double.isFinite(w) && Double.isFinite(g)
                    && Math.abs(w - g) <= tol.rel() * Math.abs(w) + tol.abs());
            if (!ok) {
                fail(what + ": index " + i + ": got " + g + ", reference " + w);
            }
        }
    }
}
