package dev.jgrad.nn;

import dev.jgrad.DType;
import dev.jgrad.Shape;
import dev.jgrad.ShapeException;
import dev.jgrad.Tensor;
import dev.jgrad.autograd.GradMode;

/**
 * Batch normalization over every axis but the channel axis 1: in training, each channel is normalized
 * by the batch mean and (biased) variance, then scaled by gamma and shifted by beta; running statistics
 * (momentum 0.1, unbiased variance, as PyTorch keeps them) are what evaluation mode uses.
 * {@link BatchNorm1d} takes (N, C), {@link BatchNorm2d} takes (N, C, H, W).
 */
abstract class BatchNorm extends Module {

    private final int channels;
    private final int rank;
    private final double eps;
    private final double momentum;

    BatchNorm(int channels, int rank, double eps, double momentum, DType dtype) {
        if (channels < 1) {
            throw new IllegalArgumentException(name() + ": channels must be positive, got " + channels);
        }
        this.channels = channels;
        this.rank = rank;
        this.eps = eps;
        this.momentum = momentum;
        param("weight", Tensor.ones(dtype, channels));
        param("bias", Tensor.zeros(dtype, channels));
        buffer("runningMean", Tensor.zeros(dtype, channels));
        buffer("runningVar", Tensor.ones(dtype, channels));
    }

    abstract String name();

    public int channels() {
        return channels;
    }

    public Tensor runningMean() {
        return getBuffer("runningMean");
    }

    public Tensor runningVar() {
        return getBuffer("runningVar");
    }

    @Override
    public Tensor forward(Tensor x) {
        if (x.rank() != rank || x.size(1) != channels) {
            throw new ShapeException(this + ": expected " + (rank == 2 ? "(N, " + channels + ")"
                    : "(N, " + channels + ", H, W)") + " input, got " + Shape.format(x.shape()));
        }
        int[] axes = rank == 2 ? new int[]{0} : new int[]{0, 2, 3};
        int[] bshape = rank == 2 ? new int[]{1, channels} : new int[]{1, channels, 1, 1};
        Tensor mean;
        Tensor var;
        if (isTraining()) {
            int count = x.numel() / channels;
            if (count < 2) {
                throw new IllegalStateException(this + ": training needs more than one value per channel, got input "
                        + Shape.format(x.shape()));
            }
            mean = x.mean(axes, true);
            var = x.var(axes, true);
            Tensor bm = mean;
            Tensor bv = var;
            GradMode.noGrad(() -> {
                Tensor m = bm.detach().reshape(channels).to(runningMean().dtype());
                Tensor v = bv.detach().reshape(channels).mul((double) count / (count - 1)).to(runningVar().dtype());
                buffer("runningMean", runningMean().mul(1 - momentum).add(m.mul(momentum)));
                buffer("runningVar", runningVar().mul(1 - momentum).add(v.mul(momentum)));
            });
        } else {
            mean = runningMean().reshape(bshape);
            var = runningVar().reshape(bshape);
        }
        Tensor xhat = x.sub(mean).div(var.add(eps).sqrt());
        return xhat.mul(get("weight").reshape(bshape)).add(get("bias").reshape(bshape));
    }

    @Override
    public String toString() {
        return name() + "(" + channels + ")";
    }
}
