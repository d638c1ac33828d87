package dev.jgrad.cli;

import dev.jgrad.autograd.GraphExport;

import java.io.PrintStream;

/**
 * The {@code jgrad} command: without arguments, prints the two backpropagation examples of CS231n
 * Lecture 4 with every intermediate value and gradient; {@code --dot} and {@code --json} print the graph
 * of the first example instead.
 *
 * <p>Exit codes: 0 on success, 1 when the computation fails, 2 for a usage error.
 */
public final class Main {

    static final String USAGE = "Usage: jgrad [--dot | --json | --help]";

    private static final String HELP = USAGE + """


            Prints the two worked examples of CS231n Lecture 4 (backpropagation) with every
            intermediate value and gradient, computed by jgrad:
              1. f = (x + y) z at x = -2, y = 5, z = -4
              2. f = 1 / (1 + e^-(w0 x0 + w1 x1 + w2)) at w = (2, -3, -3), x = (-1, -2),
                 gate by gate and with the sigmoid gate

            Options:
              --dot       print the graph of example 1 in Graphviz DOT (render: jgrad --dot | dot -Tsvg)
              --json      print the graph of example 1 as JSON
              -h, --help  print this help
            """;

    private Main() {
    }

    public static void main(String[] args) {
        int code = run(args, System.out, System.err);
        if (code != 0) {
            System.exit(code);
        }
    }

    /** Runs the command with the given arguments and streams; returns the exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        String mode = null;
        for (String a : args) {
            switch (a) {
                case "-h", "--help" -> {
                    out.print(HELP);
                    return 0;
                }
                case "--dot", "--json" -> {
                    if (mode != null && !mode.equals(a)) {
                        return usageError(err, "options " + mode + " and " + a + " exclude each other");
                    }
                    mode = a;
                }
                default -> {
                    return usageError(err, (a.startsWith("-") ? "unknown option '" : "unexpected argument '")
                            + a + "'");
                }
            }
        }
        try {
            if (mode == null) {
                LectureExamples.print(out);
            } else if (mode.equals("--dot")) {
                out.print(GraphExport.toDot(LectureExamples.addMul()));
            } else {
                out.print(GraphExport.toJson(LectureExamples.addMul()));
            }
            out.flush();
            return 0;
        } catch (RuntimeException | ExceptionInInitializerError e) {
            // A failed backend selection surfaces as ExceptionInInitializerError; its cause says what to do.
            Throwable cause = e instanceof ExceptionInInitializerError && e.getCause() != null ? e.getCause() : e;
            err.println("jgrad: " + cause.getMessage());
            return 1;
        }
    }

    private static int usageError(PrintStream err, String message) {
        err.println("jgrad: " + message);
        err.println(USAGE);
        err.println("Run 'jgrad --help' for more.");
        return 2;
    }
}
