package dev.jgrad.backend.vector;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/** float32 select over a contiguous condition; each branch contiguous or one broadcast value. */
final class Select32 {

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    private Select32() {
    }

    /**
     * out[oo + i] = cond[co + i] != 0 ? a[ao + i * as] : b[bo + i * bs] over whole vectors, for branch strides
     * 0 or 1 (NaN counts as nonzero); returns how many leading elements were done.
     */
    static int apply(float[] cond, int co, float[] a, int ao, int as, float[] b, int bo, int bs,
                     float[] out, int oo, int n) {
        int vn = S.loopBound(n);
        if (as == 1 && bs == 1) {
            for (int i = 0; i < vn; i += L) {
                VectorMask<Float> taken = FloatVector.fromArray(S, cond, co + i).compare(VectorOperators.NE, 0f);
                FloatVector va = FloatVector.fromArray(S, a, ao + i);
                FloatVector vb = FloatVector.fromArray(S, b, bo + i);
                vb.blend(va, taken).intoArray(out, oo + i);
            }
        } else if (as == 0 && bs == 1) {
            FloatVector va = FloatVector.broadcast(S, a[ao]);
            for (int i = 0; i < vn; i += L) {
                VectorMask<Float> taken = FloatVector.fromArray(S, cond, co + i).compare(VectorOperators.NE, 0f);
                FloatVector vb = FloatVector.fromArray(S, b, bo + i);
                vb.blend(va, taken).intoArray(out, oo + i);
            }
        } else if (as == 1 && bs == 0) {
            FloatVector vb = FloatVector.broadcast(S, b[bo]);
            for (int i = 0; i < vn; i += L) {
                VectorMask<Float> taken = FloatVector.fromArray(S, cond, co + i).compare(VectorOperators.NE, 0f);
                FloatVector va = FloatVector.fromArray(S, a, ao + i);
                vb.blend(va, taken).intoArray(out, oo + i);
            }
        } else {
            FloatVector va = FloatVector.broadcast(S, a[ao]);
            FloatVector vb = FloatVector.broadcast(S, b[bo]);
            for (int i = 0; i < vn; i += L) {
                VectorMask<Float> taken = FloatVector.fromArray(S, cond, co + i).compare(VectorOperators.NE, 0f);
                vb.blend(va, taken).intoArray(out, oo + i);
            }
        }
        return vn;
    }
}
