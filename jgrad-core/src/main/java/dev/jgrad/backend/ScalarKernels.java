package dev.jgrad.backend;

/** The reference kernels: plain loops, written to be read. Every other backend is tested against these. */
public final class ScalarKernels implements Kernels {

    @Override
    public String name() {
        return "scalar";
    }

    /** f(x) for one value; float kernels evaluate in double and round once. */
    static double apply(Unary op, double x) {
        return switch (op) {
            case COPY -> x;
            case NEG -> -x;
            case EXP -> Math.exp(x);
            case LOG -> Math.log(x);
            case SQRT -> Math.sqrt(x);
            case ABS -> Math.abs(x);
            case SIGN -> Math.signum(x);
            case TANH -> Math.tanh(x);
            // Written per sign so that neither branch overflows.
            case SIGMOID -> x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
            case RELU -> x > 0 ? x : 0.0;
            case STEP -> x > 0 ? 1.0 : 0.0;
        };
    }

    static double apply(Binary op, double x, double y) {
        return switch (op) {
            case ADD -> x + y;
            case SUB -> x - y;
            case MUL -> x * y;
            case DIV -> x / y;
            // Ties and NaN: max/min keep the first argument unless the second is strictly better.
            case MAX -> (y > x) ? y : x;
            case MIN -> (y < x) ? y : x;
            case POW -> Math.pow(x, y);
            case GT -> x > y ? 1 : 0;
            case GE -> x >= y ? 1 : 0;
            case LT -> x < y ? 1 : 0;
            case LE -> x <= y ? 1 : 0;
            case EQ -> x == y ? 1 : 0;
            case NE -> x != y ? 1 : 0;
        };
    }

    @Override
    public void unary(Unary op, double[] x, int xo, int xs, double[] out, int oo, int n) {
        for (int i = 0; i < n; i++) {
            out[oo + i] = apply(op, x[xo + i * xs]);
        }
    }

    @Override
    public void unary(Unary op, float[] x, int xo, int xs, float[] out, int oo, int n) {
        for (int i = 0; i < n; i++) {
            out[oo + i] = (float) apply(op, x[xo + i * xs]);
        }
    }

    @Override
    public void binary(Binary op, double[] x, int xo, int xs, double[] y, int yo, int ys, double[] out, int oo, int n) {
        for (int i = 0; i < n; i++) {
            out[oo + i] = apply(op, x[xo + i * xs], y[yo + i * ys]);
        }
    }

    @Override
    public void binary(Binary op, float[] x, int xo, int xs, float[] y, int yo, int ys, float[] out, int oo, int n) {
        for (int i = 0; i < n; i++) {
            out[oo + i] = (float) apply(op, x[xo + i * xs], y[yo + i * ys]);
        }
    }

    @Override
    public void select(double[] cond, int co, int cs, double[] a, int ao, int as, double[] b, int bo, int bs,
                       double[] out, int oo, int n) {
        for (int i = 0; i < n; i++) {
            out[oo + i] = cond[co + i * cs] != 0 ? a[ao + i * as] : b[bo + i * bs];
        }
    }

    @Override
    public void select(float[] cond, int co, int cs, float[] a, int ao, int as, float[] b, int bo, int bs,
                       float[] out, int oo, int n) {
        for (int i = 0; i < n; i++) {
            out[oo + i] = cond[co + i * cs] != 0 ? a[ao + i * as] : b[bo + i * bs];
        }
    }

    @Override
    public double sum(double[] x, int xo, int n) {
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += x[xo + i];
        }
        return s;
    }

    @Override
    public float sum(float[] x, int xo, int n) {
        float s = 0;
        for (int i = 0; i < n; i++) {
            s += x[xo + i];
        }
        return s;
    }

    @Override
    public int argmax(double[] x, int xo, int n) {
        int best = n == 0 ? -1 : 0;
        for (int i = 1; i < n; i++) {
            double v = x[xo + i];
            double b = x[xo + best];
            if (!Double.isNaN(b) && (v > b || Double.isNaN(v))) {
                best = i;
            }
        }
        return best;
    }

    @Override
    public int argmax(float[] x, int xo, int n) {
        int best = n == 0 ? -1 : 0;
        for (int i = 1; i < n; i++) {
            float v = x[xo + i];
            float b = x[xo + best];
            if (!Float.isNaN(b) && (v > b || Float.isNaN(v))) {
                best = i;
            }
        }
        return best;
    }

    @Override
    public void axpy(int n, double a, double[] x, int xo, double[] y, int yo) {
        for (int i = 0; i < n; i++) {
            y[yo + i] += a * x[xo + i];
        }
    }

    @Override
    public void axpy(int n, float a, float[] x, int xo, float[] y, int yo) {
        for (int i = 0; i < n; i++) {
            y[yo + i] += a * x[xo + i];
        }
    }

    @Override
    public void gemm(boolean transA, boolean transB, int m, int n, int k, double alpha,
                     double[] a, int ao, int lda, double[] b, int bo, int ldb,
                     double beta, double[] c, int co, int ldc) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int p = 0; p < k; p++) {
                    double av = transA ? a[ao + p * lda + i] : a[ao + i * lda + p];
                    double bv = transB ? b[bo + j * ldb + p] : b[bo + p * ldb + j];
                    s += av * bv;
                }
                int ci = co + i * ldc + j;
                c[ci] = beta == 0 ? alpha * s : alpha * s + beta * c[ci];
            }
        }
    }

    @Override
    public void gemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
                     float[] a, int ao, int lda, float[] b, int bo, int ldb,
                     float beta, float[] c, int co, int ldc) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                float s = 0;
                for (int p = 0; p < k; p++) {
                    float av = transA ? a[ao + p * lda + i] : a[ao + i * lda + p];
                    float bv = transB ? b[bo + j * ldb + p] : b[bo + p * ldb + j];
                    s += av * bv;
                }
                int ci = co + i * ldc + j;
                c[ci] = beta == 0 ? alpha * s : alpha * s + beta * c[ci];
            }
        }
    }
}
