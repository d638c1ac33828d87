package dev.jgrad.backend.vector;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;

/**
 * float32 exp, log and tanh on vectors, built only from operations whose result IEEE 754 or the Vector API
 * fixes to the bit: add, subtract, multiply, divide, fused multiply-add, compares, blends,
 * float-int conversion and integer bit operations. So a loop returns the same bits whether C2 has compiled it
 * or not, and on every CPU. The Vector API's own EXP, LOG and TANH do not: compiled on x86 they call
 * SVML-style routines, interpreted they call {@link Math}, and the two differ in the last bit for about 1%
 * of inputs, which made training runs with the same seed diverge depending on when the JIT finished.
 *
 * <p>Each vector function has a scalar twin that performs the same operations in the same order, so tests
 * can check every lane against it bit for bit. Accuracy: within a few ulps of the correctly rounded result,
 * subnormal results included.
 */
final class VMath32 {

    private VMath32() {
    }

    // exp: x = n ln2 + r with |r| <= ln2 / 2, e^x = 2^n e^r, e^r by its Taylor series to r^7.
    private static final float LOG2E = 1.44269504f;
    /** 1.5 * 2^23: t = x log2e + SHIFT rounds x log2e to the integer n held in t's low bits, bits(t) - SHIFT_BITS. */
    private static final float SHIFT = 12582912f;
    private static final int SHIFT_BITS = 0x4b400000;
    /** ln 2 in two parts: LN2_HI has 9 significant bits, so n * LN2_HI is exact for |n| < 2^15. */
    private static final float LN2_HI = 0.693359375f;
    private static final float LN2_LO = -2.12194440e-4f;
    /** Beyond [EXP_MIN, EXP_MAX], exp is 0 or infinite in float32; those lanes are set at the end. */
    private static final float EXP_MIN = -104f;
    private static final float EXP_MAX = 89f;
    private static final float E2 = 1f / 2;
    private static final float E3 = 1f / 6;
    private static final float E4 = 1f / 24;
    private static final float E5 = 1f / 120;
    private static final float E6 = 1f / 720;
    private static final float E7 = 1f / 5040;

    /** e^x for each lane. */
    static FloatVector exp(FloatVector x) {
        FloatVector t = x.fma(LOG2E, SHIFT);
        FloatVector n = t.sub(SHIFT);
        FloatVector r = n.fma(x.broadcast(-LN2_HI), x);
        r = n.fma(x.broadcast(-LN2_LO), r);
        FloatVector p = r.fma(E7, E6).fma(r, x.broadcast(E5)).fma(r, x.broadcast(E4)).fma(r, x.broadcast(E3))
                .fma(r, x.broadcast(E2)).fma(r, x.broadcast(1f)).fma(r, x.broadcast(1f));
        // 2^n as two factors 2^h and 2^(n - h), h = n / 2, each a normal float for n in [-150, 129], so that
        // p 2^h is exact and only the second product rounds (once, also into the subnormals).
        IntVector k = t.reinterpretAsInts().sub(SHIFT_BITS);
        IntVector h = k.lanewise(VectorOperators.ASHR, 1);
        FloatVector y = p.mul(pow2(h)).mul(pow2(k.sub(h)));
        return y.blend(Float.POSITIVE_INFINITY, x.compare(VectorOperators.GT, EXP_MAX))
                .blend(0f, x.compare(VectorOperators.LT, EXP_MIN));  // NaN: y is NaN
    }

    /** The scalar twin of {@link #exp(FloatVector)}: the same operations, so the same bits. */
    static float exp(float x) {
        float t = Math.fma(x, LOG2E, SHIFT);
        float n = t - SHIFT;
        float r = Math.fma(n, -LN2_HI, x);
        r = Math.fma(n, -LN2_LO, r);
        float p = Math.fma(Math.fma(Math.fma(Math.fma(Math.fma(Math.fma(Math.fma(r, E7, E6), r, E5), r, E4), r, E3),
                r, E2), r, 1f), r, 1f);
        int k = Float.floatToRawIntBits(t) - SHIFT_BITS;
        int h = k >> 1;
        float y = p * pow2(h) * pow2(k - h);
        return x > EXP_MAX ? Float.POSITIVE_INFINITY : x < EXP_MIN ? 0f : y;
    }

    private static FloatVector pow2(IntVector e) {
        return e.add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
    }

    private static float pow2(int e) {
        return Float.intBitsToFloat((e + 127) << 23);
    }

    // log: x = 2^k m with m in [sqrt(1/2), sqrt(2)), log x = k ln2 + log m, and with f = m - 1, s = f / (2 + f):
    // log m = log((1 + s) / (1 - s)) = 2s + 2s^3/3 + 2s^5/5 + ..., written as f - f^2/2 + s (f^2/2 + R(s^2)).
    /** Bits of a float just below sqrt(1/2): subtracting them leaves k in the exponent field. */
    private static final int SQRT_HALF_BITS = 0x3f3504f3;
    private static final int ONE_BITS = 0x3f800000;
    /** 2^23, to bring subnormal inputs into the normal range. */
    private static final float TWO23 = 8388608f;
    private static final float L1 = 2f / 3;
    private static final float L2 = 2f / 5;
    private static final float L3 = 2f / 7;
    private static final float L4 = 2f / 9;

