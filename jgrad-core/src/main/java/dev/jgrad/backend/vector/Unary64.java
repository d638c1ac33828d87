package dev.jgrad.backend.vector;

import dev.jgrad.backend.Kernels.Unary;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * float64 elementwise functions of one contiguous argument; one loop per function, chosen once. exp, log,
 * tanh and sigmoid use {@link VMath64}, so their results do not depend on whether the JIT has compiled them.
 */
final class Unary64 {

    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    private Unary64() {
    }

    /** out[oo + i] = f(x[xo + i]) over whole vectors; returns how many leading elements were done. */
    static int apply(Unary op, double[] x, int xo, double[] out, int oo, int n) {
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
     * tanh and sigmoid, which round as {@link VMath64} does).
     */
    static boolean each(Unary op, double[] x, int xo, int xs, double[] out, int oo, int n) {
        switch (op) {
            case EXP -> {
                for (int i = 0; i < n; i++) {
                    out[oo + i] = VMath64.exp(x[xo + i * xs]);
                }
            }
            case LOG -> {
                for (int i = 0; i < n; i++) {
                    out[oo + i] = VMath64.log(x[xo + i * xs]);
                }
            }
            case TANH -> {
                for (int i = 0; i < n; i++) {
                    out[oo + i] = VMath64.tanh(x[xo + i * xs]);
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

    private static void neg(double[] x, int xo, double[] out, int oo, int vn) {
        for (int i = 0; i < vn; i += L) {
            DoubleVector.fromArray(S, x, xo + i).neg().intoArray(out, oo + i);
        }
    }

    private static void exp(double[] x, int xo, double[] out, int oo, int vn) {
        for (int i = 0; i < vn; i += L) {
            VMath64.exp(DoubleVector.fromArray(S, x, xo + i)).intoArray(out, oo + i);
        }
    }

    private static void log(double[] x, int xo, double[] out, int oo, int vn) {
        for (int i = 0; i < vn; i += L) {
            VMath64.log(DoubleVector.fromArray(S, x, xo + i)).intoArray(out, oo + i);
        }
    }

    private static void sqrt(double[] x, int xo, double[] out, int oo, int vn) {
        for (int i = 0; i < vn; i += L) {
            DoubleVector.fromArray(S, x, xo + i).sqrt().intoArray(out, oo + i);
        }
    }

    private static void abs(double[] x, int xo, double[] out, int oo, int vn) {
        for (int i = 0; i < vn; i += L) {
            DoubleVector.fromArray(S, x, xo + i).abs().intoArray(out, oo + i);
        }
    }

    /** signum: 1 above 0, -1 below, x itself at +-0 and NaN. */
    private static void sign(double[] x, int xo, double[] out, int oo, int vn) {
        DoubleVector one = DoubleVector.broadcast(S, 1.0);
        DoubleVector minusOne = DoubleVector.broadcast(S, -1.0);
        for (int i = 0; i < vn; i += L) {
            DoubleVector v = DoubleVector.fromArray(S, x, xo + i);
            VectorMask<Double> pos = v.compare(VectorOperators.GT, 0.0);
            VectorMask<Double> neg = v.compare(VectorOperators.LT, 0.0);
            v.blend(one, pos).blend(minusOne, neg).intoArray(out, oo + i);
        }
    }

    private static void tanh(double[] x, int xo, double[] out, int oo, int vn) {
        for (int i = 0; i < vn; i += L) {
            VMath64.tanh(DoubleVector.fromArray(S, x, xo + i)).intoArray(out, oo + i);
        }
    }

    /** With e = exp(-|x|): 1 / (1 + e) for x &gt;= 0, e / (1 + e) below; neither overflows. */
    private static void sigmoid(double[] x, int xo, double[] out, int oo, int vn) {
        DoubleVector one = DoubleVector.broadcast(S, 1.0);
        for (int i = 0; i < vn; i += L) {
            DoubleVector v = DoubleVector.fromArray(S, x, xo + i);
            DoubleVector e = VMath64.exp(v.abs().neg());
            DoubleVector d = e.add(one);
            one.div(d).blend(e.div(d), v.compare(VectorOperators.LT, 0.0)).intoArray(out, oo + i);
        }
    }

    /** The scalar twin of a lane of {@link #sigmoid(double[], int, double[], int, int)}. */
    static double sigmoid(double v) {
        double e = VMath64.exp(-Math.abs(v));
        double d = e + 1.0;
        return v < 0.0 ? e / d : 1.0 / d;
    }

    /** x where x &gt; 0, else 0 (NaN gives 0, as in the reference). */
    private static void relu(double[] x, int xo, double[] out, int oo, int vn) {
        DoubleVector zero = DoubleVector.zero(S);
        for (int i = 0; i < vn; i += L) {
            DoubleVector v = DoubleVector.fromArray(S, x, xo + i);
            zero.blend(v, v.compare(VectorOperators.GT, 0.0)).intoArray(out, oo + i);
        }
    }

    private static void step(double[] x, int xo, double[] out, int oo, int vn) {
        DoubleVector zero = DoubleVector.zero(S);
        DoubleVector one = DoubleVector.broadcast(S, 1.0);
        for (int i = 0; i < vn; i += L) {
            DoubleVector v = DoubleVector.fromArray(S, x, xo + i);
            zero.blend(one, v.compare(VectorOperators.GT, 0.0)).intoArray(out, oo + i);
        }
    }
}
