package dev.jgrad.autograd;

import dev.jgrad.DType;
import dev.jgrad.Shape;
import dev.jgrad.Tensor;

import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.DoubleSupplier;
import java.util.function.Function;

/**
 * Gradient checking as CS231n does it: analytic gradients against centered finite differences
 * {@code (f(x + h) - f(x - h)) / 2h} in float64, compared by
 * {@code relError = |a - n| / max(1e-8, |a| + |n|)}.
 *
 * <p>A function with a non-scalar output is checked through a fixed random projection
 * {@code sum(f(x) * r)}. Elements within h of a kink (relu at 0, abs at 0, max ties), recognized by
 * one-sided slopes that disagree, are counted as kinks rather than failures. float32 inputs are
 * upcast to float64, and the report says so. Thresholds (lecture): below 1e-7 is right for smooth
 * functions, below 1e-4 near kinks, above 1e-2 is a bug.
 */
public final class GradCheck {

    /** Settings: step h, relative tolerance, absolute tolerance (for gradients near 0), projection seed. */
    public record Options(double h, double rtol, double atol, long seed) {
        public static final Options DEFAULT = new Options(1e-5, 1e-7, 1e-8, 42);

        public Options withTolerance(double rtol) {
            return new Options(h, rtol, atol, seed);
        }
    }

