package dev.jgrad.op;

import dev.jgrad.DType;
import dev.jgrad.Shape;
import dev.jgrad.ShapeException;
import dev.jgrad.Tensor;
import dev.jgrad.autograd.Engine;
import dev.jgrad.autograd.GradMode;
import dev.jgrad.backend.Kernels.Binary;
import dev.jgrad.backend.Kernels.Unary;

/**
 * Softmax cross-entropy of logits x (N, C) against class labels, with label smoothing eps, averaged over
 * the batch: {@code mean_i [ lse(x_i) - (1 - eps) x_{i,y_i} - eps mean_j x_ij ]}, where lse is the stable
 * log-sum-exp. One pass per row, nothing of size N x C allocated in forward.
 * dx = (softmax(x) - target) dout / N with target = (1 - eps) onehot(y) + eps / C, written in tensor ops
 * so that it is differentiable again; when no graph of the gradient is built (training), the same values
 * come from three passes over one new tensor, with the row log-sum-exps forward computed.
 */
public final class SoftmaxCrossEntropy extends Op {

    private final int[] labels;
    private final double eps;
    /** Each row's log-sum-exp, as forward computed it, for the fused gradient; null once the graph is freed. */
    private double[] lse;

    private SoftmaxCrossEntropy(int[] labels, double eps) {
        this.labels = labels;
        this.eps = eps;
    }

    /** Labels must lie in [0, C) and eps in [0, 1); the loss functions in {@code nn.Loss} check both. */
    public static Tensor apply(Tensor logits, int[] labels, double eps) {
        if (logits.rank() != 2 || logits.size(0) != labels.length) {
            throw new ShapeException("softmaxCrossEntropy: " + labels.length + " labels for logits "
                    + Shape.format(logits.shape()) + " (expected (N, C) with N = labels)");
        }
        return Engine.apply(new SoftmaxCrossEntropy(labels.clone(), eps), logits);
    }

    @Override
    public String name() {
        return "softmaxCrossEntropy";
    }

    @Override
    public String attributes() {
        return labels.length + " labels" + (eps != 0 ? ", smoothing=" + eps : "");
    }

    @Override
    protected Tensor forward(Tensor[] in) {
        Tensor x = Compute.contiguous(in[0]);
        int n = labels.length;
        int c = x.size(1);
        double total = 0;
        lse = new double[n];
        if (x.dtype() == DType.FLOAT64) {
            double[] a = x.f64();
            double[] scratch = new double[c];
            for (int i = 0; i < n; i++) {
                int row = x.offset() + i * c;
                lse[i] = LogSumExp.row(a, row, c, scratch, 0);
                double mean = eps == 0 ? 0 : Compute.kernels().sum(a, row, c) / c;
                total += lse[i] - (1 - eps) * a[row + labels[i]] - eps * mean;
            }
        } else {
            float[] a = x.f32();
            float[] scratch = new float[c];
            for (int i = 0; i < n; i++) {
                int row = x.offset() + i * c;
                lse[i] = LogSumExp.row(a, row, c, scratch, 0);
                double mean = eps == 0 ? 0 : (double) Compute.kernels().sum(a, row, c) / c;
                total += lse[i] - (1 - eps) * a[row + labels[i]] - eps * mean;
            }
        }
        return Compute.constant(x.dtype(), total / Math.max(n, 1));
    }

    /** softmax(x) - target, in tensor ops over the recorded input. */
    private Tensor residual() {
        Tensor x = input(0);
        int c = x.size(1);
        double[] t = new double[labels.length * c];
        java.util.Arrays.fill(t, eps / c);
        for (int i = 0; i < labels.length; i++) {
            t[i * c + labels[i]] += 1 - eps;
        }
        Tensor target = Tensor.of(t, labels.length, c).to(x.dtype());
        return LogSoftmax.apply(x, 1).exp().sub(target);
    }

    @Override
    protected Tensor[] vjp(Tensor dout) {
        if (!GradMode.isEnabled() && lse != null) {
            return new Tensor[]{fusedGradient(dout.item())};
        }
        return new Tensor[]{residual().mul(dout.div(Math.max(labels.length, 1)))};
    }

    @Override
    protected void releaseSaved() {
        lse = null;
    }

    /**
     * The tensor-op rule's values, bit for bit, in three passes over one new tensor: x - lse (as log-softmax
     * computes it), exp over the whole block (the kernel the rule's exp runs, on the same block), then minus
     * the target and times dout / N, each step rounded to the dtype as the rule's ops round it.
     */
    private Tensor fusedGradient(double dout) {
        Tensor x = Compute.contiguous(input(0));
        int n = labels.length;
        int c = x.size(1);
        Tensor out = Compute.empty(x.dtype(), new int[]{n, c});
        if (out.numel() == 0) {
            return out;
        }
        double other = eps / c;  // the target, as residual() builds it in double
        double hit = other + (1 - eps);
        double scale = 1.0 / n;
        int xo = x.offset();
        if (x.dtype() == DType.FLOAT64) {
            double[] a = x.f64();
            double[] o = out.f64();
            double[] rowLse = new double[1];
            for (int i = 0; i < n; i++) {
                rowLse[0] = lse[i];
                Compute.kernels().binary(Binary.SUB, a, xo + i * c, 1, rowLse, 0, 0, o, i * c, c);
            }
            Compute.kernels().unary(Unary.EXP, o, 0, 1, o, 0, n * c);
            double s = dout * scale;
            for (int i = 0; i < n; i++) {
                for (int j = 0, k = i * c; j < c; j++, k++) {
                    o[k] = (o[k] - (j == labels[i] ? hit : other)) * s;
                }
            }
        } else {
            float[] a = x.f32();
            float[] o = out.f32();
            float[] rowLse = new float[1];
            for (int i = 0; i < n; i++) {
                rowLse[0] = (float) lse[i];
                Compute.kernels().binary(Binary.SUB, a, xo + i * c, 1, rowLse, 0, 0, o, i * c, c);
            }
            Compute.kernels().unary(Unary.EXP, o, 0, 1, o, 0, n * c);
            float s = (float) dout * (float) scale;
            float otherF = (float) other;
            float hitF = (float) hit;
            for (int i = 0; i < n; i++) {
                for (int j = 0, k = i * c; j < c; j++, k++) {
                    o[k] = (o[k] - (j == labels[i] ? hitF : otherF)) * s;
                }
            }
        }
        return out;
    }

    @Override
    protected Tensor jvp(Tensor[] t) {
        return t[0].mul(residual()).sum().div(Math.max(labels.length, 1));
    }
}
