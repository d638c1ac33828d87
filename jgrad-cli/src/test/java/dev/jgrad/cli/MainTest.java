package dev.jgrad.cli;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MainTest {

    /** The exit code and what went to each stream. */
    private record Result(int code, String out, String err) {
    }

    private static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            code = Main.run(args, o, e);
        }
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
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
        Result r = run();
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
        Result r = run("--dot");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("digraph jgrad {\n"), r.out());
        assertTrue(r.out().contains("{x = -2.00 | grad -4.00 | [] float64}"), r.out());
        assertTrue(r.out().contains("{f = -12.00 | grad 1.00 | [] float64}"), r.out());
        assertEquals("", r.err());
    }

    @Test
    void jsonPrintsTheGraphOfTheFirstExample() {
        Result r = run("--json");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("{\"nodes\":["), r.out());
        assertTrue(r.out().contains("\"label\":\"q\",\"op\":\"add\""), r.out());
        assertTrue(r.out().contains("\"grad\":{\"text\":\"3.00\""), r.out());
    }

    @Test
    void unknownOptionIsAUsageErrorNamingIt() {
        Result r = run("--frobnicate");
        assertEquals(2, r.code());
        assertEquals("", r.out());
        assertTrue(r.err().startsWith("jgrad: unknown option '--frobnicate'\n"), r.err());
        assertTrue(r.err().contains(Main.USAGE), r.err());
    }

    @Test
    void strayArgumentAndConflictingOptionsAreUsageErrors() {
        Result stray = run("train");
        assertEquals(2, stray.code());
        assertTrue(stray.err().startsWith("jgrad: unexpected argument 'train'\n"), stray.err());
        Result both = run("--dot", "--json");
        assertEquals(2, both.code());
        assertTrue(both.err().startsWith("jgrad: options --dot and --json exclude each other\n"), both.err());
        assertEquals("", both.out());
    }

    @Test
    void helpPrintsUsageAndExitsZero() {
        for (String flag : new String[]{"--help", "-h"}) {
            Result r = run(flag);
            assertEquals(0, r.code());
            assertTrue(r.out().startsWith(Main.USAGE + "\n\n"), r.out());
            assertTrue(r.out().contains("--dot") && r.out().contains("--json"), r.out());
            assertEquals("", r.err());
        }
    }

    @Test
    void trimmedNumbersReadLikeTheSlides() {
        assertEquals("-4", LectureExamples.num(-4));
        assertEquals("0.7311", LectureExamples.num(0.7310585786));
        assertEquals("0.5", LectureExamples.num(0.5));
        assertEquals("0", LectureExamples.num(-0.00001));
    }
}
