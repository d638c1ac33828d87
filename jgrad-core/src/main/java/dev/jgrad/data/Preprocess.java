package dev.jgrad.data;

import dev.jgrad.DType;
import dev.jgrad.Shape;
import dev.jgrad.ShapeException;
import dev.jgrad.Tensor;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Preprocessing as pure functions: each returns a new dataset or tensor of the input's dtype and never
 * changes its input. Statistics are computed on the training set (in float64) and applied to every
 * set, as CS231n does:
 * <pre>{@code
 * Preprocess.Split s = Preprocess.split(train, 5000, 42);
 * Preprocess.ChannelStats stats = Preprocess.channelStats(s.train().x());
 * Dataset tr = stats.apply(s.train()), va = stats.apply(s.val()), te = stats.apply(test);
 * }</pre>
 * Random augmentation of image batches (N, C, H, W) lives in {@link Augment}.
 */
public final class Preprocess {

    private Preprocess() {
    }

    /** Examples divided by 255: stored bytes 0 .. 255 to [0, 1]. */
    public static Dataset unitScale(Dataset d) {
        return new Dataset(unitScale(d.x()), d.labels(), d.classes());
    }

    /** x / 255 (exactly the values {@link PixelScale#UNIT} reads). */
    public static Tensor unitScale(Tensor x) {
        return affine(x, 1, 1, new double[]{0}, new double[]{255});
    }

    /**
     * Mean and standard deviation of each channel: axis 1 of (N, C, ...) pooled over N and the trailing
     * axes, or of each feature of (N, D). {@code std} is the population deviation; a constant channel
     * gets std 1 so that normalizing maps it to 0 instead of dividing by zero.
     */
    public record ChannelStats(double[] mean, double[] std) {

        public ChannelStats {
            if (mean.length != std.length) {
                throw new IllegalArgumentException("ChannelStats: " + mean.length + " means but " + std.length + " deviations");
            }
            mean = mean.clone();
            std = std.clone();
        }

        @Override
        public double[] mean() {
            return mean.clone();
        }

        @Override
        public double[] std() {
            return std.clone();
        }

        /** (x - mean[c]) / std[c] for each channel c. */
        public Tensor apply(Tensor x) {
            checkChannels("ChannelStats.apply", x, mean.length);
            return affine(x, mean.length, inner(x), mean, std);
        }

        public Dataset apply(Dataset d) {
            return new Dataset(apply(d.x()), d.labels(), d.classes());
        }

        @Override
        public String toString() {
            return "ChannelStats(mean=" + Arrays.toString(mean) + ", std=" + Arrays.toString(std) + ")";
        }
    }

    /** Per-channel statistics of x (N, C, ...) or (N, D); see {@link ChannelStats}. */
    public static ChannelStats channelStats(Tensor x) {
        checkChannels("channelStats", x, -1);
        int c = x.size(1);
        int inner = inner(x);
        Tensor t = x.detach().contiguous();
        int numel = t.numel();
        long perChannel = (long) numel / c;
        double[] mean = new double[c];
        double[] var = new double[c];
        for (int i = 0; i < numel; i++) {
            mean[(i / inner) % c] += value(t, i);
        }
        for (int k = 0; k < c; k++) {
            mean[k] /= perChannel;
        }
        for (int i = 0; i < numel; i++) {
            double dv = value(t, i) - mean[(i / inner) % c];
            var[(i / inner) % c] += dv * dv;
        }
        double[] std = new double[c];
        for (int k = 0; k < c; k++) {
            std[k] = var[k] == 0 ? 1 : Math.sqrt(var[k] / perChannel);
        }
        return new ChannelStats(mean, std);
    }

    /** The CS231n mean image: the average example, of shape x.shape[1:]. */
    public record MeanImage(Tensor mean) {

        /** x - mean, the mean broadcast over the examples. */
        public Tensor apply(Tensor x) {
            int[] s = x.shape();
            int[] m = mean.shape();
            if (s.length != m.length + 1 || !Arrays.equals(Arrays.copyOfRange(s, 1, s.length), m)) {
                throw new ShapeException("MeanImage.apply: mean image " + Shape.format(m) + " does not fit examples "
                        + Shape.format(s));
            }
            double[] sub = mean.toDoubleArray();
            return affine(x, sub.length, 1, sub, null);
        }