    /** log x for each lane: NaN below 0 and for NaN, -infinity at +-0, +infinity at +infinity. */
    static FloatVector log(FloatVector x) {
        VectorMask<Float> tiny = x.compare(VectorOperators.LT, Float.MIN_NORMAL);
        IntVector bits = x.blend(x.mul(TWO23), tiny).reinterpretAsInts().add(ONE_BITS - SQRT_HALF_BITS);
        IntVector k = bits.lanewise(VectorOperators.ASHR, 23).sub(127);
        k = k.blend(k.sub(23), tiny.cast(k.species()));
        FloatVector f = bits.and(0x7fffff).add(SQRT_HALF_BITS).reinterpretAsFloats().sub(1f);
        FloatVector s = f.div(f.add(2f));
        FloatVector z = s.mul(s);
        FloatVector rz = z.fma(L4, L3).fma(z, x.broadcast(L2)).fma(z, x.broadcast(L1)).mul(z);
        FloatVector hf = f.mul(f).mul(0.5f);
        FloatVector kf = (FloatVector) k.convert(VectorOperators.I2F, 0);
        FloatVector y = kf.fma(x.broadcast(LN2_HI), kf.fma(x.broadcast(LN2_LO), s.fma(hf.add(rz), f.sub(hf))));
        return y.blend(Float.NEGATIVE_INFINITY, x.compare(VectorOperators.EQ, 0f))
                .blend(x, x.compare(VectorOperators.EQ, Float.POSITIVE_INFINITY))
                .blend(Float.NaN, x.compare(VectorOperators.GE, 0f).not());  // below 0, or NaN
    }

    /** The scalar twin of {@link #log(FloatVector)}. */
    static float log(float x) {
        boolean tiny = x < Float.MIN_NORMAL;
        int bits = Float.floatToRawIntBits(tiny ? x * TWO23 : x) + (ONE_BITS - SQRT_HALF_BITS);
        int k = (bits >> 23) - 127;
        k = tiny ? k - 23 : k;
        float f = Float.intBitsToFloat((bits & 0x7fffff) + SQRT_HALF_BITS) - 1f;
        float s = f / (f + 2f);
        float z = s * s;
        float rz = Math.fma(Math.fma(Math.fma(z, L4, L3), z, L2), z, L1) * z;
        float hf = f * f * 0.5f;
        float kf = k;
        float y = Math.fma(kf, LN2_HI, Math.fma(kf, LN2_LO, Math.fma(s, hf + rz, f - hf)));
        y = x == 0f ? Float.NEGATIVE_INFINITY : y;
        y = x == Float.POSITIVE_INFINITY ? x : y;
        return x >= 0f ? y : Float.NaN;
    }

    // tanh: below SMALL its odd Taylor series to x^11; above, (1 - e) / (1 + e) with e = exp(-2|x|); below
    // TINY x itself (the series' next term is under half an ulp), which also keeps the sign of zero.
    private static final float TANH_SMALL = 0.25f;
    private static final float TANH_TINY = 0x1p-12f;
    private static final float T3 = -1f / 3;
    private static final float T5 = 2f / 15;
    private static final float T7 = -17f / 315;
    private static final float T9 = 62f / 2835;
    private static final float T11 = -1382f / 155925;

    /** tanh x for each lane. */
    static FloatVector tanh(FloatVector x) {
        FloatVector a = x.abs();
        FloatVector e = exp(a.mul(-2f));
        FloatVector t = x.broadcast(1f).sub(e).div(e.add(1f));
        t = t.blend(t.neg(), x.compare(VectorOperators.LT, 0f));
        FloatVector z = x.mul(x);
        FloatVector p = z.fma(T11, T9).fma(z, x.broadcast(T7)).fma(z, x.broadcast(T5)).fma(z, x.broadcast(T3));
        FloatVector small = x.fma(z.mul(p), x);  // x + x^3 p(x^2)
        return t.blend(small, a.compare(VectorOperators.LT, TANH_SMALL))
                .blend(x, a.compare(VectorOperators.LT, TANH_TINY));
    }

    /** The scalar twin of {@link #tanh(FloatVector)}. */
    static float tanh(float x) {
        float a = Math.abs(x);
        float e = exp(a * -2f);
        float t = (1f - e) / (e + 1f);
        t = x < 0f ? -t : t;
        float z = x * x;
        float p = Math.fma(Math.fma(Math.fma(Math.fma(z, T11, T9), z, T7), z, T5), z, T3);
        float small = Math.fma(x, z * p, x);
        return a < TANH_TINY ? x : a < TANH_SMALL ? small : t;
    }
}
