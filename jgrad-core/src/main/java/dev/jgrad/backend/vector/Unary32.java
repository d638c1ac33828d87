package dev.jgrad.backend.vector;

import dev.jgrad.backend.Kernels.Unary;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * float32 elementwise functions of one contiguous argument; one loop per function, chosen once. exp, log,
 * tanh and sigmoid use {@link VMath32}, so their results do not depend on whether the JIT has compiled them.
 */
final class Unary32 {

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    private Unary32() {
    }

    /** out[oo + i] = f(x[xo + i]) over whole vectors; returns how many leading elements were done. */
    static int apply(Unary op, float[] x, int xo, float[] out, int oo, int n) {
        int vn = S.loopBound(n);
        switch (op) {
            case COPY -> {
                System.arraycopy(x, xo, out, oo, n);
                return n;
            }
            case NEG -> neg(x, xo, out, oo, vn);
            case EXP -> exp(x, xo, out, oo, vn);
            case LOG -> log(x, xo, out, oo, vn);
            case SQRT -> sqrt(x, xo, out, oo, vn);
            case ABS -> abs(x, xo, out, oo, vn);
            case SIGN -> sign(x, xo, out, oo, vn);
            case TANH -> tanh(x, xo, out, oo, vn);
            case SIGMOID -> sigmoid(x, xo, out, oo, vn);
            case RELU -> relu(x, xo, out, oo, vn);
            case STEP -> step(x, xo, out, oo, vn);
        }
        return vn;
    }

    /**
     * out[oo + i] = f(x[xo + i * xs]) one value at a time, each with the bits a lane of {@link #apply} gives it,
     * for the values outside whole vectors: past the last one, in a strided operand, broadcast. Returns false,
     * computing nothing, for the functions whose lanes equal the reference's results already (all but exp, log,
     * tanh and sigmoid, which round as {@link VMath32} does).
     */
    static boolean each(Unary op, float[] x, int xo, int xs, float[] out, int oo, int n) {
        switch (op) {
            case EXP -> {
                for (int i = 0; i < n; i++) {
                    out[oo + i] = VMath32.exp(x[xo + i * xs]);
                }
            }
            case LOG -> {
                for (int i = 0; i < n; i++) {
                    out[oo + i] = VMath32.log(x[xo + i * xs]);
                }
            }
            case TANH -> {
                for (int i = 0; i < n; i++) {
                    out[oo + i] = VMath32.tanh(x[xo + i * xs]);
                }
            }
            case SIGMOID -> {
                for (int i = 0; i < n; i++) {
                    out[oo + i] = sigmoid(x[xo + i * xs]);
                }
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    private static void neg(float[] x, int xo, float[] out, int oo, int vn) {
        for (int i = 0; i < vn; i += L) {
            FloatVector.fromArray(S, x, xo + i).neg().intoArray(out, oo + i);
        }
    }

    private static void exp(float[] x, int xo, float[] out, int oo, int vn) {
        for (int i = 0; i < vn; i += L) {
            VMath32.exp(FloatVector.fromArray(S, x, xo + i)).intoArray(out, oo + i);
        }
    }

    private static void log(float[] x, int xo, float[] out, int oo, int vn) {
        for (int i = 0; i < vn; i += L) {
            VMath32.log(FloatVector.fromArray(S, x, xo + i)).intoArray(out, oo + i);
        }
    }

    private static void sqrt(float[] x, int xo, float[] out, int oo, int vn) {
        for (int i = 0; i < vn; i += L) {
            FloatVector.fromArray(S, x, xo + i).sqrt().intoArray(out, oo + i);
        }
    }

    private static void abs(float[] x, int xo, float[] out, int oo, int vn) {
        for (int i = 0; i < vn; i += L) {
            FloatVector.fromArray(S, x, xo + i).abs().intoArray(out, oo + i);
        }
    }

    /** signum: 1 above 0, -1 below, x itself at +-0 and NaN. */
    private static void sign(float[] x, int xo, float[] out, int oo, int vn) {
        FloatVector one = FloatVector.broadcast(S, 1f);
        FloatVector minusOne = FloatVector.broadcast(S, -1f);
        for (int i = 0; i < vn; i += L) {
            FloatVector v = FloatVector.fromArray(S, x, xo + i);
            VectorMask<Float> pos = v.compare(VectorOperators.GT, 0f);
            VectorMask<Float> neg = v.compare(VectorOperators.LT, 0f);
            v.blend(one, pos).blend(minusOne, neg).intoArray(out, oo + i);
        }
    }

    private static void tanh(float[] x, int xo, float[] out, int oo, int vn) {
        for (int i = 0; i < vn; i += L) {
            VMath32.tanh(FloatVector.fromArray(S, x, xo + i)).intoArray(out, oo + i);
        }
    }

    /** With e = exp(-|x|): 1 / (1 + e) for x &gt;= 0, e / (1 + e) below; neither overflows. */
    private static void sigmoid(float[] x, int xo, float[] out, int oo, int vn) {
        FloatVector one = FloatVector.broadcast(S, 1f);
        for (int i = 0; i < vn; i += L) {
            FloatVector v = FloatVector.fromArray(S, x, xo + i);
            FloatVector e = VMath32.exp(v.abs().neg());
            FloatVector d = e.add(one);
            one.div(d).blend(e.div(d), v.compare(VectorOperators.LT, 0f)).intoArray(out, oo + i);
        }
    }

    /** The scalar twin of a lane of {@link #sigmoid(float[], int, float[], int, int)}. */
    static float sigmoid(float v) {
        float e = VMath32.exp(-Math.abs(v));
        float d = e + 1f;
        return v < 0f ? e / d : 1f / d;
    }

    /** x where x &gt; 0, else 0 (NaN gives 0, as in the reference). */
    private static void relu(float[] x, int xo, float[] out, int oo, int vn) {
        FloatVector zero = FloatVector.zero(S);
        for (int i = 0; i < vn; i += L) {
            FloatVector v = FloatVector.fromArray(S, x, xo + i);
            zero.blend(v, v.compare(VectorOperators.GT, 0f)).intoArray(out, oo + i);
        }
    }

    private static void step(float[] x, int xo, float[] out, int oo, int vn) {
        FloatVector zero = FloatVector.zero(S);
        FloatVector one = FloatVector.broadcast(S, 1f);
        for (int i = 0; i < vn; i += L) {
            FloatVector v = FloatVector.fromArray(S, x, xo + i);
            zero.blend(one, v.compare(VectorOperators.GT, 0f)).intoArray(out, oo + i);
        }
    }
}
