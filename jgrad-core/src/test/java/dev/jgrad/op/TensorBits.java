package dev.jgrad.op;

import dev.jgrad.DType;
import dev.jgrad.Tensor;

/** For tests that compare two ways of computing the same values to the bit. */
final class TensorBits {

    private TensorBits() {
    }

    /** The values' bits (in the tensor's own dtype), NaNs made one. */
    static long[] of(Tensor t) {
        double[] v = t.toDoubleArray();
        long[] out = new long[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = t.dtype() == DType.FLOAT64 ? Double.doubleToLongBits(v[i]) : Float.floatToIntBits((float) v[i]);
        }
        return out;
    }
}
