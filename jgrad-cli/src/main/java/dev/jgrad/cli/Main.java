package dev.jgrad.cli;

import dev.jgrad.autograd.GraphExport;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;

/**
 * The {@code jgrad} command. Without a subcommand it prints the two backpropagation examples of CS231n
 * Lecture 4 with every intermediate value and gradient ({@code --dot} / {@code --json}: the graph of the
 * first example). Exit codes: 0 success, 1 failure, 2 usage error (naming the flag and what was expected).
 */
@Command(name = "jgrad", mixinStandardHelpOptions = true, versionProvider = Main.VersionProvider.class,
        sortOptions = false,
        description = {"Automatic differentiation and neural networks in pure Java.",
                "Without a subcommand: the two worked examples of CS231n Lecture 4 (backpropagation) with every",
                "intermediate value and gradient, computed by jgrad."},
        subcommands = {TrainCommand.class, EvalCommand.class, PredictCommand.class, GradCommand.class, GradcheckCommand.class, InfoCommand.class, DataCommand.class,
                CommandLine.HelpCommand.class})
public final class Main implements Callable<Integer> {

    /** The version printed by {@code --version} and {@code info}. */
    public static final String VERSION = dev.jgrad.Version.current();

    /** Supplies {@code --version}. */
    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[]{"jgrad " + VERSION};
        }
    }

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--dot", description = "Print the graph of example 1 in Graphviz DOT (render: jgrad --dot | dot -Tsvg).")
    boolean dot;

    @Option(names = "--json", description = "Print the graph of example 1 as JSON.")
    boolean json;

    public static void main(String[] args) {
        int code = run(args, System.out, System.err);
        System.out.flush();
        if (code != 0) {
            System.exit(code);
        }
    }

    /** Runs the command with the given arguments and streams; returns the exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        CommandLine cl = new CommandLine(new Main());
        // A later flag wins, so a resumed run can extend --epochs and scripts can override defaults.
        cl.setOverwrittenOptionsAllowed(true);
        PrintWriter o = new PrintWriter(new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8), true);
        PrintWriter e = new PrintWriter(new java.io.OutputStreamWriter(err, StandardCharsets.UTF_8), true);
        cl.setOut(o);
        cl.setErr(e);
        cl.setParameterExceptionHandler((ex, a) -> {
            CommandLine c = ex.getCommandLine();
            e.println(c.getCommandSpec().qualifiedName() + ": " + ex.getMessage());
            e.println("Run '" + c.getCommandSpec().qualifiedName() + " --help' for usage.");
            return 2;
        });
        cl.setExecutionExceptionHandler((ex, c, parsed) -> {
            if (ex instanceof UsageException u) {
                e.println(c.getCommandSpec().qualifiedName() + ": " + u.getMessage());
                e.println("Run '" + c.getCommandSpec().qualifiedName() + " --help' for usage.");
                return 2;
            }
            e.println(c.getCommandSpec().qualifiedName() + ": " + ex.getMessage());
            return 1;
        });
        int code = cl.execute(args);
        o.flush();
        e.flush();
        return code;
    }

    @Override
    public Integer call() {
        if (dot && json) {
            throw new UsageException("options --dot and --json exclude each other");
        }
        PrintWriter out = spec.commandLine().getOut();
        if (dot) {
            out.print(GraphExport.toDot(LectureExamples.addMul()));
        } else if (json) {
            out.print(GraphExport.toJson(LectureExamples.addMul()));
        } else {
            LectureExamples.print(out);
        }
        out.flush();
        return 0;
    }

    /** A usage error found after parsing (a bad value, a conflict): exit code 2. */
    static final class UsageException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }
}
