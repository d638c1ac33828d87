package dev.jgrad.data;

import dev.jgrad.Tensor;

import java.util.SplittableRandom;

/** Seeded 2-D toy data sets for classifiers: the CS231n spiral, moons, circles and Gaussian blobs. */
public final class ToyData {

    private ToyData() {
    }

    /**
     * The course notes' spiral: K arms of N points each; arm j has radius r in [0, 1] and angle
     * t = 4j + 4r + 0.2 noise, point (r sin t, r cos t). Not linearly separable.
     */
    public static Dataset spiral(int perClass, int classes, SplittableRandom rng) {
        double[] x = new double[perClass * classes * 2];
        int[] y = new int[perClass * classes];
        for (int j = 0; j < classes; j++) {
            for (int i = 0; i < perClass; i++) {
                int ix = j * perClass + i;
                double r = perClass == 1 ? 0 : (double) i / (perClass - 1);
                double t = j * 4.0 + 4.0 * r + Tensor.gaussian(rng) * 0.2;
                x[2 * ix] = r * Math.sin(t);
                x[2 * ix + 1] = r * Math.cos(t);
                y[ix] = j;
            }
        }
        return new Dataset(Tensor.of(x, y.length, 2), y, classes);
    }

    /** Two interleaving half circles, n points each, with Gaussian noise of the given deviation. */
    public static Dataset moons(int perClass, double noise, SplittableRandom rng) {
        double[] x = new double[perClass * 4];
        int[] y = new int[perClass * 2];
        for (int i = 0; i < perClass; i++) {
            double t = perClass == 1 ? 0 : Math.PI * i / (perClass - 1);
            put(x, i, Math.cos(t), Math.sin(t), noise, rng);
            put(x, perClass + i, 1 - Math.cos(t), 0.5 - Math.sin(t), noise, rng);
            y[perClass + i] = 1;
        }
        return new Dataset(Tensor.of(x, y.length, 2), y, 2);
    }

    /** Two concentric circles: class 0 of radius 1, class 1 of radius {@code factor} (in (0, 1)). */
    public static Dataset circles(int perClass, double noise, double factor, SplittableRandom rng) {
        double[] x = new double[perClass * 4];
        int[] y = new int[perClass * 2];
        for (int i = 0; i < perClass; i++) {
            double t = 2 * Math.PI * i / perClass;
            put(x, i, Math.cos(t), Math.sin(t), noise, rng);
            put(x, perClass + i, factor * Math.cos(t), factor * Math.sin(t), noise, rng);
            y[perClass + i] = 1;
        }
        return new Dataset(Tensor.of(x, y.length, 2), y, 2);
    }

    /** K Gaussian blobs with centres spread on a circle of radius 3 and the given deviation. */
    public static Dataset blobs(int perClass, int classes, double std, SplittableRandom rng) {
        double[] x = new double[perClass * classes * 2];
        int[] y = new int[perClass * classes];
        for (int j = 0; j < classes; j++) {
            double cx = 3 * Math.cos(2 * Math.PI * j / classes);
            double cy = 3 * Math.sin(2 * Math.PI * j / classes);
            for (int i = 0; i < perClass; i++) {
                int ix = j * perClass + i;
                put(x, ix, cx, cy, std, rng);
                y[ix] = j;
            }
        }
        return new Dataset(Tensor.of(x, y.length, 2), y, classes);
    }

    private static void put(double[] x, int i, double a, double b, double noise, SplittableRandom rng) {
        x[2 * i] = a + noise * Tensor.gaussian(rng);
        x[2 * i + 1] = b + noise * Tensor.gaussian(rng);
    }
}
