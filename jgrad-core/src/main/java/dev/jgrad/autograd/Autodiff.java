package dev.jgrad.autograd;

import dev.jgrad.Shape;
import dev.jgrad.ShapeException;
import dev.jgrad.Tensor;

import java.util.Arrays;
import java.util.function.Function;

/**
 * Functional transforms in the style of JAX: {@code grad}, {@code vjp} (reverse mode), {@code jvp}
 * (true forward mode: tangents travel with values through each op's forward-mode rule, no reverse
 * pass), {@code jacobian} ({@code jacfwd}/{@code jacrev}), {@code hessian} and {@code hvp}
 * (forward-over-reverse). They compose: {@code grad} of a function that itself calls {@code grad}
 * differentiates again. Nesting one {@code jvp} inside another is not supported (one tangent slot).
 */
public final class Autodiff {

    private Autodiff() {
    }

    /** A value and a gradient. */
    public record ValueAndGrad(Tensor value, Tensor grad) {
    }

    /** A value and its forward-mode tangent. */
    public record ValueAndTangent(Tensor value, Tensor tangent) {
    }

    /**
     * The tensor f is evaluated at: x itself when it already takes part in a graph (so an outer
     * derivative sees through this one), else a fresh leaf that keeps x's tangent (forward-over-reverse).
     */
    private static Tensor input(Tensor x) {
        if (x.requiresGrad()) {
            return x;
        }
        Tensor in = x.detach().requiresGrad(true);
        in.setTangent(x.tangent());
        return in;
    }

    /** Whether the derivative must itself be differentiable: x is part of an outer graph. */
    private static boolean nested(Tensor x) {
        return x.requiresGrad() && GradMode.isEnabled();
    }

    /** The gradient of a scalar-valued f at x. */
    public static Tensor grad(Function<Tensor, Tensor> f, Tensor x) {
        return valueAndGrad(f, x).grad();
    }

    /** f(x) and the gradient of the scalar f at x. */
    public static ValueAndGrad valueAndGrad(Function<Tensor, Tensor> f, Tensor x) {
        Tensor in = input(x);
        Tensor y = GradMode.with(true, () -> f.apply(in));
        if (y.numel() != 1) {
            throw new ShapeException("grad: f must return one element, got shape " + Shape.format(y.shape())
                    + " (use vjp or jacobian for non-scalar outputs)");
        }
        return new ValueAndGrad(y, gradOf(y, null, in, nested(x)));
    }

    /** Vector-Jacobian product uᵀ J of f at x, with u shaped like f(x). Returns f(x) and uᵀ J. */
    public static ValueAndGrad vjp(Function<Tensor, Tensor> f, Tensor x, Tensor u) {
        Tensor in = input(x);
        Tensor y = GradMode.with(true, () -> f.apply(in));
        if (!Arrays.equals(y.shape(), u.shape())) {
            throw new ShapeException("vjp: cotangent has shape " + Shape.format(u.shape()) + " but f(x) has shape "
                    + Shape.format(y.shape()));
        }
        return new ValueAndGrad(y, gradOf(y, u, in, nested(x)));
    }

    private static Tensor gradOf(Tensor y, Tensor seed, Tensor in, boolean createGraph) {
        if (!y.requiresGrad()) {
            return Tensor.zeros(in.dtype(), in.shape());
        }
        return Engine.grad(y, seed, new Tensor[]{in}, false, createGraph)[0];
    }

    /** Gradients of a scalar f of several inputs, one per input. */
    public static Tensor[] grads(Function<Tensor[], Tensor> f, Tensor... xs) {
        Tensor[] in = new Tensor[xs.length];
        boolean nested = false;
        for (int i = 0; i < xs.length; i++) {
            in[i] = input(xs[i]);
            nested |= nested(xs[i]);
        }
        Tensor y = GradMode.with(true, () -> f.apply(in));
        if (y.numel() != 1) {
            throw new ShapeException("grad: f must return one element, got shape " + Shape.format(y.shape()));
        }
        if (!y.requiresGrad()) {
            Tensor[] zeros = new Tensor[xs.length];
            for (int i = 0; i < xs.length; i++) {
                zeros[i] = Tensor.zeros(xs[i].dtype(), xs[i].shape());
            }
            return zeros;
        }
        return Engine.grad(y, null, in, false, nested);
    }

