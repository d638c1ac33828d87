package dev.jgrad.backend.vector;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * Optimizer updates of float32 parameters with double state and double arithmetic (see the optimizer section
 * of {@link dev.jgrad.backend.Kernels}): each step loads as many floats as a double vector has lanes,
 * widens them, applies the rule with the same operations in the same order as the reference loop (no fused
 * multiply-adds, so the results are the same to the bit), and narrows the new values back. The last values
 * (fewer than a vector) are left to the caller, which runs the reference loop on them. The compiler does
 * not vectorize the plain loop here, since it cannot rule out that the arrays overlap; this runs 4-5x faster.
 */
final class Update32 {

    private static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;
    /** Floats with as many lanes as D: half its width. */
    private static final VectorSpecies<Float> F = VectorSpecies.of(float.class,
            VectorShape.forBitSize(D.vectorBitSize() / 2));
    private static final int L = D.length();

    private Update32() {
    }

    private static DoubleVector widen(float[] x, int i) {
        return (DoubleVector) FloatVector.fromArray(F, x, i).convertShape(VectorOperators.F2D, D, 0);
    }

    private static void narrow(DoubleVector x, float[] dst, int i) {
        ((FloatVector) x.convertShape(VectorOperators.D2F, F, 0)).intoArray(dst, i);
    }

    /** The rule on the first {@code D.loopBound(n)} values; returns how many it did (the rest is the caller's). */
    static int sgdMomentum(int n, double lr, double momentum, double keep, double weightDecay, boolean nesterov,
                           float[] p, int po, float[] g, int go, double[] buf, int so) {
        int vn = D.loopBound(n);
        for (int i = 0; i < vn; i += L) {
            DoubleVector pi = widen(p, po + i);
            DoubleVector gi = widen(g, go + i).add(pi.mul(weightDecay));
            DoubleVector b = DoubleVector.fromArray(D, buf, so + i).mul(momentum).add(gi.mul(keep));
            b.intoArray(buf, so + i);
            DoubleVector step = nesterov ? gi.add(b.mul(momentum)) : b;
            narrow(pi.sub(step.mul(lr)), p, po + i);
        }
        return vn;
    }

    /** The rule on the first {@code D.loopBound(n)} values; returns how many it did (the rest is the caller's). */
    static int adam(int n, double stepSize, double correction2Sqrt, double beta1, double beta2, double eps,
                    double weightDecay, double decay, float[] p, int po, float[] g, int go,
                    double[] m, double[] v, int so) {
        int vn = D.loopBound(n);
        for (int i = 0; i < vn; i += L) {
            DoubleVector p0 = widen(p, po + i);
            DoubleVector gi = widen(g, go + i).add(p0.mul(weightDecay));
            DoubleVector pi = decay == 1 ? p0 : p0.mul(decay);
            DoubleVector mo = DoubleVector.fromArray(D, m, so + i);
            DoubleVector mi = mo.add(gi.sub(mo).mul(1 - beta1));
            DoubleVector vi = DoubleVector.fromArray(D, v, so + i).mul(beta2).add(gi.mul(1 - beta2).mul(gi));
            mi.intoArray(m, so + i);
            vi.intoArray(v, so + i);
            DoubleVector denom = vi.sqrt().div(correction2Sqrt).add(eps);
            narrow(pi.sub(mi.div(denom).mul(stepSize)), p, po + i);
        }
        return vn;
    }
}
