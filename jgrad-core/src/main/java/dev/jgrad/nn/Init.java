package dev.jgrad.nn;

import dev.jgrad.DType;
import dev.jgrad.Tensor;

import java.util.SplittableRandom;

/**
 * Weight initializers. Every random one takes an explicit generator, so a model is reproducible from
 * its seed. fan_in is the number of inputs of a unit, fan_out the number of outputs.
 */
public final class Init {

    private Init() {
    }

    /** An initializer for a parameter of a given shape, fan-in and fan-out. */
    @FunctionalInterface
    public interface Scheme {
        Tensor create(SplittableRandom rng, DType dtype, int fanIn, int fanOut, int... shape);
    }

    /** Uniform in [lo, hi). */
    public static Tensor uniform(SplittableRandom rng, DType dtype, double lo, double hi, int... shape) {
        return Tensor.rand(rng, shape).mul(hi - lo).add(lo).to(dtype);
    }

    /** Normal with the given mean and standard deviation. */
    public static Tensor normal(SplittableRandom rng, DType dtype, double mean, double std, int... shape) {
        return Tensor.randn(rng, shape).mul(std).add(mean).to(dtype);
    }

    /** Every element equal to {@code value}. */
    public static Tensor constant(DType dtype, double value, int... shape) {
        return Tensor.full(dtype, value, shape);
    }

    /** Zeros. */
    public static Tensor zeros(DType dtype, int... shape) {
        return Tensor.zeros(dtype, shape);
    }

    /** The sqrt(1 / fan_in) scaling (LeCun): U(-1/sqrt(fan_in), 1/sqrt(fan_in)); jgrad's Linear default. */
    public static Tensor lecunUniform(SplittableRandom rng, DType dtype, int fanIn, int fanOut, int... shape) {
        double a = 1 / Math.sqrt(Math.max(fanIn, 1));
        return uniform(rng, dtype, -a, a, shape);
    }

    /** N(0, 1 / fan_in): randn(...) * sqrt(1 / fan_in), as the course notes recommend. */
    public static Tensor lecunNormal(SplittableRandom rng, DType dtype, int fanIn, int fanOut, int... shape) {
        return normal(rng, dtype, 0, Math.sqrt(1.0 / Math.max(fanIn, 1)), shape);
    }

    /** Xavier/Glorot uniform: U(-a, a) with a = sqrt(6 / (fan_in + fan_out)). */
    public static Tensor xavierUniform(SplittableRandom rng, DType dtype, int fanIn, int fanOut, int... shape) {
        double a = Math.sqrt(6.0 / Math.max(fanIn + fanOut, 1));
        return uniform(rng, dtype, -a, a, shape);
    }

    /** Xavier/Glorot normal: N(0, 2 / (fan_in + fan_out)). */
    public static Tensor xavierNormal(SplittableRandom rng, DType dtype, int fanIn, int fanOut, int... shape) {
        return normal(rng, dtype, 0, Math.sqrt(2.0 / Math.max(fanIn + fanOut, 1)), shape);
    }

    /** Kaiming/He uniform for ReLU, fan-in mode: U(-a, a) with a = sqrt(6 / fan_in). */
    public static Tensor kaimingUniform(SplittableRandom rng, DType dtype, int fanIn, int fanOut, int... shape) {
        double a = Math.sqrt(6.0 / Math.max(fanIn, 1));
        return uniform(rng, dtype, -a, a, shape);
    }

    /** Kaiming/He normal for ReLU, fan-in mode: N(0, 2 / fan_in). */
    public static Tensor kaimingNormal(SplittableRandom rng, DType dtype, int fanIn, int fanOut, int... shape) {
        return normal(rng, dtype, 0, Math.sqrt(2.0 / Math.max(fanIn, 1)), shape);
    }

    /** Kaiming/He normal, fan-out mode: N(0, 2 / fan_out). */
    public static Tensor kaimingNormalFanOut(SplittableRandom rng, DType dtype, int fanIn, int fanOut, int... shape) {
        return normal(rng, dtype, 0, Math.sqrt(2.0 / Math.max(fanOut, 1)), shape);
    }

    /** Kaiming/He uniform, fan-out mode: U(-a, a) with a = sqrt(6 / fan_out). */
    public static Tensor kaimingUniformFanOut(SplittableRandom rng, DType dtype, int fanIn, int fanOut, int... shape) {
        double a = Math.sqrt(6.0 / Math.max(fanOut, 1));
        return uniform(rng, dtype, -a, a, shape);
    }
}
