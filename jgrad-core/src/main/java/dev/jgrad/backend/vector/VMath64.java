package dev.jgrad.backend.vector;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;

/**
 * float64 exp, log and tanh on vectors, built only from operations whose result IEEE 754 or the Vector API
 * fixes to the bit: add, subtract, multiply, divide, fused multiply-add, compares, blends,
 * long-double conversion and integer bit operations. So a loop returns the same bits whether C2 has compiled it
 * or not, and on every CPU. The Vector API's own EXP, LOG and TANH do not: compiled on x86 they call
 * SVML-style routines, interpreted they call {@link Math}, and the two differ in the last bit for about 1%
 * of inputs, which made training runs with the same seed diverge depending on when the JIT finished.
 *
 * <p>Each vector function has a scalar twin that performs the same operations in the same order, so tests
 * can check every lane against it bit for bit. Accuracy: within a few ulps of the correctly rounded result,
 * subnormal results included.
 */
final class VMath64 {

    private VMath64() {
    }

    // exp: x = n ln2 + r with |r| <= ln2 / 2, e^x = 2^n e^r, e^r by its Taylor series to r^13.
    private static final double LOG2E = 1.4426950408889634;
    /** 1.5 * 2^52: t = x log2e + SHIFT rounds x log2e to the integer n held in t's low bits, bits(t) - SHIFT_BITS. */
    private static final double SHIFT = 6755399441055744.0;
    private static final long SHIFT_BITS = 0x4338000000000000L;
    /** ln 2 in two parts: LN2_HI has 32 significant bits, so n * LN2_HI is exact for |n| < 2^21. */
    private static final double LN2_HI = 6.93147180369123816490e-01;
    private static final double LN2_LO = 1.90821492927058770002e-10;
    /** Beyond [EXP_MIN, EXP_MAX], exp is 0 or infinite in float64; those lanes are set at the end. */
    private static final double EXP_MIN = -746.0;
    private static final double EXP_MAX = 710.0;
    private static final double E2 = 1.0 / 2;
    private static final double E3 = 1.0 / 6;
    private static final double E4 = 1.0 / 24;
    private static final double E5 = 1.0 / 120;
    private static final double E6 = 1.0 / 720;
    private static final double E7 = 1.0 / 5040;
    private static final double E8 = 1.0 / 40320;
    private static final double E9 = 1.0 / 362880;
    private static final double E10 = 1.0 / 3628800;
    private static final double E11 = 1.0 / 39916800;
    private static final double E12 = 1.0 / 479001600;
    private static final double E13 = 1.0 / 6227020800L;

    /** e^x for each lane. */
    static DoubleVector exp(DoubleVector x) {
        DoubleVector t = x.fma(LOG2E, SHIFT);
        DoubleVector n = t.sub(SHIFT);
        DoubleVector r = n.fma(x.broadcast(-LN2_HI), x);
        r = n.fma(x.broadcast(-LN2_LO), r);
        DoubleVector p = r.fma(E13, E12).fma(r, x.broadcast(E11)).fma(r, x.broadcast(E10)).fma(r, x.broadcast(E9))
                .fma(r, x.broadcast(E8)).fma(r, x.broadcast(E7)).fma(r, x.broadcast(E6)).fma(r, x.broadcast(E5))
                .fma(r, x.broadcast(E4)).fma(r, x.broadcast(E3)).fma(r, x.broadcast(E2)).fma(r, x.broadcast(1.0))
                .fma(r, x.broadcast(1.0));
        // 2^n as two factors 2^h and 2^(n - h), h = n / 2, each a normal double for n in [-1077, 1025], so
        // that p 2^h is exact and only the second product rounds (once, also into the subnormals).
        LongVector k = t.reinterpretAsLongs().sub(SHIFT_BITS);
        LongVector h = k.lanewise(VectorOperators.ASHR, 1);
        DoubleVector y = p.mul(pow2(h)).mul(pow2(k.sub(h)));
        return y.blend(Double.POSITIVE_INFINITY, x.compare(VectorOperators.GT, EXP_MAX))
                .blend(0.0, x.compare(VectorOperators.LT, EXP_MIN));  // NaN: y is NaN
    }

