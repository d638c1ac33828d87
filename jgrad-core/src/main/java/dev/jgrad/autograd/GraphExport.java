package dev.jgrad.autograd;

import dev.jgrad.Shape;
import dev.jgrad.Tensor;
import dev.jgrad.op.Op;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the recorded graph behind a tensor as Graphviz DOT or JSON, drawn as the lecture draws it:
 * one node per tensor with its value and gradient, one node per op (gate), edges input -> op -> output.
 *
 * <p>Every tensor reachable from the root appears once, leaves and constants included; a tensor used
 * twice (fan-out, as in {@code x * x}) has one node and two edges out. Ids are {@code t0, t1, ...} for
 * tensors and {@code o0, o1, ...} for ops, numbered in {@linkplain #tensors export order}, so the same
 * graph always gives the same text. The traversal is iterative: a graph a million ops deep exports
 * without overflowing the stack.
 *
 * <p>Example, the lecture's {@code f = (x + y) z} with a gradient on every edge:
 * <pre>{@code
 * Tensor q = x.add(y).label("q");
 * Tensor f = q.mul(z).label("f");
 * GraphExport.backwardRetainingAll(f);
 * System.out.println(GraphExport.toDot(f));   // ... label="{q = 3.00 | grad -4.00 | [] float64}" ...
 * }</pre>
 */
public final class GraphExport {

    private GraphExport() {
    }

    /**
     * Every tensor of the graph behind {@code root}, each after the tensors it was computed from, the
     * root last: the order of an iterative depth-first walk that visits an op's inputs in order.
     */
    public static List<Tensor> tensors(Tensor root) {
        return Collections.unmodifiableList(walk(root));
    }

    /**
     * Marks every interior tensor of the graph {@link Tensor#retainGrad() retainGrad()} and runs
     * {@code root.backward()}, so that each tensor, not only the leaves, holds its gradient afterwards.
     * Gradients accumulate as in {@link Tensor#backward()}; the graph is freed as usual but stays
     * exportable.
     */
    public static void backwardRetainingAll(Tensor root) {
        for (Tensor t : walk(root)) {
            if (t.gradFn() != null) {
                t.retainGrad();
            }
        }
        root.backward();
    }

    /** The graph in Graphviz DOT (render with {@code dot -Tsvg}); tensors are records, ops ellipses. */
    public static String toDot(Tensor root) {
        Ids ids = new Ids(walk(root));
        StringBuilder sb = new StringBuilder("digraph jgrad {\n");
        sb.append("  rankdir=LR;\n");
        sb.append("  node [fontname=\"Helvetica\", fontsize=11];\n");
        for (Tensor t : ids.tensors) {
            Op op = t.gradFn();
            if (op != null) {
                sb.append("  ").append(ids.of(op)).append(" [shape=ellipse, label=\"");
                dotText(sb, op.toString(), false);
                sb.append("\"];\n");
            }
            sb.append("  ").append(ids.of(t)).append(" [shape=record, ");
            if (!t.requiresGrad()) {
                sb.append("style=dashed, ");
            }
            sb.append("label=\"{");
            Summary value = Summary.of(t);
            if (t.label() != null) {
                dotText(sb, t.label(), true);
                sb.append(" = ");
            }
            dotText(sb, value.text(), true);
            if (t.grad() != null) {
                sb.append(" | grad ");
                dotText(sb, Summary.of(t.grad()).text(), true);
            }
            sb.append(" | ");
            dotText(sb, Shape.format(t.shape()) + " " + t.dtype(), true);
            sb.append("}\"];\n");
        }
        for (Tensor t : ids.tensors) {
            Op op = t.gradFn();
            if (op != null) {
                for (int i = 0; i < op.arity(); i++) {
                    sb.append("  ").append(ids.of(op.input(i))).append(" -> ").append(ids.of(op)).append(";\n");
                }
                sb.append("  ").append(ids.of(op)).append(" -> ").append(ids.of(t)).append(";\n");
            }
        }
        return sb.append("}\n").toString();
    }

    /**
     * The graph as JSON: {@code {"nodes":[...],"edges":[...]}}. A tensor node holds {@code id, kind:"tensor",
     * label, op} (the producing op's name, null for a leaf), {@code shape, dtype, requiresGrad, value, grad}
     * (grad null when absent); an op node {@code id, kind:"op", label, op, attributes}. Values and gradients
     * are {@code {text, numel, min, mean, max, head}}. An edge is {@code {from, to}}, plus {@code input}
     * (the argument position) on an edge into an op. Non-finite numbers are written as the strings
     * {@code "NaN"}, {@code "Infinity"} and {@code "-Infinity"}.
     */
    public static String toJson(Tensor root) {
        Ids ids = new Ids(walk(root));
        StringBuilder sb = new StringBuilder("{\"nodes\":[");
        boolean first = true;
        for (Tensor t : ids.tensors) {
            Op op = t.gradFn();
            if (op != null) {
                sb.append(first ? "\n" : ",\n");
                opJson(sb, ids.of(op), op);
                first = false;
            }
            sb.append(first ? "\n" : ",\n");
            tensorJson(sb, ids.of(t), t);
            first = false;
        }
        sb.append("\n],\"edges\":[");
        first = true;
        for (Tensor t : ids.tensors) {
            Op op = t.gradFn();
            if (op == null) {
                continue;
            }
            for (int i = 0; i < op.arity(); i++) {
                sb.append(first ? "\n" : ",\n");
                sb.append("{\"from\":\"").append(ids.of(op.input(i))).append("\",\"to\":\"").append(ids.of(op))
                        .append("\",\"input\":").append(i).append('}');
                first = false;
            }
            sb.append(",\n{\"from\":\"").append(ids.of(op)).append("\",\"to\":\"").append(ids.of(t)).append("\"}");
        }
        return sb.append("\n]}\n").toString();
    }

    private static void opJson(StringBuilder sb, String id, Op op) {
        sb.append("{\"id\":\"").append(id).append("\",\"kind\":\"op\",\"label\":");
        Json.string(sb, op.toString());
        sb.append(",\"op\":");
        Json.string(sb, op.name());
        sb.append(",\"attributes\":");
        Json.string(sb, op.attributes());
        sb.append('}');
    }

    private static void tensorJson(StringBuilder sb, String id, Tensor t) {
        sb.append("{\"id\":\"").append(id).append("\",\"kind\":\"tensor\",\"label\":");
        Json.string(sb, t.label());
        sb.append(",\"op\":");
        Json.string(sb, t.gradFn() == null ? null : t.gradFn().name());
        sb.append(",\"shape\":[");
        int[] shape = t.shape();
        for (int i = 0; i < shape.length; i++) {
            sb.append(i == 0 ? "" : ",").append(shape[i]);
        }
        sb.append("],\"dtype\":");
        Json.string(sb, t.dtype().toString());
        sb.append(",\"requiresGrad\":").append(t.requiresGrad());
        sb.append(",\"value\":");
        Summary.of(t).appendJson(sb);
        sb.append(",\"grad\":");
        if (t.grad() == null) {
            sb.append("null");
        } else {
            Summary.of(t.grad()).appendJson(sb);
        }
        sb.append('}');
    }

    /**
     * Escapes text for a double-quoted DOT label: quotes and backslashes always, line breaks as DOT's
     * {@code \n}; in a record label also the field syntax characters {@code { } | < >}.
     */
    private static void dotText(StringBuilder sb, String s, boolean record) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\' || (record && "{}|<>".indexOf(c) >= 0)) {
                sb.append('\\').append(c);
            } else if (c == '\n') {
                sb.append("\\n");
            } else if (c < 0x20) {
                sb.append(' ');
            } else {
                sb.append(c);
            }
        }
    }

    /** Every tensor behind root, leaves and constants included (the engine's iterative walk). */
    private static List<Tensor> walk(Tensor root) {
        return Engine.walk(root, c -> true);
    }

    /** Node ids in export order: {@code t<k>} for the k-th tensor, {@code o<k>} for the k-th op. */
    private static final class Ids {
        final List<Tensor> tensors;
        private final Map<Object, String> ids = new IdentityHashMap<>();

        Ids(List<Tensor> tensors) {
            this.tensors = tensors;
            int ops = 0;
            for (int k = 0; k < tensors.size(); k++) {
                Tensor t = tensors.get(k);
                ids.put(t, "t" + k);
                if (t.gradFn() != null) {
                    ids.put(t.gradFn(), "o" + ops++);
                }
            }
        }

        String of(Object node) {
            return ids.get(node);
        }
    }
}
