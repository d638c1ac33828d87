package dev.jgrad.op;

import dev.jgrad.DType;
import dev.jgrad.Shape;
import dev.jgrad.Tensor;
import dev.jgrad.autograd.Engine;

/**
 * out = x - logsumexp(x) along an axis. dx = dout - softmax(x) * sum(dout).
 * Fused for numerical stability. NOTE: the max is subtracted first, so logits of magnitude 1e4 are fine.
 */
public final class LogSoftmax extends Op {

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
        for (int r = 0; r < rows.count(); r++) {
            int src = p.offset() + r * len;
            int dst = r * len;
            if (x.dtype() == DType.FLOAT64) {
                double lse = LogSumExp.row(p.f64(), src, len, out.f64(), dst);
                double[] o = out.f64();
                double[] a = p.f64();
                for (int i = 0; i < len; i++) {
                    o[dst + i] = a[src + i] - lse;
                }
            } else {
                double lse = LogSumExp.row(p.f32(), src, len, out.f32(), dst);
                float[] o = out.f32();
                float[] a = p.f32();
                for (int i = 0; i < len; i++) {
                    o[dst + i] = (float) (a[src + i] - lse);
                }
            }
        }
        return Compute.permuted(out, Compute.inverse(rows.perm()));
    }

    @Override
    protected Tensor[] vjp(Tensor dout) {
        Tensor softmax = output().exp();
        return new Tensor[]{dout.sub(softmax.mul(dout.sum(axis, true)))};
    }

    @Override
    protected Tensor jvp(Tensor[] t) {
        Tensor softmax = output().exp();
        return t[0].sub(softmax.mul(t[0]).sum(axis, true));
    }
}
