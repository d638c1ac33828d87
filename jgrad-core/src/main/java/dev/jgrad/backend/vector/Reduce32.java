package dev.jgrad.backend.vector;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/** float32 sum, argmax and axpy over contiguous runs. */
final class Reduce32 {

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    /** Lane i swapped with lane i ^ d: the rounds of {@link #lanes}. Null where d is not below the lane count. */
    private static final VectorShuffle<Float> X1 = L > 1 ? VectorShuffle.fromOp(S, i -> i ^ 1) : null;
    private static final VectorShuffle<Float> X2 = L > 2 ? VectorShuffle.fromOp(S, i -> i ^ 2) : null;
    private static final VectorShuffle<Float> X4 = L > 4 ? VectorShuffle.fromOp(S, i -> i ^ 4) : null;
    private static final VectorShuffle<Float> X8 = L > 8 ? VectorShuffle.fromOp(S, i -> i ^ 8) : null;

    private Reduce32() {
    }

    /**
     * The sum of v's lanes in a fixed order: rounds of v + (v with lanes d apart swapped), d = L/2 .. 1, each an
     * exact lanewise add. {@code reduceLanes(ADD)} may add in another order once compiled than interpreted
     * (2710 of 4096 random vectors differed in a check), which made training runs with the same seed diverge
     * depending on when the JIT finished.
     */
    static float lanes(FloatVector v) {
        if (L > 16) {
            return lanesScalar(v);
        }
        if (L > 8) {
            v = v.add(v.rearrange(X8));
        }
        if (L > 4) {
            v = v.add(v.rearrange(X4));
        }
        if (L > 2) {
            v = v.add(v.rearrange(X2));
        }
        if (L > 1) {
            v = v.add(v.rearrange(X1));
        }
        return v.lane(0);
    }

    /** The fixed-order sum for vectors wider than 16 lanes, lane by lane. */
    private static float lanesScalar(FloatVector v) {
        float s = 0f;
        for (int i = 0; i < L; i++) {
            s += v.lane(i);
        }
        return s;
    }

    /** Sum in float32 lanes; four independent accumulators hide the add latency. */
    static float sum(float[] x, int xo, int n) {
        FloatVector s0 = FloatVector.zero(S);
        FloatVector s1 = FloatVector.zero(S);
        FloatVector s2 = FloatVector.zero(S);
        FloatVector s3 = FloatVector.zero(S);
        int i = 0;
        for (int bound = n - 4 * L; i <= bound; i += 4 * L) {
            s0 = s0.add(FloatVector.fromArray(S, x, xo + i));
            s1 = s1.add(FloatVector.fromArray(S, x, xo + i + L));
            s2 = s2.add(FloatVector.fromArray(S, x, xo + i + 2 * L));
            s3 = s3.add(FloatVector.fromArray(S, x, xo + i + 3 * L));
        }
        for (int bound = S.loopBound(n); i < bound; i += L) {
            s0 = s0.add(FloatVector.fromArray(S, x, xo + i));
        }
        float s = lanes(s0.add(s1).add(s2.add(s3)));
        for (; i < n; i++) {
            s += x[xo + i];
        }
        return s;
    }

    /**
     * The first index of the largest element, NaN counting as largest. Pass 1 finds the maximum and stops
     * at the first NaN (which wins); pass 2 finds the first element equal to the maximum.
     */
    static int argmax(float[] x, int xo, int n) {
        if (n <= 0) {
            return -1;
        }
        int vn = S.loopBound(n);
        float best = Float.NEGATIVE_INFINITY;
        if (vn > 0) {
            FloatVector max = FloatVector.broadcast(S, Float.NEGATIVE_INFINITY);
            for (int i = 0; i < vn; i += L) {
                FloatVector v = FloatVector.fromArray(S, x, xo + i);
                VectorMask<Float> nan = v.test(VectorOperators.IS_NAN);
                if (nan.anyTrue()) {
                    return i + nan.firstTrue();
                }
                max = max.blend(v, v.compare(VectorOperators.GT, max));
            }
            best = max.reduceLanes(VectorOperators.MAX);
        }
        for (int i = vn; i < n; i++) {
            float v = x[xo + i];
            if (v != v) {
                return i;
            }
            best = v > best ? v : best;
        }
        for (int i = 0; i < vn; i += L) {
            VectorMask<Float> hit = FloatVector.fromArray(S, x, xo + i).compare(VectorOperators.EQ, best);
            if (hit.anyTrue()) {
                return i + hit.firstTrue();
            }
        }
        for (int i = vn; i < n; i++) {
            if (x[xo + i] == best) {
                return i;
            }
        }
        throw new AssertionError("argmax: maximum not found");
    }

    /** y[yo + i] += a * x[xo + i], multiplied then added (no fma) so it rounds as the reference does. */
    static void axpy(int n, float a, float[] x, int xo, float[] y, int yo) {
        FloatVector va = FloatVector.broadcast(S, a);
        int i = 0;
        for (int bound = S.loopBound(Math.max(n, 0)); i < bound; i += L) {
            FloatVector.fromArray(S, x, xo + i).mul(va).add(FloatVector.fromArray(S, y, yo + i))
                    .intoArray(y, yo + i);
        }
        for (; i < n; i++) {
            y[yo + i] += a * x[xo + i];
        }
    }
}
