package dev.jgrad.cli;

import dev.jgrad.data.DataFetch;
import dev.jgrad.data.DataFiles;
import dev.jgrad.data.DataLocator;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code jgrad data fetch NAME} and {@code jgrad data locate NAME}. */
@Command(name = "data", mixinStandardHelpOptions = true, description = "Find or download datasets.",
        subcommands = {DataCommand.Fetch.class, DataCommand.Locate.class})
final class DataCommand implements Callable<Integer> {

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        throw new CommandLine.ParameterException(spec.commandLine(), "expected a subcommand: fetch or locate");
    }

    static String known(String name) {
        if (!Datasets.NAMES.contains(name)) {
            throw new Main.UsageException("NAME: expected one of " + Datasets.NAMES + ", got '" + name + "'");
        }
        return name;
    }

    /** Downloads from the dataset's official hosts, verifies checksums, writes atomically. */
    @Command(name = "fetch", mixinStandardHelpOptions = true,
            description = "Download a dataset from its official hosts into ~/.jgrad/data/NAME (or --dir).")
    static final class Fetch implements Callable<Integer> {
        @Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(index = "0", paramLabel = "NAME", description = "fashion-mnist, mnist or cifar10.")
        String name;

        @Option(names = "--dir", description = "Target folder (default: ~/.jgrad/data/NAME).")
        Path dir;

        @Override
        public Integer call() throws IOException {
            known(name);
            Path target = dir != null ? dir : DataLocator.system().fetchDir(name);
            DataFiles files = DataFetch.official().fetch(name, target);
            spec.commandLine().getOut().println(name + ": files in " + files.dir());
            return 0;
        }
    }

    /** Says where a dataset's files were found, or every place that was searched. */
    @Command(name = "locate", mixinStandardHelpOptions = true, description = "Show where a dataset's files are.")
    static final class Locate implements Callable<Integer> {
        @Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(index = "0", paramLabel = "NAME", description = "fashion-mnist, mnist or cifar10.")
        String name;

        @Option(names = "--data", paramLabel = "DIR", description = "Look only in this folder.")
        Path data;

        @Override
        public Integer call() throws IOException {
            known(name);
            DataFiles files = DataLocator.system().locate(name, data);
            spec.commandLine().getOut().println(name + ": " + files.dir());
            return 0;
        }
    }
}