    /** Jacobian-vector product J v of f at x by forward mode. Returns f(x) and J v. */
    public static ValueAndTangent jvp(Function<Tensor, Tensor> f, Tensor x, Tensor v) {
        if (!Arrays.equals(x.shape(), v.shape())) {
            throw new ShapeException("jvp: tangent has shape " + Shape.format(v.shape()) + " but x has shape "
                    + Shape.format(x.shape()));
        }
        if (x.tangent() != null) {
            throw new IllegalStateException("jvp: x already carries a tangent; nested jvp is not supported");
        }
        Tensor in = x.requiresGrad() ? x.mul(1.0) : x.detach();
        in.setTangent(v.dtype() == x.dtype() ? v : v.to(x.dtype()));
        Tensor y = f.apply(in);
        Tensor t = y.tangent() != null ? y.tangent() : Tensor.zeros(y.dtype(), y.shape());
        in.setTangent(null);
        return new ValueAndTangent(y, t);
    }

    /** The Jacobian of f at x, shape f(x).shape ++ x.shape; forward mode when x has fewer elements. */
    public static Tensor jacobian(Function<Tensor, Tensor> f, Tensor x) {
        int outCount = Shape.numel(GradMode.noGrad(() -> f.apply(x.detach())).shape());
        return x.numel() <= outCount ? jacfwd(f, x) : jacrev(f, x);
    }

    /** The Jacobian by forward mode: one jvp per input element (columns). */
    public static Tensor jacfwd(Function<Tensor, Tensor> f, Tensor x) {
        int n = x.numel();
        Tensor[] cols = new Tensor[n];
        int[] outShape = null;
        for (int j = 0; j < n; j++) {
            ValueAndTangent r = jvp(f, x, basis(x, j));
            outShape = r.value().shape();
            cols[j] = r.tangent().reshape(-1);
        }
        if (n == 0) {
            outShape = GradMode.noGrad(() -> f.apply(x.detach())).shape();
            return Tensor.zeros(x.dtype(), concat(outShape, x.shape()));
        }
        return Tensor.stack(1, cols).reshape(concat(outShape, x.shape()));
    }

    /** The Jacobian by reverse mode: one vjp per output element (rows). */
    public static Tensor jacrev(Function<Tensor, Tensor> f, Tensor x) {
        Tensor in = input(x);
        Tensor y = GradMode.with(true, () -> f.apply(in));
        int m = y.numel();
        Tensor[] rows = new Tensor[m];
        for (int i = 0; i < m; i++) {
            rows[i] = y.requiresGrad()
                    ? Engine.grad(y, basis(y, i), new Tensor[]{in}, true, nested(x))[0].reshape(-1)
                    : Tensor.zeros(x.dtype(), x.numel());
        }
        if (m == 0) {
            return Tensor.zeros(x.dtype(), concat(y.shape(), x.shape()));
        }
        return Tensor.stack(0, rows).reshape(concat(y.shape(), x.shape()));
    }

    /** The Hessian of a scalar f at x, shape x.shape ++ x.shape: forward mode over the reverse-mode gradient. */
    public static Tensor hessian(Function<Tensor, Tensor> f, Tensor x) {
        return jacfwd(z -> grad(f, z), x);
    }

    /** Hessian-vector product H v of a scalar f at x, forward-over-reverse (no Hessian is formed). */
    public static Tensor hvp(Function<Tensor, Tensor> f, Tensor x, Tensor v) {
        return jvp(z -> grad(f, z), x, v).tangent();
    }

    /** The one-hot tensor with a 1 at flat position i, shaped like t. */
    private static Tensor basis(Tensor t, int i) {
        double[] e = new double[t.numel()];
        e[i] = 1;
        return Tensor.wrap(e, t.shape()).to(t.dtype());
    }

    private static int[] concat(int[] a, int[] b) {
        int[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