        public Dataset apply(Dataset d) {
            return new Dataset(apply(d.x()), d.labels(), d.classes());
        }

        @Override
        public String toString() {
            return "MeanImage" + Shape.format(mean.shape());
        }
    }

    /** The mean over axis 0 of x (N, ...), accumulated in float64, returned in x's dtype. */
    public static MeanImage meanImage(Tensor x) {
        if (x.rank() < 2 || x.size(0) == 0) {
            throw new ShapeException("meanImage: needs examples (N, ...) with N > 0, got " + Shape.format(x.shape()));
        }
        Tensor t = x.detach().contiguous();
        int n = x.size(0);
        int d = t.numel() / n;
        double[] sum = new double[d];
        for (int i = 0; i < t.numel(); i++) {
            sum[i % d] += value(t, i);
        }
        int[] shape = Arrays.copyOfRange(x.shape(), 1, x.rank());
        if (x.dtype() == DType.FLOAT64) {
            for (int k = 0; k < d; k++) {
                sum[k] /= n;
            }
            return new MeanImage(Tensor.wrap(sum, shape));
        }
        float[] f = new float[d];
        for (int k = 0; k < d; k++) {
            f[k] = (float) (sum[k] / n);
        }
        return new MeanImage(Tensor.wrap(f, shape));
    }

    /** Training and validation parts of a split. */
    public record Split(Dataset train, Dataset val) {
    }

    /**
     * A seeded split: {@code valCount} examples drawn at random for validation, the rest for training.
     * The same seed gives the same split.
     */
    public static Split split(Dataset d, int valCount, long seed) {
        if (valCount < 0 || valCount > d.size()) {
            throw new IllegalArgumentException("split: valCount " + valCount + " is outside 0.." + d.size());
        }
        int[] p = Dataset.permutation(d.size(), new SplittableRandom(seed));
        return new Split(d.subset(Arrays.copyOfRange(p, valCount, p.length)), d.subset(Arrays.copyOf(p, valCount)));
    }

    // ---------------------------------------------------------------- helpers

    /** out[i] = (x[i] - sub[j]) / div[j] with j = (i / inner) % period; div null means 1. */
    private static Tensor affine(Tensor x, int period, int inner, double[] sub, double[] div) {
        Tensor t = x.detach().contiguous();
        int n = t.numel();
        int off = t.offset();
        if (t.dtype() == DType.FLOAT64) {
            double[] src = t.f64();
            double[] out = new double[n];
            for (int i = 0; i < n; i++) {
                int j = (i / inner) % period;
                out[i] = div == null ? src[off + i] - sub[j] : (src[off + i] - sub[j]) / div[j];
            }
            return Tensor.wrap(out, x.shape());
        }
        float[] src = t.f32();
        float[] out = new float[n];
        float[] s = new float[period];
        float[] q = new float[period];
        for (int j = 0; j < period; j++) {
            s[j] = (float) sub[j];
            q[j] = div == null ? 1f : (float) div[j];
        }
        for (int i = 0; i < n; i++) {
            int j = (i / inner) % period;
            out[i] = (src[off + i] - s[j]) / q[j];
        }
        return Tensor.wrap(out, x.shape());
    }

    /** Element i of a contiguous tensor. */
    private static double value(Tensor t, int i) {
        float[] f = t.f32();
        return f != null ? f[t.offset() + i] : t.f64()[t.offset() + i];
    }

    /** Elements per channel per example: the product of the axes after axis 1. */
    private static int inner(Tensor x) {
        int p = 1;
        for (int a = 2; a < x.rank(); a++) {
            p *= x.size(a);
        }
        return p;
    }

    private static void checkChannels(String op, Tensor x, int channels) {
        if (x.rank() < 2 || x.size(0) == 0 && channels < 0) {
            throw new ShapeException(op + ": needs examples (N, C, ...) or (N, D) with N > 0, got " + Shape.format(x.shape()));
        }
        if (channels >= 0 && x.size(1) != channels) {
            throw new ShapeException(op + ": statistics for " + channels + " channels, examples " + Shape.format(x.shape())
                    + " have " + x.size(1));
        }
    }
}