    /** The result of a check: the worst element, with both values, and how many elements were kinks. */
    public record Report(String kind, boolean passed, double maxRelError, int input, int[] index,
                         double analytic, double numeric, int checked, int kinks, String note) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%s: %s, max rel error %.3g at input %d index %s"
                            + " (analytic %.10g, numeric %.10g); %d elements, %d kinks%s",
                    kind, passed ? "PASS" : "FAIL", maxRelError, input, Arrays.toString(index), analytic, numeric,
                    checked, kinks, note.isEmpty() ? "" : "; " + note);
        }
    }

    private GradCheck() {
    }

    /** CS231n's relative error. */
    public static double relError(double a, double n) {
        return Math.abs(a - n) / Math.max(1e-8, Math.abs(a) + Math.abs(n));
    }

    /** Checks reverse-mode gradients of f with respect to every input, with default options. */
    public static Report check(Function<Tensor[], Tensor> f, Tensor... inputs) {
        return check(Options.DEFAULT, f, inputs);
    }

    /** Checks reverse-mode gradients of f with respect to every input. */
    public static Report check(Options opt, Function<Tensor[], Tensor> f, Tensor... inputs) {
        String note = upcastNote(inputs);
        Tensor[] xs = leaves(inputs);
        Tensor r = projection(f, xs, opt.seed());
        Function<Tensor[], Tensor> g = a -> project(f.apply(a), r);
        Tensor[] analytic = Autodiff.grads(g, xs);
        Worst worst = new Worst("gradcheck");
        for (int i = 0; i < xs.length; i++) {
            scan(worst, opt, i, xs[i], analytic[i].toDoubleArray(), () -> eval(g, xs));
        }
        return worst.report(note);
    }

    /**
     * Checks {@code analytic} against centered differences of {@code objective} taken by perturbing the
     * storage of {@code t} in place (a contiguous float64 tensor the objective reads, such as a module
     * parameter), element by element.
     */
    public static Report checkTensor(String kind, Options opt, Tensor t, double[] analytic, DoubleSupplier objective) {
        Worst worst = new Worst(kind);
        scan(worst, opt, 0, t, analytic, objective);
        return worst.report("");
    }

    private static void scan(Worst worst, Options opt, int input, Tensor t, double[] analytic, DoubleSupplier f) {
        if (t.dtype() != DType.FLOAT64 || !t.isContiguous()) {
            throw new IllegalArgumentException("gradcheck: input " + input + " must be contiguous float64");
        }
        double[] data = t.f64();
        int off = t.offset();
        for (int j = 0; j < analytic.length; j++) {
            double orig = data[off + j];
            double f0 = f.getAsDouble();
            data[off + j] = orig + opt.h();
            double fp = f.getAsDouble();
            data[off + j] = orig - opt.h();
            double fm = f.getAsDouble();
            data[off + j] = orig;
            double numeric = (fp - fm) / (2 * opt.h());
            worst.add(opt, input, t.shape(), j, analytic[j], numeric, (fp - f0) / opt.h(), (f0 - fm) / opt.h());
        }
    }

    /**
     * Second order (gradgradcheck): checks the gradient of {@code sum_i <grad_i f(x), u_i>} for fixed random
     * u_i, which runs reverse mode through a backward pass built with createGraph.
     */
    public static Report checkSecondOrder(Options opt, Function<Tensor[], Tensor> f, Tensor... inputs) {
        Tensor[] xs = leaves(inputs);
        Tensor r = projection(f, xs, opt.seed());
        SplittableRandom rng = new SplittableRandom(opt.seed() + 1);
        Tensor[] us = new Tensor[xs.length];
        for (int i = 0; i < xs.length; i++) {
            us[i] = Tensor.randn(rng, xs[i].shape());
        }
        Function<Tensor[], Tensor> gg = a -> {
            Tensor[] g = Autodiff.grads(b -> project(f.apply(b), r), a);
            Tensor s = Tensor.scalar(0);
            for (int i = 0; i < g.length; i++) {
                s = s.add(g[i].mul(us[i]).sum());
            }
            return s;
        };
        Report rep = check(opt, gg, xs);
        return new Report("gradgradcheck", rep.passed(), rep.maxRelError(), rep.input(), rep.index(),
                rep.analytic(), rep.numeric(), rep.checked(), rep.kinks(), upcastNote(inputs));
    }

    public static Report checkSecondOrder(Function<Tensor[], Tensor> f, Tensor... inputs) {
        return checkSecondOrder(Options.DEFAULT, f, inputs);
    }

    /**
     * Checks the forward-mode rule: for each input and a fixed random direction v, the jvp tangent against
     * the directional difference {@code (f(x + h v) - f(x - h v)) / 2h}, element by element.
     */
    public static Report checkForward(Options opt, Function<Tensor[], Tensor> f, Tensor... inputs) {
        Tensor[] xs = leaves(inputs);
        for (Tensor x : xs) {
            x.requiresGrad(false);
        }
        SplittableRandom rng = new SplittableRandom(opt.seed() + 2);
        Worst worst = new Worst("forward-mode check");
        for (int i = 0; i < xs.length; i++) {
            int which = i;
            Tensor x = xs[i];
            Tensor v = Tensor.randn(rng, x.shape());
            Function<Tensor, Tensor> fi = z -> {
                Tensor[] a = xs.clone();
                a[which] = z;
                return f.apply(a);
            };
            double[] tangent = Autodiff.jvp(fi, x, v).tangent().toDoubleArray();
            double[] up = GradMode.noGrad(() -> fi.apply(x.add(v.mul(opt.h())))).toDoubleArray();
            double[] down = GradMode.noGrad(() -> fi.apply(x.sub(v.mul(opt.h())))).toDoubleArray();
            Tensor y = GradMode.noGrad(() -> fi.apply(x));
            double[] mid = y.toDoubleArray();
            int[] outShape = y.shape();
            for (int j = 0; j < tangent.length; j++) {
                double numeric = (up[j] - down[j]) / (2 * opt.h());
                worst.add(opt, i, outShape, j, tangent[j], numeric, (up[j] - mid[j]) / opt.h(),
                        (mid[j] - down[j]) / opt.h());
            }
        }
        return worst.report(upcastNote(inputs));
    }

    public static Report checkForward(Function<Tensor[], Tensor> f, Tensor... inputs) {
        return checkForward(Options.DEFAULT, f, inputs);
    }

    /** Tracks the worst element and the kink count. */
    private static final class Worst {
        final String kind;
        boolean passed = true;
        double max = 0;
        int input = -1;
        int[] index = new int[0];
        double analytic;
        double numeric;
        int checked;
        int kinks;

        Worst(String kind) {
            this.kind = kind;
        }

        void add(Options opt, int i, int[] shape, int flat, double a, double n, double up, double down) {
            checked++;
            double rel = relError(a, n);
            boolean ok = rel < opt.rtol() || Math.abs(a - n) < opt.atol();
            if (!ok && Math.abs(up - down) > 1e-2 * (Math.abs(up) + Math.abs(down) + 1e-8)) {
                kinks++;
                return;
            }
            passed &= ok;
            if (rel > max || input < 0) {
                max = rel;
                input = i;
                index = unflatten(flat, shape);
                analytic = a;
                numeric = n;
            }
        }

        Report report(String note) {
            return new Report(kind, passed, max, input, index, analytic, numeric, checked, kinks, note);
        }
    }

    private static String upcastNote(Tensor[] inputs) {
        for (Tensor x : inputs) {
            if (x.dtype() == DType.FLOAT32) {
                return "float32 inputs were upcast to float64";
            }
        }
        return "";
    }

    /** Fresh float64 leaves holding copies of the inputs' values. */
    private static Tensor[] leaves(Tensor[] inputs) {
        Tensor[] xs = new Tensor[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            xs[i] = Tensor.wrap(inputs[i].toDoubleArray(), inputs[i].shape()).requiresGrad(true);
        }
        return xs;
    }

    private static Tensor projection(Function<Tensor[], Tensor> f, Tensor[] xs, long seed) {
        int[] shape = GradMode.noGrad(() -> f.apply(detached(xs))).shape();
        return shape.length == 0 ? null : Tensor.randn(new SplittableRandom(seed), shape);
    }

    private static Tensor project(Tensor y, Tensor r) {
        Tensor y64 = y.to(DType.FLOAT64);
        return r == null ? y64 : y64.mul(r).sum();
    }

    private static Tensor[] detached(Tensor[] xs) {
        Tensor[] d = new Tensor[xs.length];
        for (int i = 0; i < xs.length; i++) {
            d[i] = xs[i].detach();
        }
        return d;
    }

    private static double eval(Function<Tensor[], Tensor> g, Tensor[] xs) {
        return GradMode.noGrad(() -> g.apply(detached(xs))).item();
    }

    private static int[] unflatten(int flat, int[] shape) {
        int[] idx = new int[shape.length];
        for (int d = shape.length - 1; d >= 0; d--) {
            int s = Math.max(shape[d], 1);
            idx[d] = flat % s;
            flat /= s;
        }
        return idx;
    }

}
