package dev.jgrad.cli;

import dev.jgrad.Tensor;
import dev.jgrad.autograd.GraphExport;
import dev.jgrad.op.Op;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The two worked examples of CS231n Lecture 4, computed with jgrad and printed as tables of every
 * node's value and gradient. Nothing is hard-coded but the inputs: the tables are read off the graph.
 */
final class LectureExamples {

    private static final String[] WEIGHTS = {"w0", "w1", "w2"};
    private static final String[] INPUTS = {"x0", "x1"};

    private LectureExamples() {
    }

    /** Example 1, f = (x + y) z at x = -2, y = 5, z = -4, after a backward pass that keeps every gradient. */
    static Tensor addMul() {
        Tensor x = leaf("x", -2);
        Tensor y = leaf("y", 5);
        Tensor z = leaf("z", -4);
        Tensor q = x.add(y).label("q");
        Tensor f = q.mul(z).label("f");
        GraphExport.backwardRetainingAll(f);
        return f;
    }

    /** Example 2 built gate by gate: mul, mul, add, add, *-1, exp, +1, 1/x. */
    static Tensor sigmoidByGates() {
        Tensor s = score();
        Tensor negated = s.mul(-1).label("-s");
        Tensor e = negated.exp().label("e^-s");
        Tensor denominator = e.add(1).label("1+e^-s");
        Tensor f = denominator.pow(-1).label("f");
        GraphExport.backwardRetainingAll(f);
        return f;
    }

    /** Example 2 with the sigmoid gate, whose local gradient is (1 - f) f. */
    static Tensor sigmoidGate() {
        Tensor f = score().sigmoid().label("f");
        GraphExport.backwardRetainingAll(f);
        return f;
    }

    /** s = w0 x0 + w1 x1 + w2 at w = (2, -3, -3), x = (-1, -2). */
    private static Tensor score() {
        Tensor w0 = leaf("w0", 2);
        Tensor x0 = leaf("x0", -1);
        Tensor w1 = leaf("w1", -3);
        Tensor x1 = leaf("x1", -2);
        Tensor w2 = leaf("w2", -3);
        Tensor wx = w0.mul(x0).label("w0x0").add(w1.mul(x1).label("w1x1")).label("wx");
        return wx.add(w2).label("s");
    }

    private static Tensor leaf(String name, double value) {
        return Tensor.scalar(value).requiresGrad(true).label(name);
    }

    /** Prints both examples. */
    static void print(PrintWriter out) {
        // Everything is computed before anything is printed, so a failure leaves no half-written report.
        Tensor f = addMul();
        Tensor gates = sigmoidByGates();
        Tensor sigmoid = sigmoidGate();
        out.println("CS231n Lecture 4, backpropagation: every value and gradient below is computed by jgrad.");
        out.println();
        out.println("Example 1: f = (x + y) z at x = -2, y = 5, z = -4");
        out.println();
        table(out, f);
        Tensor q = node(f, "q");
        Tensor z = node(f, "z");
        out.println();
        out.printf("  q = x + y = %s, f = q z = %s%n", num(q), num(f));
        out.printf("  df/dx = %s, df/dy = %s, df/dz = %s, df/dq = %s%n",
                num(node(f, "x").grad()), num(node(f, "y").grad()), num(z.grad()), num(q.grad()));
        out.printf("  (the add gate hands df/dq = %s to x and to y;"
                + " the mul gate swaps: df/dz = q = %s, df/dq = z = %s)%n", num(q.grad()), num(q), num(z));
        out.println();

        out.println("Example 2: f = 1 / (1 + e^-(w0 x0 + w1 x1 + w2)) at w = (2, -3, -3), x = (-1, -2)");
        out.println();
        out.println("Gate by gate (mul, mul, add, add, *-1, exp, +1, 1/x):");
        table(out, gates);
        out.println();
        out.println("With the sigmoid gate, sigma(s) = 1 / (1 + e^-s):");
        table(out, sigmoid);
        out.println();
        double fv = sigmoid.item();
        out.printf("  sigmoid local gradient: (1 - f) f = (1 - %s) %s = %s = df/ds%n",
                num(fv), num(fv), num((1 - fv) * fv));
        out.printf("  f = %s%n", num(fv));
        out.printf("  dw = %s%n", grads(sigmoid, WEIGHTS));
        out.printf("  dx = %s%n", grads(sigmoid, INPUTS));
        out.printf(Locale.ROOT, "  both versions give the same gradients: largest difference %.1e%n",
                largestDifference(gates, sigmoid));
    }

    /** One row per tensor that takes part in differentiation, inputs first; constants show inside "computed as". */
    private static void table(PrintWriter out, Tensor root) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[]{"node", "computed as", "value", "df/d(node)"});
        for (Tensor t : GraphExport.tensors(root)) {
            if (t.requiresGrad()) {
                rows.add(new String[]{name(t), computedAs(t), fixed(t.item()),
                        t.grad() == null ? "-" : fixed(t.grad().item())});
            }
        }
        int[] width = new int[4];
        for (String[] r : rows) {
            for (int i = 0; i < width.length; i++) {
                width[i] = Math.max(width[i], r[i].length());
            }
        }
        String format = "  %-" + width[0] + "s  %-" + width[1] + "s  %" + width[2] + "s  %" + width[3] + "s%n";
        for (String[] r : rows) {
            out.printf(format, (Object[]) r);
        }
    }

    /** The gate and its arguments, such as {@code add(w0x0, w1x1)} or {@code mul(s, -1)}. */
    private static String computedAs(Tensor t) {
        Op op = t.gradFn();
        if (op == null) {
            return "input";
        }
        StringBuilder sb = new StringBuilder(op.name()).append('(');
        for (int i = 0; i < op.arity(); i++) {
            sb.append(i == 0 ? "" : ", ").append(name(op.input(i)));
        }
        if (!op.attributes().isEmpty()) {
            sb.append(", ").append(op.attributes());
        }
        return sb.append(')').toString();
    }

    /** The tensor's label; an unlabelled scalar constant by its value. */
    private static String name(Tensor t) {
        if (t.label() != null) {
            return t.label();
        }
        return t.numel() == 1 && !t.requiresGrad() ? num(t.item()) : t.describe();
    }

    private static Tensor node(Tensor root, String label) {
        for (Tensor t : GraphExport.tensors(root)) {
            if (label.equals(t.label())) {
                return t;
            }
        }
        throw new IllegalStateException("lecture example: no node labelled '" + label + "'");
    }

    private static String grads(Tensor root, String[] labels) {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < labels.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(num(node(root, labels[i]).grad()));
        }
        return sb.append(')').toString();
    }

    private static double largestDifference(Tensor a, Tensor b) {
        double worst = 0;
        for (String[] group : new String[][]{WEIGHTS, INPUTS}) {
            for (String label : group) {
                worst = Math.max(worst, Math.abs(node(a, label).grad().item() - node(b, label).grad().item()));
            }
        }
        return worst;
    }

    private static String fixed(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }

    private static String num(Tensor t) {
        return num(t.item());
    }

    /** Four decimals without trailing zeros, as the slides write results: -4, 0.7311. */
    static String num(double v) {
        String s = fixed(v);
        if (s.indexOf('.') >= 0) {
            s = s.replaceAll("0+$", "").replaceAll("\\.$", "");
        }
        return s.equals("-0") ? "0" : s;
    }
}
