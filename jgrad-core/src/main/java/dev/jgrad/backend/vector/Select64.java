package dev.jgrad.backend.vector;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/** float64 select over a contiguous condition; each branch contiguous or one broadcast value. */
final class Select64 {

    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    private Select64() {
    }

    /**
     * out[oo + i] = cond[co + i] != 0 ? a[ao + i * as] : b[bo + i * bs] over whole vectors, for branch strides
     * 0 or 1 (NaN counts as nonzero); returns how many leading elements were done.
     */
    static int apply(double[] cond, int co, double[] a, int ao, int as, double[] b, int bo, int bs,
                     double[] out, int oo, int n) {
        int vn = S.loopBound(n);
        if (as == 1 && bs == 1) {
            for (int i = 0; i < vn; i += L) {
                VectorMask<Double> taken = DoubleVector.fromArray(S, cond, co + i).compare(VectorOperators.NE, 0.0);
                DoubleVector va = DoubleVector.fromArray(S, a, ao + i);
                DoubleVector vb = DoubleVector.fromArray(S, b, bo + i);
                vb.blend(va, taken).intoArray(out, oo + i);
            }
        } else if (as == 0 && bs == 1) {
            DoubleVector va = DoubleVector.broadcast(S, a[ao]);
            for (int i = 0; i < vn; i += L) {
                VectorMask<Double> taken = DoubleVector.fromArray(S, cond, co + i).compare(VectorOperators.NE, 0.0);
                DoubleVector vb = DoubleVector.fromArray(S, b, bo + i);
                vb.blend(va, taken).intoArray(out, oo + i);
            }
        } else if (as == 1 && bs == 0) {
            DoubleVector vb = DoubleVector.broadcast(S, b[bo]);
            for (int i = 0; i < vn; i += L) {
                VectorMask<Double> taken = DoubleVector.fromArray(S, cond, co + i).compare(VectorOperators.NE, 0.0);
                DoubleVector va = DoubleVector.fromArray(S, a, ao + i);
                vb.blend(va, taken).intoArray(out, oo + i);
            }
        } else {
            DoubleVector va = DoubleVector.broadcast(S, a[ao]);
            DoubleVector vb = DoubleVector.broadcast(S, b[bo]);
            for (int i = 0; i < vn; i += L) {
                VectorMask<Double> taken = DoubleVector.fromArray(S, cond, co + i).compare(VectorOperators.NE, 0.0);
                vb.blend(va, taken).intoArray(out, oo + i);
            }
        }
        return vn;
    }
}
