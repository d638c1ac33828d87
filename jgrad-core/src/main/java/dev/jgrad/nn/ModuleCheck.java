package dev.jgrad.nn;

import dev.jgrad.DType;
import dev.jgrad.Tensor;
import dev.jgrad.autograd.GradCheck;
import dev.jgrad.autograd.GradMode;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * Gradient checking for a whole module, as the course does before training: the analytic gradients of
 * {@code loss(model(x))} with respect to the input and to every parameter, against centered finite
 * differences. The model must be float64 ({@code model.to(DType.FLOAT64)}).
 */
public final class ModuleCheck {

    private ModuleCheck() {
    }

    /**
     * One report per checked tensor: {@code "input"} and each parameter path. {@code loss} maps the
     * model's output to a scalar; null means a fixed random projection {@code sum(out * r)}.
     */
    public static Map<String, GradCheck.Report> check(Module model, Tensor x, Function<Tensor, Tensor> loss,
                                                      GradCheck.Options opt) {
        for (Tensor p : model.parameters()) {
            if (p.dtype() != DType.FLOAT64 || !p.isContiguous()) {
                throw new IllegalArgumentException("ModuleCheck: parameters must be contiguous float64; call"
                        + " model.to(DType.FLOAT64) first");
            }
        }
        Tensor input = Tensor.wrap(x.toDoubleArray(), x.shape()).requiresGrad(true);
        Function<Tensor, Tensor> objective = objective(model, input, loss, opt.seed());
        model.zeroGrad();
        objective.apply(input).backward();
        Map<String, Tensor> targets = new LinkedHashMap<>();
        targets.put("input", input);
        targets.putAll(model.namedParameters());
        Map<String, GradCheck.Report> reports = new LinkedHashMap<>();
        for (Map.Entry<String, Tensor> e : targets.entrySet()) {
            Tensor t = e.getValue();
            double[] analytic = t.grad() == null ? new double[t.numel()] : t.grad().toDoubleArray();
            reports.put(e.getKey(), compare(e.getKey(), t, analytic, () -> objective.apply(input.detach()), opt));
        }
        model.zeroGrad();
        return reports;
    }

    public static Map<String, GradCheck.Report> check(Module model, Tensor x) {
        return check(model, x, null, GradCheck.Options.DEFAULT);
    }

    private static Function<Tensor, Tensor> objective(Module model, Tensor input, Function<Tensor, Tensor> loss,
                                                      long seed) {
        if (loss != null) {
            return in -> loss.apply(model.forward(in));
        }
        int[] shape = GradMode.noGrad(() -> model.forward(input.detach())).shape();
        Tensor r = Tensor.randn(new SplittableRandom(seed), shape);
        return in -> model.forward(in).mul(r).sum();
    }

    private static GradCheck.Report compare(String name, Tensor t, double[] analytic,
                                            java.util.function.Supplier<Tensor> f, GradCheck.Options opt) {
        return GradCheck.checkTensor("gradcheck " + name, opt, t, analytic, () -> GradMode.noGrad(f::get).item());
    }
}
