package dev.jgrad.autograd;

import dev.jgrad.Tensor;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GraphExportTest {

    /** The lecture's f = (x + y) z at x = -2, y = 5, z = -4, with every gradient retained. */
    private static Tensor lectureExample() {
        Tensor x = Tensor.scalar(-2).requiresGrad(true).label("x");
        Tensor y = Tensor.scalar(5).requiresGrad(true).label("y");
        Tensor z = Tensor.scalar(-4).requiresGrad(true).label("z");
        Tensor q = x.add(y).label("q");
        Tensor f = q.mul(z).label("f");
        GraphExport.backwardRetainingAll(f);
        return f;
    }

    @Test
    void dotOfLectureExampleShowsEveryValueAndGradientAsOnTheSlides() {
        String expected = """
                digraph jgrad {
                  rankdir=LR;
                  node [fontname="Helvetica", fontsize=11];
                  t0 [shape=record, label="{x = -2.00 | grad -4.00 | [] float64}"];
                  t1 [shape=record, label="{y = 5.00 | grad -4.00 | [] float64}"];
                  o0 [shape=ellipse, label="add"];
                  t2 [shape=record, label="{q = 3.00 | grad -4.00 | [] float64}"];
                  t3 [shape=record, label="{z = -4.00 | grad 3.00 | [] float64}"];
                  o1 [shape=ellipse, label="mul"];
                  t4 [shape=record, label="{f = -12.00 | grad 1.00 | [] float64}"];
                  t0 -> o0;
                  t1 -> o0;
                  o0 -> t2;
                  t2 -> o1;
                  t3 -> o1;
                  o1 -> t4;
                }
                """;
        assertEquals(expected, GraphExport.toDot(lectureExample()));
    }

    @Test
    void jsonOfLectureExampleParsesAndHoldsEveryValueAndGradient() {
        String json = GraphExport.toJson(lectureExample());
        assertTrue(json.contains("{\"id\":\"t0\",\"kind\":\"tensor\",\"label\":\"x\",\"op\":null,\"shape\":[],"
                + "\"dtype\":\"float64\",\"requiresGrad\":true,\"value\":{\"text\":\"-2.00\",\"numel\":1,"
                + "\"min\":-2.0,\"mean\":-2.0,\"max\":-2.0,\"head\":[-2.0]},\"grad\":{\"text\":\"-4.00\","
                + "\"numel\":1,\"min\":-4.0,\"mean\":-4.0,\"max\":-4.0,\"head\":[-4.0]}}"), json);
        assertTrue(json.contains(
                "{\"id\":\"o0\",\"kind\":\"op\",\"label\":\"add\",\"op\":\"add\",\"attributes\":\"\"}"));

        Graph g = Graph.parse(json);
        assertEquals(7, g.nodes.size());
        assertEquals(6, g.edges.size());
        double[][] valueGrad = {{-2, -4}, {5, -4}, {-4, 3}, {3, -4}, {-12, 1}};
        String[] labels = {"x", "y", "z", "q", "f"};
        for (int i = 0; i < labels.length; i++) {
            Map<String, Object> n = g.byLabel(labels[i]);
            assertEquals(valueGrad[i][0], g.number(n, "value"), labels[i]);
            assertEquals(valueGrad[i][1], g.number(n, "grad"), labels[i]);
        }
        assertEquals("add", g.byLabel("q").get("op"));
        assertEquals("mul", g.byLabel("f").get("op"));
        assertEquals(List.of("t0 -> o0 (0)", "t1 -> o0 (1)", "o0 -> t2", "t2 -> o1 (0)", "t3 -> o1 (1)", "o1 -> t4"),
                g.edgeList());
    }

    @Test
    void withoutBackwardThereIsNoGradientToShow() {
        Tensor x = Tensor.scalar(-2).requiresGrad(true).label("x");
        Tensor f = x.mul(x);
        assertTrue(GraphExport.toDot(f).contains("label=\"{x = -2.00 | [] float64}\""));
        assertNull(Graph.parse(GraphExport.toJson(f)).byLabel("x").get("grad"));
    }

    @Test
    void backwardRetainingAllKeepsInteriorGradientsThatPlainBackwardDrops() {
        Tensor x = Tensor.scalar(-2).requiresGrad(true);
        Tensor q = x.add(Tensor.scalar(5).requiresGrad(true));
        Tensor f = q.mul(Tensor.scalar(-4).requiresGrad(true));
        f.backward(null, true, false);
        assertNull(q.grad());
        x.zeroGrad();
        GraphExport.backwardRetainingAll(f);
        assertEquals(-4, q.grad().item());
        assertEquals(1, f.grad().item());
        assertEquals(-4, x.grad().item());
    }

    @Test
    void fanOutShowsOneNodeWithTwoEdges() {
        Tensor x = Tensor.scalar(3).requiresGrad(true).label("x");
        Tensor f = x.mul(x).label("f");
        GraphExport.backwardRetainingAll(f);
        String dot = GraphExport.toDot(f);
        assertEquals(1, count(dot, "x = 3.00 | grad 6.00"), dot);
        assertEquals(2, count(dot, "t0 -> o0;"), dot);
        assertTrue(dot.contains("f = 9.00 | grad 1.00"), dot);

        Graph g = Graph.parse(GraphExport.toJson(f));
        assertEquals(3, g.nodes.size());
        assertEquals(List.of("t0 -> o0 (0)", "t0 -> o0 (1)", "o0 -> t1"), g.edgeList());
        assertEquals(2, GraphExport.tensors(f).size());
    }

    @Test
    void sigmoidExampleShowsTheLectureNumbers() {
        Tensor w0 = Tensor.scalar(2).requiresGrad(true).label("w0");
        Tensor x0 = Tensor.scalar(-1).requiresGrad(true).label("x0");
        Tensor w1 = Tensor.scalar(-3).requiresGrad(true).label("w1");
        Tensor x1 = Tensor.scalar(-2).requiresGrad(true).label("x1");
        Tensor w2 = Tensor.scalar(-3).requiresGrad(true).label("w2");
        Tensor f = w0.mul(x0).add(w1.mul(x1)).add(w2).sigmoid().label("f");
        GraphExport.backwardRetainingAll(f);
        String dot = GraphExport.toDot(f);
        for (String s : new String[]{"w0 = 2.00 | grad -0.1966", "x0 = -1.00 | grad 0.3932",
                "w1 = -3.00 | grad -0.3932", "x1 = -2.00 | grad -0.5898", "w2 = -3.00 | grad 0.1966",
                "f = 0.7311 | grad 1.00", "label=\"sigmoid\""}) {
            assertTrue(dot.contains(s), s + " in\n" + dot);
        }
    }

    @Test
    void deepChainExportsWithoutRecursionOnASmallStack() throws InterruptedException {
        int depth = 100_000;
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Object> results = new ArrayList<>();
        // 256 KiB is far too small for 100,000 nested calls, so any recursion in export or backward fails here.
        Thread t = new Thread(null, () -> {
            try {
                Tensor x = Tensor.scalar(1.5).requiresGrad(true).label("x");
                Tensor h = x;
                for (int i = 0; i < depth; i++) {
                    h = h.neg();
                }
                GraphExport.backwardRetainingAll(h);
                results.add(GraphExport.toDot(h));
                results.add(GraphExport.toJson(h));
                results.add(x.grad().item());
            } catch (Throwable e) {
                failure.set(e);
            }
        }, "small-stack", 256 * 1024);
        t.start();
        t.join();
        if (failure.get() != null) {
            throw new AssertionError("export of a " + depth + "-deep chain failed", failure.get());
        }
        String dot = (String) results.get(0);
        assertEquals(depth, count(dot, "label=\"neg\""));
        assertTrue(dot.contains("t0 [shape=record, label=\"{x = 1.50 | grad 1.00 | [] float64}\"];"));
        assertTrue(dot.contains("o99999 -> t100000;"));
        // Counted rather than parsed: parsing 40 MB here would only repeat what the small graphs check.
        String json = (String) results.get(1);
        assertEquals(depth + 1, count(json, "\"kind\":\"tensor\""));
        assertEquals(depth, count(json, "\"kind\":\"op\""));
        assertEquals(2 * depth, count(json, "{\"from\":"));
        assertTrue(json.endsWith("{\"from\":\"o99999\",\"to\":\"t100000\"}\n]}\n"),
                json.substring(json.length() - 100));
        assertEquals(1.0, results.get(2));
    }

    @Test
    void labelsWithQuotesBackslashesAndRecordSyntaxAreEscaped() {
        String label = "say \"hi\" \\ {a|b} <c>\nnext\u0001";
        Tensor x = Tensor.scalar(1).requiresGrad(true).label(label);
        Tensor f = x.exp().label("f");
        String dot = GraphExport.toDot(f);
        assertTrue(dot.contains(
                "label=\"{say \\\"hi\\\" \\\\ \\{a\\|b\\} \\<c\\>\\nnext  = 1.00 | [] float64}\""), dot);

        String json = GraphExport.toJson(f);
        assertTrue(json.contains("\"label\":\"say \\\"hi\\\" \\\\ {a|b} <c>\\nnext\\u0001\""), json);
        assertEquals(label, Graph.parse(json).nodes.getFirst().get("label"));
    }

    @Test
    void constantsAppearDashedAndNonScalarsAreSummarized() {
        Tensor w = Tensor.of(new double[]{1, 2, 3, 4, 5, 6}, 2, 3).requiresGrad(true).label("W");
        Tensor b = Tensor.vector(0.5, -0.25, 0);
        Tensor out = w.add(b).sum().label("loss");
        GraphExport.backwardRetainingAll(out);
        String dot = GraphExport.toDot(out);
        assertTrue(dot.contains(
                "{W = min 1.00 mean 3.50 max 6.00 | grad min 1.00 mean 1.00 max 1.00 | [2, 3] float64}"), dot);
        assertTrue(dot.contains("t1 [shape=record, style=dashed, label=\"{[0.50, -0.25, 0.00] | [3] float64}\"]"), dot);

        Graph g = Graph.parse(GraphExport.toJson(out));
        Map<String, Object> wn = g.byLabel("W");
        assertEquals(List.of(2.0, 3.0), wn.get("shape"));
        assertEquals(List.of(1.0, 2.0, 3.0, 4.0, 5.0, 6.0), g.object(wn, "value").get("head"));
        assertEquals(Boolean.FALSE, g.nodes.get(1).get("requiresGrad"));
    }

    @Test
    void nonFiniteValuesBecomeStringsInJson() {
        Tensor x = Tensor.scalar(0).requiresGrad(true).label("x");
        Tensor f = x.log().label("f");
        String json = GraphExport.toJson(f);
        assertTrue(json.contains("\"value\":{\"text\":\"-inf\",\"numel\":1,\"min\":\"-Infinity\""), json);
        assertEquals("-Infinity", Graph.parse(json).object(Graph.parse(json).byLabel("f"), "value").get("max"));
    }

    @Test
    void aLeafExportsAsASingleNode() {
        Tensor x = Tensor.scalar(7).label("x");
        assertEquals(List.of(x), GraphExport.tensors(x));
        assertTrue(GraphExport.toDot(x)
                .contains("t0 [shape=record, style=dashed, label=\"{x = 7.00 | [] float64}\"];"));
        Graph g = Graph.parse(GraphExport.toJson(x));
        assertEquals(1, g.nodes.size());
        assertTrue(g.edges.isEmpty());
    }

    @Test
    void tensorsListsInputsBeforeOutputsWithTheRootLast() {
        Tensor x = Tensor.scalar(-2).requiresGrad(true);
        Tensor y = Tensor.scalar(5).requiresGrad(true);
        Tensor q = x.add(y);
        Tensor f = q.mul(x);
        assertEquals(List.of(x, y, q, f), GraphExport.tensors(f));
        assertSame(f, GraphExport.tensors(f).getLast());
        assertThrows(UnsupportedOperationException.class, () -> GraphExport.tensors(f).clear());
    }

    @Test
    void summaryNumbersReadLikeTheSlides() {
        assertEquals("-2.00", Summary.number(-2));
        assertEquals("0.7311", Summary.number(1 / (1 + Math.exp(-1))));
        assertEquals("0.50", Summary.number(0.5));
        assertEquals("0.001", Summary.number(0.001));
        assertEquals("1.000e-05", Summary.number(1e-5));
        assertEquals("0.00", Summary.number(-0.0));
        assertEquals("nan", Summary.number(Double.NaN));
        assertFalse(Summary.number(1e7).contains(","));
    }

    private static int count(String s, String part) {
        int n = 0;
        for (int i = s.indexOf(part); i >= 0; i = s.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }

    /** The parsed export, checked for shape on the way in: every node has an id, every edge known ends. */
    private record Graph(List<Map<String, Object>> nodes, List<Map<String, Object>> edges) {

        @SuppressWarnings("unchecked")
        static Graph parse(String json) {
            Map<String, Object> root = (Map<String, Object>) MiniJson.parse(json);
            assertEquals(List.of("nodes", "edges"), List.copyOf(root.keySet()));
            Graph g = new Graph((List<Map<String, Object>>) root.get("nodes"),
                    (List<Map<String, Object>>) root.get("edges"));
            java.util.Set<Object> ids = new java.util.HashSet<>();
            for (Map<String, Object> n : g.nodes) {
                assertTrue(ids.add(n.get("id")), "duplicate id " + n.get("id"));
                assertTrue(n.get("kind").equals("tensor") || n.get("kind").equals("op"));
            }
            for (Map<String, Object> e : g.edges) {
                assertTrue(ids.contains(e.get("from")) && ids.contains(e.get("to")), e.toString());
            }
            return g;
        }

        Map<String, Object> byLabel(String label) {
            return nodes.stream().filter(n -> "tensor".equals(n.get("kind")) && label.equals(n.get("label")))
                    .findFirst().orElseThrow(() -> new AssertionError("no tensor labelled " + label));
        }

        @SuppressWarnings("unchecked")
        Map<String, Object> object(Map<String, Object> node, String key) {
            Object v = node.get(key);
            assertNotNull(v, key);
            return (Map<String, Object>) v;
        }

        double number(Map<String, Object> node, String key) {
            Map<String, Object> summary = object(node, key);
            assertEquals(1.0, summary.get("numel"));
            return (Double) summary.get("min");
        }

        List<String> edgeList() {
            return edges.stream().map(e -> e.get("from") + " -> " + e.get("to")
                    + (e.containsKey("input") ? " (" + ((Double) e.get("input")).intValue() + ")" : "")).toList();
        }
    }
}
