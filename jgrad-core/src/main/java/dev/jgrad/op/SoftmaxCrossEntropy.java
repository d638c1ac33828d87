package dev.jgrad.op;

import dev.jgrad.DType;
import dev.jgrad.Shape;
import dev.jgrad.ShapeException;
import dev.jgrad.Tensor;
import dev.jgrad.autograd.Engine;

/**
 * Softmax cross-entropy of logits x (N, C) against class labels, with label smoothing eps, averaged over
 * the batch: {@code mean_i [ lse(x_i) - (1 - eps) x_{i,y_i} - eps mean_j x_ij ]}, where lse is the stable
 * log-sum-exp. One pass per row, nothing of size N x C allocated in forward.
 * dx = (softmax(x) - target) dout / N with target = (1 - eps) onehot(y) + eps / C, written in tensor ops
 * so that it is differentiable again.
 */
public final class SoftmaxCrossEntropy extends Op {

    private final int[] labels;
    private final double eps;

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
        if (x.dtype() == DType.FLOAT64) {
            double[] a = x.f64();
            double[] scratch = new double[c];
            for (int i = 0; i < n; i++) {
                int row = x.offset() + i * c;
                double lse = LogSumExp.row(a, row, c, scratch, 0);
                double mean = eps == 0 ? 0 : Compute.kernels().sum(a, row, c) / c;
                total += lse - (1 - eps) * a[row + labels[i]] - eps * mean;
            }
        } else {
            float[] a = x.f32();
            float[] scratch = new float[c];
            for (int i = 0; i < n; i++) {
                int row = x.offset() + i * c;
                double lse = LogSumExp.row(a, row, c, scratch, 0);
                double mean = eps == 0 ? 0 : (double) Compute.kernels().sum(a, row, c) / c;
                total += lse - (1 - eps) * a[row + labels[i]] - eps * mean;
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
        return new Tensor[]{residual().mul(dout.div(Math.max(labels.length, 1)))};
    }

    @Override
    protected Tensor jvp(Tensor[] t) {
        return t[0].mul(residual()).sum().div(Math.max(labels.length, 1));
    }
}
