package dev.jgrad.optim;

import dev.jgrad.DType;
import dev.jgrad.Tensor;

import java.util.List;

/**
 * Gradient clipping: rescales ({@link #byNorm}) or clamps ({@link #byValue}) the gradients of parameters
 * before an optimizer step.
 *
 * <p>A gradient is never changed in place: the engine may hand the same gradient tensor to several
 * tensors (an add gate passes dout unchanged to both inputs) or hand back a caller's seed, so each clipped
 * gradient is a fresh contiguous tensor of the same shape and dtype, installed with {@code setGrad}.
 * Parameters whose gradient is null are skipped.
 */
public final class Clip {

    private Clip() {
    }

    /**
     * If the global L2 norm {@code sqrt(sum over all grads of g^2)} exceeds {@code maxNorm}, scales every
     * gradient by {@code maxNorm / (norm + 1e-6)}; returns the norm before clipping.
     *
     * <p>As PyTorch's {@code clip_grad_norm_} (with {@code error_if_nonfinite=False}), except that PyTorch
     * multiplies by {@code min(1, maxNorm / (norm + 1e-6))} unconditionally (so a norm within 1e-6 below
     * maxNorm is also shrunk, by less than 1e-6 relative), and that a non-finite norm leaves the gradients
     * unchanged here (PyTorch turns them into NaN); check the returned norm to skip such a step. The norm
     * is accumulated in double for float32 gradients too.
     */
    public static double byNorm(List<Tensor> params, double maxNorm) {
        Fmt.atLeast("Clip.byNorm", "maxNorm", maxNorm, 0);
        double sumSq = 0;
        for (Tensor p : params) {
            Tensor g = p.grad();
            if (g != null) {
                for (double x : g.toDoubleArray()) {
                    sumSq += x * x;
                }
            }
        }
        double norm = Math.sqrt(sumSq);
        if (norm > maxNorm && Double.isFinite(norm)) {
            double coef = maxNorm / (norm + 1e-6);
            for (Tensor p : params) {
                Tensor g = p.grad();
                if (g != null) {
                    double[] v = g.toDoubleArray();
                    for (int i = 0; i < v.length; i++) {
                        v[i] *= coef;
                    }
                    p.setGrad(fresh(v, g));
                }
            }
        }
        return norm;
    }

    /**
     * Clamps every gradient element into {@code [-clip, clip]} (PyTorch's {@code clip_grad_value_}); NaN
     * stays NaN. Returns how many elements were changed.
     */
    public static long byValue(List<Tensor> params, double clip) {
        Fmt.atLeast("Clip.byValue", "clip", clip, 0);
        long changed = 0;
        for (Tensor p : params) {
            Tensor g = p.grad();
            if (g == null) {
                continue;
            }
            double[] v = g.toDoubleArray();
            long before = changed;
            for (int i = 0; i < v.length; i++) {
                if (v[i] > clip) {
                    v[i] = clip;
                    changed++;
                } else if (v[i] < -clip) {
                    v[i] = -clip;
                    changed++;
                }
            }
            if (changed != before) {
                p.setGrad(fresh(v, g));
            }
        }
        return changed;
    }

    /** A new tensor of {@code like}'s shape and dtype holding {@code v}. */
    private static Tensor fresh(double[] v, Tensor like) {
        if (like.dtype() == DType.FLOAT64) {
            return Tensor.wrap(v, like.shape());
        }
        float[] f = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            f[i] = (float) v[i];
        }
        return Tensor.wrap(f, like.shape());
    }
}
