package dev.jgrad;

/** Element type of a tensor. A {@code double[]} makes float64, a {@code float[]} float32. */
public enum DType {
    FLOAT32("float32"),
    FLOAT64("float64");

    private final String label;

    DType(String label) {
        this.label = label;
    }

    /** The wider of two dtypes: mixing float32 and float64 computes in float64. */
    public static DType promote(DType a, DType b) {
        return a == FLOAT64 || b == FLOAT64 ? FLOAT64 : FLOAT32;
    }

    @Override
    public String toString() {
        return label;
    }
}
