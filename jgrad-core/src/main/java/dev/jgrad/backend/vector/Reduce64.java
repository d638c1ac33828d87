package dev.jgrad.backend.vector;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/** float64 sum, argmax and axpy over contiguous runs. */
final class Reduce64 {

    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    /** Lane i swapped with lane i ^ d: the rounds of {@link #lanes}. Null where d is not below the lane count. */
    private static final VectorShuffle<Double> X1 = L > 1 ? VectorShuffle.fromOp(S, i -> i ^ 1) : null;
    private static final VectorShuffle<Double> X2 = L > 2 ? VectorShuffle.fromOp(S, i -> i ^ 2) : null;
    private static final VectorShuffle<Double> X4 = L > 4 ? VectorShuffle.fromOp(S, i -> i ^ 4) : null;
    private static final VectorShuffle<Double> X8 = L > 8 ? VectorShuffle.fromOp(S, i -> i ^ 8) : null;

    private Reduce64() {
    }

    /**
     * The sum of v's lanes in a fixed order: rounds of v + (v with lanes d apart swapped), d = L/2 .. 1, each an
     * exact lanewise add. {@code reduceLanes(ADD)} may add in another order once compiled than interpreted
     * (2710 of 4096 random vectors differed in a check), which made training runs with the same seed diverge
     * depending on when the JIT finished.
     */
    static double lanes(DoubleVector v) {
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
    private static double lanesScalar(DoubleVector v) {
        double s = 0.0;
        for (int i = 0; i < L; i++) {
            s += v.lane(i);
        }
        return s;
    }

    /** Sum in float64 lanes; four independent accumulators hide the add latency. */
    static double sum(double[] x, int xo, int n) {
        DoubleVector s0 = DoubleVector.zero(S);
        DoubleVector s1 = DoubleVector.zero(S);
        DoubleVector s2 = DoubleVector.zero(S);
        DoubleVector s3 = DoubleVector.zero(S);
        int i = 0;
        for (int bound = n - 4 * L; i <= bound; i += 4 * L) {
            s0 = s0.add(DoubleVector.fromArray(S, x, xo + i));
            s1 = s1.add(DoubleVector.fromArray(S, x, xo + i + L));
            s2 = s2.add(DoubleVector.fromArray(S, x, xo + i + 2 * L));
            s3 = s3.add(DoubleVector.fromArray(S, x, xo + i + 3 * L));
        }
        for (int bound = S.loopBound(n); i < bound; i += L) {
            s0 = s0.add(DoubleVector.fromArray(S, x, xo + i));
        }
        double s = lanes(s0.add(s1).add(s2.add(s3)));
        for (; i < n; i++) {
            s += x[xo + i];
        }
        return s;
    }

    /**
     * The first index of the largest element, NaN counting as largest. Pass 1 finds the maximum and stops
     * at the first NaN (which wins); pass 2 finds the first element equal to the maximum.
     */
    static int argmax(double[] x, int xo, int n) {
        if (n <= 0) {
            return -1;
        }
        int vn = S.loopBound(n);
        double best = Double.NEGATIVE_INFINITY;
        if (vn > 0) {
            DoubleVector max = DoubleVector.broadcast(S, Double.NEGATIVE_INFINITY);
            for (int i = 0; i < vn; i += L) {
                DoubleVector v = DoubleVector.fromArray(S, x, xo + i);
                VectorMask<Double> nan = v.test(VectorOperators.IS_NAN);
                if (nan.anyTrue()) {
                    return i + nan.firstTrue();
                }
                max = max.blend(v, v.compare(VectorOperators.GT, max));
            }
            best = max.reduceLanes(VectorOperators.MAX);
        }
        for (int i = vn; i < n; i++) {
            double v = x[xo + i];
            if (v != v) {
                return i;
            }
            best = v > best ? v : best;
        }
        for (int i = 0; i < vn; i += L) {
            VectorMask<Double> hit = DoubleVector.fromArray(S, x, xo + i).compare(VectorOperators.EQ, best);
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
    static void axpy(int n, double a, double[] x, int xo, double[] y, int yo) {
        DoubleVector va = DoubleVector.broadcast(S, a);
        int i = 0;
        for (int bound = S.loopBound(Math.max(n, 0)); i < bound; i += L) {
            DoubleVector.fromArray(S, x, xo + i).mul(va).add(DoubleVector.fromArray(S, y, yo + i))
                    .intoArray(y, yo + i);
        }
        for (; i < n; i++) {
            y[yo + i] += a * x[xo + i];
        }
    }
}
