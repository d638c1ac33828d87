package dev.jgrad.backend.vector;

import dev.jgrad.backend.Kernels.Unary;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The vector backend gives every value of an elementwise function the same bits wherever the value sits: in a
 * whole vector, among the values past the last whole vector, in a strided operand, or broadcast. Before, the
 * values outside whole vectors went to the scalar reference, whose exp, log, tanh and sigmoid round
 * differently from the vector lanes, so exp of a value depended on its index and on the tensor's layout.
 */
class UnaryLanesTest {

    private static final VectorKernels K = new VectorKernels();
    /** Enough values that each one's expected result comes from the middle of whole vectors. */
    private static final int WHOLE = 64;
    private static final int[] SIZES = {1, 3, 7, 15, 16, 17, 31, 33, 63, 100};

    @ParameterizedTest
    @EnumSource(Unary.class)
    void float32ValuesAreTheSameInVectorsTailsStridesAndBroadcasts(Unary op) {
        double[] in = VMathTest.inputs(400);
        for (int n : SIZES) {
            for (int start = 0; start + n <= in.length; start += n) {
                float[] x = new float[n];
                float[] strided = new float[3 * n];
                for (int i = 0; i < n; i++) {
                    x[i] = (float) in[start + i];
                    strided[3 * i + 1] = x[i];
                }
                float[] tail = new float[n];
                K.unary(op, x, 0, 1, tail, 0, n);
                float[] viaStride = new float[n];
                K.unary(op, strided, 1, 3, viaStride, 0, n);
                for (int i = 0; i < n; i++) {
                    float[] whole = new float[WHOLE];
                    java.util.Arrays.fill(whole, x[i]);
                    K.unary(op, whole, 0, 1, whole, 0, WHOLE);
                    float[] broadcast = new float[5];
                    K.unary(op, x, i, 0, broadcast, 0, 5);
                    String at = op + "(" + x[i] + ") at index " + i + " of " + n;
                    assertEquals(Float.floatToIntBits(whole[WHOLE / 2]), Float.floatToIntBits(tail[i]), at);
                    assertEquals(Float.floatToIntBits(whole[WHOLE / 2]), Float.floatToIntBits(viaStride[i]),
                            at + ", stride 3");
                    assertEquals(Float.floatToIntBits(whole[WHOLE / 2]), Float.floatToIntBits(broadcast[4]),
                            at + ", broadcast");
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Unary.class)
    void float64ValuesAreTheSameInVectorsTailsStridesAndBroadcasts(Unary op) {
        double[] in = VMathTest.inputs(400);
        for (int n : SIZES) {
            for (int start = 0; start + n <= in.length; start += n) {
                double[] x = new double[n];
                double[] strided = new double[3 * n];
                for (int i = 0; i < n; i++) {
                    x[i] = in[start + i];
                    strided[3 * i + 1] = x[i];
                }
                double[] tail = new double[n];
                K.unary(op, x, 0, 1, tail, 0, n);
                double[] viaStride = new double[n];
                K.unary(op, strided, 1, 3, viaStride, 0, n);
                for (int i = 0; i < n; i++) {
                    double[] whole = new double[WHOLE];
                    java.util.Arrays.fill(whole, x[i]);
                    K.unary(op, whole, 0, 1, whole, 0, WHOLE);
                    double[] broadcast = new double[5];
                    K.unary(op, x, i, 0, broadcast, 0, 5);
                    String at = op + "(" + x[i] + ") at index " + i + " of " + n;
                    assertEquals(Double.doubleToLongBits(whole[WHOLE / 2]), Double.doubleToLongBits(tail[i]),
                            at);
                    assertEquals(Double.doubleToLongBits(whole[WHOLE / 2]),
                            Double.doubleToLongBits(viaStride[i]), at + ", stride 3");
                    assertEquals(Double.doubleToLongBits(whole[WHOLE / 2]),
                            Double.doubleToLongBits(broadcast[4]), at + ", broadcast");
                }
            }
        }
    }
}