    /** The scalar twin of {@link #exp(DoubleVector)}: the same operations, so the same bits. */
    static double exp(double x) {
        double t = Math.fma(x, LOG2E, SHIFT);
        double n = t - SHIFT;
        double r = Math.fma(n, -LN2_HI, x);
        r = Math.fma(n, -LN2_LO, r);
        double p = Math.fma(r, E13, E12);
        p = Math.fma(Math.fma(Math.fma(Math.fma(p, r, E11), r, E10), r, E9), r, E8);
        p = Math.fma(Math.fma(Math.fma(Math.fma(p, r, E7), r, E6), r, E5), r, E4);
        p = Math.fma(Math.fma(Math.fma(Math.fma(p, r, E3), r, E2), r, 1.0), r, 1.0);
        long k = Double.doubleToRawLongBits(t) - SHIFT_BITS;
        long h = k >> 1;
        double y = p * pow2(h) * pow2(k - h);
        return x > EXP_MAX ? Double.POSITIVE_INFINITY : x < EXP_MIN ? 0.0 : y;
    }

    private static DoubleVector pow2(LongVector e) {
        return e.add(1023).lanewise(VectorOperators.LSHL, 52).reinterpretAsDoubles();
    }

    private static double pow2(long e) {
        return Double.longBitsToDouble((e + 1023) << 52);
    }

    // log: x = 2^k m with m in [sqrt(1/2), sqrt(2)), log x = k ln2 + log m, and with f = m - 1, s = f / (2 + f):
    // log m = log((1 + s) / (1 - s)) = 2s + 2s^3/3 + 2s^5/5 + ..., written as f - f^2/2 + s (f^2/2 + R(s^2)).
    /** Bits of a double just below sqrt(1/2): subtracting them leaves k in the exponent field. */
    private static final long SQRT_HALF_BITS = 0x3fe6a09e667f3bccL;
    private static final long ONE_BITS = 0x3ff0000000000000L;
    private static final long MANTISSA = 0xfffffffffffffL;
    /** 2^52, to bring subnormal inputs into the normal range. */
    private static final double TWO52 = 4503599627370496.0;
    private static final double L1 = 2.0 / 3;
    private static final double L2 = 2.0 / 5;
    private static final double L3 = 2.0 / 7;
    private static final double L4 = 2.0 / 9;
    private static final double L5 = 2.0 / 11;
    private static final double L6 = 2.0 / 13;
    private static final double L7 = 2.0 / 15;
    private static final double L8 = 2.0 / 17;
    private static final double L9 = 2.0 / 19;
    private static final double L10 = 2.0 / 21;
    private static final double L11 = 2.0 / 23;

    /** log x for each lane: NaN below 0 and for NaN, -infinity at +-0, +infinity at +infinity. */
    static DoubleVector log(DoubleVector x) {
        VectorMask<Double> tiny = x.compare(VectorOperators.LT, Double.MIN_NORMAL);
        LongVector bits = x.blend(x.mul(TWO52), tiny).reinterpretAsLongs().add(ONE_BITS - SQRT_HALF_BITS);
        LongVector k = bits.lanewise(VectorOperators.ASHR, 52).sub(1023);
        k = k.blend(k.sub(52), tiny.cast(k.species()));
        DoubleVector f = bits.and(MANTISSA).add(SQRT_HALF_BITS).reinterpretAsDoubles().sub(1.0);
        DoubleVector s = f.div(f.add(2.0));
        DoubleVector z = s.mul(s);
        DoubleVector rz = z.fma(L11, L10).fma(z, x.broadcast(L9)).fma(z, x.broadcast(L8)).fma(z, x.broadcast(L7))
                .fma(z, x.broadcast(L6)).fma(z, x.broadcast(L5)).fma(z, x.broadcast(L4)).fma(z, x.broadcast(L3))
                .fma(z, x.broadcast(L2)).fma(z, x.broadcast(L1)).mul(z);
        DoubleVector hf = f.mul(f).mul(0.5);
        DoubleVector kf = (DoubleVector) k.convert(VectorOperators.L2D, 0);
        DoubleVector y = kf.fma(x.broadcast(LN2_HI), kf.fma(x.broadcast(LN2_LO), s.fma(hf.add(rz), f.sub(hf))));
        return y.blend(Double.NEGATIVE_INFINITY, x.compare(VectorOperators.EQ, 0.0))
                .blend(x, x.compare(VectorOperators.EQ, Double.POSITIVE_INFINITY))
                .blend(Double.NaN, x.compare(VectorOperators.GE, 0.0).not());  // below 0, or NaN
    }

