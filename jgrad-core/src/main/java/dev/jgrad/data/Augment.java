package dev.jgrad.data;

import dev.jgrad.DType;
import dev.jgrad.Shape;
import dev.jgrad.ShapeException;
import dev.jgrad.Tensor;

import java.util.SplittableRandom;

/**
 * Random data augmentation of image batches (N, C, H, W), each a pure function of the batch and an
 * explicit generator: the same generator state gives the same result. Typical use on a training batch:
 * {@code Augment.randomCrop(Augment.randomHorizontalFlip(b.x(), rng), 4, rng)} (CIFAR-10's usual
 * flip and 4-pixel padded crop).
 */
public final class Augment {

    private Augment() {
    }

    /** Each image mirrored left-right with probability 1/2 (one {@code nextBoolean} per image). */
    public static Tensor randomHorizontalFlip(Tensor x, SplittableRandom rng) {
        int[] s = checkImages("randomHorizontalFlip", x);
        boolean[] flip = new boolean[s[0]];
        for (int i = 0; i < flip.length; i++) {
            flip[i] = rng.nextBoolean();
        }
        return horizontalFlip(x, flip);
    }

    /** Images with {@code flip[n]} set mirrored left-right, the others copied. */
    public static Tensor horizontalFlip(Tensor x, boolean[] flip) {
        int[] s = checkImages("horizontalFlip", x);
        if (flip.length != s[0]) {
            throw new ShapeException("horizontalFlip: " + flip.length + " flags for images " + Shape.format(s));
        }
        Tensor t = x.detach().contiguous();
        int w = s[3];
        int rowsPerImage = s[1] * s[2];
        Object out = t.dtype() == DType.FLOAT64 ? new double[t.numel()] : new float[t.numel()];
        Object src = t.dtype() == DType.FLOAT64 ? t.f64() : t.f32();
        for (int n = 0; n < s[0]; n++) {
            for (int r = 0; r < rowsPerImage; r++) {
                int row = (n * rowsPerImage + r) * w;
                if (!flip[n]) {
                    System.arraycopy(src, t.offset() + row, out, row, w);
                } else if (out instanceof double[] d) {
                    double[] a = (double[]) src;
                    for (int j = 0; j < w; j++) {
                        d[row + j] = a[t.offset() + row + w - 1 - j];
                    }
                } else {
                    float[] f = (float[]) out;
                    float[] a = (float[]) src;
                    for (int j = 0; j < w; j++) {
                        f[row + j] = a[t.offset() + row + w - 1 - j];
                    }
                }
            }
        }
        return wrap(out, s);
    }

    /**
     * Each image zero-padded by {@code padding} pixels on every side, then cropped back to H x W at a
     * random position: the image shifted by (dy, dx), each uniform in [-padding, padding] (drawn per
     * image, dy first), with zeros shifted in.
     */
    public static Tensor randomCrop(Tensor x, int padding, SplittableRandom rng) {
        int[] s = checkImages("randomCrop", x);
        if (padding < 0) {
            throw new IllegalArgumentException("randomCrop: padding must be non-negative, got " + padding);
        }
        int[] dy = new int[s[0]];
        int[] dx = new int[s[0]];
        for (int n = 0; n < s[0]; n++) {
            dy[n] = rng.nextInt(2 * padding + 1) - padding;
            dx[n] = rng.nextInt(2 * padding + 1) - padding;
        }
        return shift(x, dy, dx);
    }

    /**
     * Image n shifted so that out[n, c, i, j] = x[n, c, i + dy[n], j + dx[n]], zero where that falls
     * outside the image: a crop of the zero-padded image.
     */
    public static Tensor shift(Tensor x, int[] dy, int[] dx) {
        int[] s = checkImages("shift", x);
        if (dy.length != s[0] || dx.length != s[0]) {
            throw new ShapeException("shift: " + dy.length + " and " + dx.length + " offsets for images " + Shape.format(s));
        }
        Tensor t = x.detach().contiguous();
        int h = s[2];
        int w = s[3];
        Object out = t.dtype() == DType.FLOAT64 ? new double[t.numel()] : new float[t.numel()];
        Object src = t.dtype() == DType.FLOAT64 ? t.f64() : t.f32();
        for (int n = 0; n < s[0]; n++) {
            int j0 = Math.max(0, -dx[n]);
            int j1 = Math.min(w, w - dx[n]);
            for (int c = 0; c < s[1]; c++) {
                int plane = (n * s[1] + c) * h * w;
                for (int i = 0; i < h; i++) {
                    int si = i + dy[n];
                    if (si < 0 || si >= h || j0 >= j1) {
                        continue; // a row of zeros
                    }
                    System.arraycopy(src, t.offset() + plane + si * w + j0 + dx[n], out, plane + i * w + j0, j1 - j0);
                }
            }
        }
        return wrap(out, s);
    }

    private static Tensor wrap(Object data, int[] shape) {
        return data instanceof double[] d ? Tensor.wrap(d, shape) : Tensor.wrap((float[]) data, shape);
    }

    private static int[] checkImages(String op, Tensor x) {
        if (x.rank() != 4) {
            throw new ShapeException(op + ": needs images (N, C, H, W), got " + Shape.format(x.shape()));
        }
        return x.shape();
    }
}
