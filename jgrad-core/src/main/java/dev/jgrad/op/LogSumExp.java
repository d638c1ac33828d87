package dev.jgrad.op;

import dev.jgrad.DType;
import dev.jgrad.Shape;
import dev.jgrad.Tensor;
import dev.jgrad.autograd.Engine;
import dev.jgrad.backend.Kernels;
import dev.jgrad.backend.Kernels.Binary;
import dev.jgrad.backend.Kernels.Unary;

/**
 * out = log(sum(exp(x))) along an axis. dx = dout * softmax(x) = dout * exp(x - out).
 * Fused for numerical stability. NOTE: computed as m + log(sum(exp(x - m))) with m the row max.
 */
public final class LogSumExp extends Op {

    private final int axis;
    private final boolean keepDim;

    private LogSumExp(int axis, boolean keepDim) {
        this.axis = axis;
        this.keepDim = keepDim;
    }

    public static Tensor apply(Tensor x, int axis, boolean keepDim) {
        return Engine.apply(new LogSumExp(Shape.axis("logSumExp", axis, x.rank()), keepDim), x);
    }

    /** Stable logsumexp of one row; {@code scratch[so..so+n)} receives exp(x - max). */
    static double row(double[] x, int xo, int n, double[] scratch, int so) {
        if (n == 0) {
            return Double.NEGATIVE_INFINITY;
        }
        Kernels k = Compute.kernels();
        int at = xo + k.argmax(x, xo, n);
        double m = x[at];
        if (Double.isInfinite(m) || Double.isNaN(m)) {
            return m;
        }
        // The max is broadcast from where it lies in x (stride 0): nothing is allocated per row.
        k.binary(Binary.SUB, x, xo, 1, x, at, 0, scratch, so, n);
        k.unary(Unary.EXP, scratch, so, 1, scratch, so, n);
        return m + Math.log(k.sum(scratch, so, n));
    }

    static double row(float[] x, int xo, int n, float[] scratch, int so) {
        if (n == 0) {
            return Double.NEGATIVE_INFINITY;
        }
        Kernels k = Compute.kernels();
        int at = xo + k.argmax(x, xo, n);
        float m = x[at];
        if (Float.isInfinite(m) || Float.isNaN(m)) {
            return m;
        }
        // The max is broadcast from where it lies in x (stride 0): nothing is allocated per row.
        k.binary(Binary.SUB, x, xo, 1, x, at, 0, scratch, so, n);
        k.unary(Unary.EXP, scratch, so, 1, scratch, so, n);
        return m + Math.log(k.sum(scratch, so, n));
    }

    @Override
    public String name() {
        return "logSumExp";
    }

    @Override
    public String attributes() {
        return "axis=" + axis + (keepDim ? ", keepDim" : "");
    }

    @Override
    protected Tensor forward(Tensor[] in) {
        Tensor x = in[0];
        Compute.Rows rows = Compute.rows(x, new int[]{axis});
        Tensor p = rows.data();
        Tensor out = Compute.empty(x.dtype(), Shape.reduced(x.shape(), new int[]{axis}, keepDim));
        int len = rows.length();
        if (x.dtype() == DType.FLOAT64) {
            double[] scratch = new double[len];
            for (int r = 0; r < rows.count(); r++) {
                out.f64()[r] = row(p.f64(), p.offset() + r * len, len, scratch, 0);
            }
        } else {
            float[] scratch = new float[len];
            for (int r = 0; r < rows.count(); r++) {
                out.f32()[r] = (float) row(p.f32(), p.offset() + r * len, len, scratch, 0);
            }
        }
        return out;
    }

    private Tensor softmax() {
        Tensor lse = keepDim ? output() : output().unsqueeze(axis);
        return input(0).sub(lse).exp();
    }

    @Override
    protected Tensor[] vjp(Tensor dout) {
        Tensor d = keepDim ? dout : dout.unsqueeze(axis);
        return new Tensor[]{d.mul(softmax())};
    }

    @Override
    protected Tensor jvp(Tensor[] t) {
        return t[0].mul(softmax()).sum(axis, keepDim);
    }
}
