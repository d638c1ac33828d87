package dev.jgrad.cli;

import dev.jgrad.Tensor;
import dev.jgrad.autograd.GraphExport;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code jgrad grad "(x + y) * z" x=-2 y=5 z=-4}: the value and every gradient of a scalar expression. */
@Command(name = "grad", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Value and gradients of a scalar expression, by backpropagation.",
                "Numbers, variables, + - * / ^, unary minus, parentheses, exp log sigmoid tanh relu abs max min.",
                "Example: jgrad grad \"(x + y) * z\" x=-2 y=5 z=-4"})
final class GradCommand implements Callable<Integer> {

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "EXPRESSION", description = "The expression, quoted.")
    String expression;

    @Parameters(index = "1..*", paramLabel = "NAME=VALUE", description = "A value for each variable.")
    List<String> assignments = List.of();

    @Option(names = "--dot", description = "Print the graph (values and gradients on every node) as Graphviz DOT.")
    boolean dot;

    @Option(names = "--json", description = "Print the graph (values and gradients on every node) as JSON.")
    boolean json;

    @Override
    public Integer call() {
        if (dot && json) {
            throw new Main.UsageException("options --dot and --json exclude each other");
        }
        Map<String, Double> values = new LinkedHashMap<>();
        for (String a : assignments) {
            int eq = a.indexOf('=');
            if (eq <= 0) {
                throw new Main.UsageException("'" + a + "' is not NAME=VALUE");
            }
            try {
                values.put(a.substring(0, eq).trim(), Double.parseDouble(a.substring(eq + 1).trim()));
            } catch (NumberFormatException e) {
                throw new Main.UsageException("the value in '" + a + "' is not a number");
            }
        }
        Expr.Parsed parsed;
        try {
            parsed = Expr.parse(expression, values);
        } catch (IllegalArgumentException e) {
            throw new Main.UsageException(e.getMessage());
        }
        Tensor f = parsed.root().label("f");
        PrintWriter out = spec.commandLine().getOut();
        if (f.requiresGrad()) {
            GraphExport.backwardRetainingAll(f);
        }
        if (dot) {
            out.print(GraphExport.toDot(f));
        } else if (json) {
            out.print(GraphExport.toJson(f));
        } else {
            out.println("f = " + LectureExamples.num(f.item()));
            for (Map.Entry<String, Tensor> v : parsed.variables().entrySet()) {
                Tensor g = v.getValue().grad();
                out.println("df/d" + v.getKey() + " = " + LectureExamples.num(g == null ? 0 : g.item()));
            }
        }
        out.flush();
        return 0;
    }
}
