package dev.jgrad.cli;

import dev.jgrad.DType;
import dev.jgrad.Tensor;
import dev.jgrad.autograd.GradCheck;
import dev.jgrad.nn.Loss;
import dev.jgrad.nn.ModelSpec;
import dev.jgrad.nn.ModuleCheck;
import dev.jgrad.nn.Sequential;
import dev.jgrad.io.Json;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;

/**
 * {@code jgrad gradcheck --model 10-20-5}: numerical against analytic gradients of a model's loss for each
 * parameter, in float64 on a small random batch, as the course does before training.
 */
@Command(name = "gradcheck", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Check a model's analytic gradients against numerical ones (float64, centered differences).")
final class GradcheckCommand implements Callable<Integer> {

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "SPEC",
            description = "Model spec, such as 784-100-10 or 2-16-16-3:tanh.")
    String model;

    @Option(names = "--loss", defaultValue = "softmax", paramLabel = "softmax|svm",
            description = "Loss on top of the model (default: ${DEFAULT-VALUE}).")
    String loss;

    @Option(names = "--batch", defaultValue = "4", description = "Examples in the random batch (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--reg", defaultValue = "0", description = "L2 regularization strength (default: ${DEFAULT-VALUE}).")
    double reg;

    @Option(names = "--seed", defaultValue = "0", description = "Seed for weights and data (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--json", description = "One JSON object per parameter.")
    boolean json;

    @Override
    public Integer call() {
        if (!loss.equals("softmax") && !loss.equals("svm")) {
            throw new Main.UsageException("--loss: expected softmax or svm, got '" + loss + "'");
        }
        if (batch < 1) {
            throw new Main.UsageException("--batch: expected a positive integer, got " + batch);
        }
        Sequential net;
        try {
            net = ModelSpec.parse(model, DType.FLOAT64, new SplittableRandom(seed));
        } catch (IllegalArgumentException e) {
            throw new Main.UsageException("--model: " + e.getMessage());
        }
        SplittableRandom rng = new SplittableRandom(seed + 1);
        int in = net.parameters().get(0).shape()[0];
        int classes = net.parameters().get(net.parameters().size() - 1).shape()[0];
        Tensor x = Tensor.randn(rng, batch, in);
        int[] labels = new int[batch];
        for (int i = 0; i < batch; i++) {
            labels[i] = rng.nextInt(classes);
        }
        Map<String, GradCheck.Report> reports = ModuleCheck.check(net, x, scores -> {
            Tensor l = loss.equals("svm") ? Loss.svm(scores, labels) : Loss.softmaxCrossEntropy(scores, labels);
            return reg > 0 ? l.add(Loss.l2(reg, Loss.weights(net))) : l;
        }, GradCheck.Options.DEFAULT);
        PrintWriter out = spec.commandLine().getOut();
        boolean ok = true;
        if (!json) {
            out.printf("gradcheck %s with %s loss on a random batch of %d (float64, h = 1e-5)%n", model, loss, batch);
            out.printf("%-14s %8s %14s %6s  %s%n", "tensor", "elements", "max rel error", "kinks", "verdict");
        }
        for (Map.Entry<String, GradCheck.Report> e : reports.entrySet()) {
            GradCheck.Report r = e.getValue();
            String verdict = verdict(r);
            ok &= r.passed();
            if (json) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("tensor", e.getKey());
                row.put("elements", r.checked());
                row.put("max_rel_error", r.maxRelError());
                row.put("kinks", r.kinks());
                row.put("passed", r.passed());
                out.println(Json.write(row));
            } else {
                out.printf(Locale.ROOT, "%-14s %8d %14.3e %6d  %s%n", e.getKey(), r.checked(), r.maxRelError(),
                        r.kinks(), verdict);
            }
        }
        out.flush();
        return ok ? 0 : 1;
    }

    /** The lecture's reading of a relative error. */
    private static String verdict(GradCheck.Report r) {
        if (!r.passed()) {
            return r.maxRelError() > 1e-2 ? "FAIL (above 1e-2: a bug)" : "FAIL";
        }
        return r.maxRelError() < 1e-7 ? "ok" : "ok (below 1e-4, as near kinks)";
    }
}
