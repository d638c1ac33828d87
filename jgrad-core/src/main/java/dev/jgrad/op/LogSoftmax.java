package dev.jgrad.op;

import dev.jgrad.DType;
import dev.jgrad.Shape;
import dev.jgrad.Tensor;
import dev.jgrad.autograd.Engine;
import dev.jgrad.autograd.GradMode;
import dev.jgrad.backend.Kernels;
import dev.jgrad.backend.Kernels.Binary;
import dev.jgrad.backend.Kernels.Unary;
import dev.jgrad.backend.Parallel;

/**
 * out = x - logsumexp(x) along an axis. dx = dout - softmax(x) * sum(dout).
 * Fused for numerical stability. NOTE: the max is subtracted first, so logits of magnitude 1e4 are fine.
 */
public final class LogSoftmax extends Op {

    /** Inputs of at least this many values are cut into row ranges across the worker threads. */
    static final long PARALLEL_MIN = 1 << 18;

    private final int axis;

    private LogSoftmax(int axis) {
        this.axis = axis;
    }

    public static Tensor apply(Tensor x, int axis) {
        return Engine.apply(new LogSoftmax(Shape.axis("logSoftmax", axis, x.rank())), x);
    }

    @Override
    public String name() {
        return "logSoftmax";
    }

    @Override
    public String attributes() {
        return "axis=" + axis;
    }

    @Override
    protected Tensor forward(Tensor[] in) {
        Tensor x = in[0];
        Compute.Rows rows = Compute.rows(x, new int[]{axis});
        Tensor p = rows.data();
        Tensor out = Compute.empty(x.dtype(), p.shape());
        int len = rows.length();
        int count = rows.count();
        // Rows are independent: contiguous ranges of them per thread when there are enough values to pay for
        // the split (a 1024 x 1024 input takes about 0.7 ms on one thread).
        int chunks = count == 0 ? 0 : (long) count * len >= PARALLEL_MIN ? Math.min(count, Parallel.threads()) : 1;
        Parallel.forEach(chunks, t -> rows(p, out, len, (int) ((long) count * t / chunks),
                (int) ((long) count * (t + 1) / chunks)));
        return Compute.permuted(out, Compute.inverse(rows.perm()));
    }

    /**
     * Rows [r0, r1): each row's log-sum-exp (exp(x - max) goes into the output row as scratch), then x - lse
     * over the row in one vector kernel call, the lse broadcast from a one-element array (stride 0).
     */
    private static void rows(Tensor p, Tensor out, int len, int r0, int r1) {
        Kernels k = Compute.kernels();
        if (p.dtype() == DType.FLOAT64) {
            double[] lse = new double[1];
            for (int r = r0; r < r1; r++) {
                int src = p.offset() + r * len;
                lse[0] = LogSumExp.row(p.f64(), src, len, out.f64(), r * len);
                k.binary(Binary.SUB, p.f64(), src, 1, lse, 0, 0, out.f64(), r * len, len);
            }
        } else {
            float[] lse = new float[1];
            for (int r = r0; r < r1; r++) {
                int src = p.offset() + r * len;
                lse[0] = (float) LogSumExp.row(p.f32(), src, len, out.f32(), r * len);
                k.binary(Binary.SUB, p.f32(), src, 1, lse, 0, 0, out.f32(), r * len, len);
            }
        }
    }

    @Override
    protected Tensor[] vjp(Tensor dout) {
        if (!GradMode.isEnabled() && axis == output().rank() - 1 && output().isContiguous()) {
            return new Tensor[]{fusedGradient(Compute.contiguous(dout))};
        }
        Tensor softmax = output().exp();
        return new Tensor[]{dout.sub(softmax.mul(dout.sum(axis, true)))};
    }

    /**
     * The tensor-op rule's values, bit for bit, when no graph of the gradient is built and the axis is the last
     * one of a contiguous output: one new tensor instead of four, through the kernels the rule's ops run, in
     * their order: exp over the whole output, then per row the sum of dout, the product, dout minus it.
     */
    private Tensor fusedGradient(Tensor dout) {
        Tensor y = output();
        Tensor g = Compute.empty(y.dtype(), y.shape());
        int len = y.size(axis);
        int count = len == 0 ? 0 : g.numel() / len;
        Kernels k = Compute.kernels();
        if (y.dtype() == DType.FLOAT64) {
            k.unary(Unary.EXP, y.f64(), y.offset(), 1, g.f64(), 0, g.numel());
            double[] s = new double[1];
            for (int r = 0, at = 0; r < count; r++, at += len) {
                s[0] = k.sum(dout.f64(), dout.offset() + at, len);
                k.binary(Binary.MUL, g.f64(), at, 1, s, 0, 0, g.f64(), at, len);
                k.binary(Binary.SUB, dout.f64(), dout.offset() + at, 1, g.f64(), at, 1, g.f64(), at, len);
            }
        } else {
            k.unary(Unary.EXP, y.f32(), y.offset(), 1, g.f32(), 0, g.numel());
            float[] s = new float[1];
            for (int r = 0, at = 0; r < count; r++, at += len) {
                s[0] = k.sum(dout.f32(), dout.offset() + at, len);
                k.binary(Binary.MUL, g.f32(), at, 1, s, 0, 0, g.f32(), at, len);
                k.binary(Binary.SUB, dout.f32(), dout.offset() + at, 1, g.f32(), at, 1, g.f32(), at, len);
            }
        }
        return g;
    }

    @Override
    protected Tensor jvp(Tensor[] t) {
        Tensor softmax = output().exp();
        return t[0].sub(softmax.mul(t[0]).sum(axis, true));
    }
}
