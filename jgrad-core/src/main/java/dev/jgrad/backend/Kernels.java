package dev.jgrad.backend;

/**
 * The kernel SPI: loops over primitive arrays with offsets and strides, in float64 and float32.
 *
 * <p>Strided arguments follow one rule: element {@code i} of operand {@code x} is
 * {@code x[xo + i * xs]}; a stride of 0 broadcasts one value. Outputs are always contiguous.
 * {@link ScalarKernels} is the readable reference and the oracle every other backend is tested against.
 */
public interface Kernels {

    /** Elementwise functions of one argument. */
    enum Unary {
        /** x */ COPY,
        /** -x */ NEG,
        /** e^x */ EXP,
        /** ln x */ LOG,
        /** sqrt x */ SQRT,
        /** |x| */ ABS,
        /** sign(x), 0 at 0 */ SIGN,
        /** tanh x */ TANH,
        /** 1 / (1 + e^-x) */ SIGMOID,
        /** max(0, x) */ RELU,
        /** 1 where x &gt; 0, else 0 */ STEP
    }

    /** Elementwise functions of two arguments; comparisons yield 1 or 0. */
    enum Binary { ADD, SUB, MUL, DIV, MAX, MIN, POW, GT, GE, LT, LE, EQ, NE }

    /** A short name for logs and {@code toString}, such as {@code vector(AVX-512, 16 float lanes)}. */
    String name();

    void unary(Unary op, double[] x, int xo, int xs, double[] out, int oo, int n);

    void unary(Unary op, float[] x, int xo, int xs, float[] out, int oo, int n);

    void binary(Binary op, double[] x, int xo, int xs, double[] y, int yo, int ys, double[] out, int oo, int n);

    void binary(Binary op, float[] x, int xo, int xs, float[] y, int yo, int ys, float[] out, int oo, int n);

    /** out[i] = cond[i] != 0 ? a[i] : b[i] (a select, so an infinity in the branch not taken does no harm). */
    void select(double[] cond, int co, int cs, double[] a, int ao, int as, double[] b, int bo, int bs,
                double[] out, int oo, int n);

    void select(float[] cond, int co, int cs, float[] a, int ao, int as, float[] b, int bo, int bs,
                float[] out, int oo, int n);

    /** Sum of x[xo .. xo+n). */
    double sum(double[] x, int xo, int n);

    /** Sum of x[xo .. xo+n), accumulated in float32 lanes. */
    float sum(float[] x, int xo, int n);

    /** Index (0-based, relative to xo) of the first largest element; -1 when n == 0. NaN counts as largest. */
    int argmax(double[] x, int xo, int n);

    int argmax(float[] x, int xo, int n);

    /** y[yo + i] += a * x[xo + i]. */
    void axpy(int n, double a, double[] x, int xo, double[] y, int yo);

    void axpy(int n, float a, float[] x, int xo, float[] y, int yo);

    /**
     * C = alpha op(A) op(B) + beta C with row-major operands; op(A) is m x k, op(B) is k x n.
     * {@code transA} means A is stored k x m (row-major, leading dimension lda), likewise transB.
     * When beta == 0, C is overwritten and its old contents (even NaN) are ignored.
     */
    void gemm(boolean transA, boolean transB, int m, int n, int k, double alpha,
              double[] a, int ao, int lda, double[] b, int bo, int ldb,
              double beta, double[] c, int co, int ldc);

    void gemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
              float[] a, int ao, int lda, float[] b, int bo, int ldb,
              float beta, float[] c, int co, int ldc);
}