    /** The scalar twin of {@link #log(DoubleVector)}. */
    static double log(double x) {
        boolean tiny = x < Double.MIN_NORMAL;
        long bits = Double.doubleToRawLongBits(tiny ? x * TWO52 : x) + (ONE_BITS - SQRT_HALF_BITS);
        long k = (bits >> 52) - 1023;
        k = tiny ? k - 52 : k;
        double f = Double.longBitsToDouble((bits & MANTISSA) + SQRT_HALF_BITS) - 1.0;
        double s = f / (f + 2.0);
        double z = s * s;
        double rz = Math.fma(z, L11, L10);
        rz = Math.fma(Math.fma(Math.fma(Math.fma(Math.fma(rz, z, L9), z, L8), z, L7), z, L6), z, L5);
        rz = Math.fma(Math.fma(Math.fma(Math.fma(rz, z, L4), z, L3), z, L2), z, L1) * z;
        double hf = f * f * 0.5;
        double kf = k;
        double y = Math.fma(kf, LN2_HI, Math.fma(kf, LN2_LO, Math.fma(s, hf + rz, f - hf)));
        y = x == 0.0 ? Double.NEGATIVE_INFINITY : y;
        y = x == Double.POSITIVE_INFINITY ? x : y;
        return x >= 0.0 ? y : Double.NaN;
    }

    // tanh: below SMALL its odd Taylor series to x^17; above, (1 - e) / (1 + e) with e = exp(-2|x|); below
    // TINY x itself (the series' next term is under half an ulp), which also keeps the sign of zero.
    private static final double TANH_SMALL = 0.125;
    private static final double TANH_TINY = 0x1p-27;
    private static final double T3 = -1.0 / 3;
    private static final double T5 = 2.0 / 15;
    private static final double T7 = -17.0 / 315;
    private static final double T9 = 62.0 / 2835;
    private static final double T11 = -1382.0 / 155925;
    private static final double T13 = 21844.0 / 6081075;
    private static final double T15 = -929569.0 / 638512875;
    private static final double T17 = 6404582.0 / 10854718875L;

    /** tanh x for each lane. */
    static DoubleVector tanh(DoubleVector x) {
        DoubleVector a = x.abs();
        DoubleVector e = exp(a.mul(-2.0));
        DoubleVector t = x.broadcast(1.0).sub(e).div(e.add(1.0));
        t = t.blend(t.neg(), x.compare(VectorOperators.LT, 0.0));
        DoubleVector z = x.mul(x);
        DoubleVector p = z.fma(T17, T15).fma(z, x.broadcast(T13)).fma(z, x.broadcast(T11)).fma(z, x.broadcast(T9))
                .fma(z, x.broadcast(T7)).fma(z, x.broadcast(T5)).fma(z, x.broadcast(T3));
        DoubleVector small = x.fma(z.mul(p), x);  // x + x^3 p(x^2)
        return t.blend(small, a.compare(VectorOperators.LT, TANH_SMALL))
                .blend(x, a.compare(VectorOperators.LT, TANH_TINY));
    }

    /** The scalar twin of {@link #tanh(DoubleVector)}. */
    static double tanh(double x) {
        double a = Math.abs(x);
        double e = exp(a * -2.0);
        double t = (1.0 - e) / (e + 1.0);
        t = x < 0.0 ? -t : t;
        double z = x * x;
        double p = Math.fma(Math.fma(Math.fma(Math.fma(z, T17, T15), z, T13), z, T11), z, T9);
        p = Math.fma(Math.fma(Math.fma(p, z, T7), z, T5), z, T3);
        double small = Math.fma(x, z * p, x);
        return a < TANH_TINY ? x : a < TANH_SMALL ? small : t;
    }
}
