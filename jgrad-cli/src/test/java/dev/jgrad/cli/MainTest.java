package dev.jgrad.cli;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MainTest {


    private static CliRun run(String... args) {
        return CliRun.run(args);
    }

    /** The text between a heading and the next blank line: one table. */
    private static List<String> table(String out, String heading) {
        int start = out.indexOf(heading);
        assertTrue(start >= 0, "no section '" + heading + "' in\n" + out);
        String rest = out.substring(out.indexOf('\n', start) + 1);
        rest = rest.startsWith("\n") ? rest.substring(1) : rest;
        return rest.substring(0, rest.indexOf("\n\n")).lines().toList();
    }

    /** Asserts the row of {@code node} holds the given computation, value and gradient. */
    private static void row(List<String> table, String node, String computedAs, String value, String grad) {
        String[] expected = {node, computedAs, value, grad};
        for (String line : table) {
            String[] cells = line.trim().split("\\s{2,}");
            if (cells[0].equals(node)) {
                assertEquals(List.of(expected), List.of(cells), "row " + node);
                return;
            }
        }
        throw new AssertionError("no row for " + node + " in\n" + String.join("\n", table));
    }

    @Test
    void firstExampleShowsEveryValueAndGradientOfTheLecture() {
        CliRun r = run();
        assertEquals(0, r.code(), r.err());
        List<String> t = table(r.out(), "Example 1: f = (x + y) z");
        assertEquals(6, t.size(), String.join("\n", t));
        row(t, "node", "computed as", "value", "df/d(node)");
        row(t, "x", "input", "-2.0000", "-4.0000");
        row(t, "y", "input", "5.0000", "-4.0000");
        row(t, "q", "add(x, y)", "3.0000", "-4.0000");
        row(t, "z", "input", "-4.0000", "3.0000");
        row(t, "f", "mul(q, z)", "-12.0000", "1.0000");
        assertTrue(r.out().contains("  q = x + y = 3, f = q z = -12\n"), r.out());
        assertTrue(r.out().contains("  df/dx = -4, df/dy = -4, df/dz = 3, df/dq = -4\n"), r.out());
    }

    @Test
    void secondExampleGateByGateShowsTheSlidesIntermediates() {
        List<String> t = table(run().out(), "Gate by gate");
        assertEquals(14, t.size(), String.join("\n", t));
        row(t, "w0", "input", "2.0000", "-0.1966");
        row(t, "x0", "input", "-1.0000", "0.3932");
        row(t, "w0x0", "mul(w0, x0)", "-2.0000", "0.1966");
        row(t, "w1", "input", "-3.0000", "-0.3932");
        row(t, "x1", "input", "-2.0000", "-0.5898");
        row(t, "w1x1", "mul(w1, x1)", "6.0000", "0.1966");
        row(t, "wx", "add(w0x0, w1x1)", "4.0000", "0.1966");
        row(t, "w2", "input", "-3.0000", "0.1966");
        row(t, "s", "add(wx, w2)", "1.0000", "0.1966");
        row(t, "-s", "mul(s, -1)", "-1.0000", "-0.1966");
        row(t, "e^-s", "exp(-s)", "0.3679", "-0.5344");
        row(t, "1+e^-s", "add(e^-s, 1)", "1.3679", "-0.5344");
        row(t, "f", "pow(1+e^-s, p=-1.0)", "0.7311", "1.0000");
    }

    @Test
    void secondExampleWithTheSigmoidGateGivesTheSameGradients() {
        String out = run().out();
        List<String> t = table(out, "With the sigmoid gate");
        assertEquals(11, t.size(), String.join("\n", t));
        row(t, "s", "add(wx, w2)", "1.0000", "0.1966");
        row(t, "f", "sigmoid(s)", "0.7311", "1.0000");
        assertTrue(out.contains("  sigmoid local gradient: (1 - f) f = (1 - 0.7311) 0.7311 = 0.1966 = df/ds\n"), out);
        assertTrue(out.contains("  f = 0.7311\n"), out);
        assertTrue(out.contains("  dw = (-0.1966, -0.3932, 0.1966)\n"), out);
        assertTrue(out.contains("  dx = (0.3932, -0.5898)\n"), out);
        String same = "  both versions give the same gradients: largest difference ";
        int at = out.indexOf(same);
        assertTrue(at >= 0, out);
        double difference = Double.parseDouble(out.substring(at + same.length(), out.indexOf('\n', at)));
        assertTrue(difference < 1e-12, "difference " + difference);
    }

    @Test
    void dotPrintsTheGraphOfTheFirstExample() {
        CliRun r = run("--dot");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("digraph jgrad {\n"), r.out());
        assertTrue(r.out().contains("{x = -2.00 | grad -4.00 | [] float64}"), r.out());
        assertTrue(r.out().contains("{f = -12.00 | grad 1.00 | [] float64}"), r.out());
        assertEquals("", r.err());
    }

    @Test
    void jsonPrintsTheGraphOfTheFirstExample() {
        CliRun r = run("--json");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("{\"nodes\":["), r.out());
        assertTrue(r.out().contains("\"label\":\"q\",\"op\":\"add\""), r.out());
        assertTrue(r.out().contains("\"grad\":{\"text\":\"3.00\""), r.out());
    }

    @Test
    void unknownOptionIsAUsageErrorNamingIt() {
        CliRun r = run("--frobnicate");
        assertEquals(2, r.code());
        assertEquals("", r.out());
        assertTrue(r.err().startsWith("jgrad: Unknown option: '--frobnicate'"), r.err());
        assertTrue(r.err().contains("Run 'jgrad --help' for usage."), r.err());
    }

    @Test
    void strayArgumentAndConflictingOptionsAreUsageErrors() {
        CliRun stray = run("frobnicate");
        assertEquals(2, stray.code());
        assertTrue(stray.err().startsWith("jgrad: Unmatched argument at index 0: 'frobnicate'"), stray.err());
        CliRun both = run("--dot", "--json");
        assertEquals(2, both.code());
        assertTrue(both.err().startsWith("jgrad: options --dot and --json exclude each other\n"), both.err());
        assertEquals("", both.out());
    }

    @Test
    void helpPrintsUsageAndExitsZero() {
        for (String flag : new String[]{"--help", "-h"}) {
            CliRun r = run(flag);
            assertEquals(0, r.code());
            assertTrue(r.out().startsWith("Usage: jgrad "), r.out());
            assertTrue(r.out().contains("--dot") && r.out().contains("--json") && r.out().contains("gradcheck"), r.out());
            assertEquals("", r.err());
        }
    }

    @Test
    void gradPrintsValueAndEveryGradientOfAnExpression() {
        CliRun r = run("grad", "(x + y) * z", "x=-2", "y=5", "z=-4");
        assertEquals(0, r.code(), r.err());
        assertEquals("f = -12\ndf/dx = -4\ndf/dy = -4\ndf/dz = 3\n", r.out());
        CliRun s = run("grad", "1/(1+exp(-(w0*x0+w1*x1+w2)))", "w0=2", "x0=-1", "w1=-3", "x1=-2", "w2=-3");
        assertEquals("f = 0.7311\ndf/dw0 = -0.1966\ndf/dx0 = 0.3932\ndf/dw1 = -0.3932\ndf/dx1 = -0.5898\n"
                + "df/dw2 = 0.1966\n", s.out());
        CliRun m = run("grad", "max(x, y) + min(x, 2) ^ 2 - relu(-x) + abs(y) / tanh(1) * sigmoid(0) + log(exp(x))",
                "x=3", "y=3");
        assertEquals(0, m.code(), m.err());
        assertTrue(m.out().startsWith("f = "), m.out());
    }

    @Test
    void gradGraphOutputsCarryValuesAndGradients() {
        CliRun dot = run("grad", "(x + y) * z", "x=-2", "y=5", "z=-4", "--dot");
        assertTrue(dot.out().startsWith("digraph"), dot.out());
        assertTrue(dot.out().contains("x = -2") && dot.out().contains("grad -4"), dot.out());
        CliRun json = run("grad", "x * x", "x=3", "--json");
        assertTrue(json.out().contains("\"label\":\"x\""), json.out());
    }

    @Test
    void gradReportsBadExpressionsAsUsageErrors() {
        CliRun bad = run("grad", "x +* y", "x=1", "y=2");
        assertEquals(2, bad.code());
        assertTrue(bad.err().startsWith("jgrad grad: unexpected '*' at column 4 in 'x +* y'"), bad.err());
        CliRun missing = run("grad", "x * w", "x=1");
        assertEquals(2, missing.code());
        assertTrue(missing.err().contains("variable 'w' has no value (pass w=<number>)"), missing.err());
        CliRun value = run("grad", "x", "x=abc");
        assertTrue(value.err().contains("the value in 'x=abc' is not a number"), value.err());
        CliRun fn = run("grad", "foo(x)", "x=1");
        assertTrue(fn.err().contains("unknown function 'foo'"), fn.err());
        CliRun deep = run("grad", "(".repeat(500) + "x" + ")".repeat(500), "x=1");
        assertEquals(2, deep.code());
        assertTrue(deep.err().contains("nested deeper than"), deep.err());
    }

    @Test
    void gradcheckReportsEachParameterOfAModel() {
        CliRun r = run("gradcheck", "--model", "5-7-3:tanh");
        assertEquals(0, r.code(), r.err());
        for (String t : new String[]{"input", "0.weight", "0.bias", "2.weight", "2.bias"}) {
            assertTrue(r.out().contains("\n" + t + " "), r.out());
        }
        assertTrue(r.out().contains(" ok"), r.out());
        CliRun json = run("gradcheck", "--model", "4-3", "--loss", "svm", "--json");
        assertEquals(0, json.code(), json.err());
        assertEquals(3, json.out().lines().count(), json.out());
        CliRun bad = run("gradcheck", "--model", "4-x");
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("--model: model spec '4-x'"), bad.err());
        CliRun loss = run("gradcheck", "--model", "4-3", "--loss", "hinge");
        assertTrue(loss.err().contains("--loss: expected softmax or svm, got 'hinge'"), loss.err());
    }

    @Test
    void infoNamesBackendAndThreads() {
        CliRun r = run("info", "--json");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("\"backend\":") && r.out().contains("\"threads\":"), r.out());
    }

    @Test
    void trimmedNumbersReadLikeTheSlides() {
        assertEquals("-4", LectureExamples.num(-4));
        assertEquals("0.7311", LectureExamples.num(0.7310585786));
        assertEquals("0.5", LectureExamples.num(0.5));
        assertEquals("0", LectureExamples.num(-0.00001));
    }
}
