package dev.jgrad.cli;

import dev.jgrad.DType;
import dev.jgrad.io.Checkpoint;
import dev.jgrad.io.CheckpointData;
import dev.jgrad.io.Json;
import dev.jgrad.nn.Sequential;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code jgrad eval runs/NAME/model}: a checkpoint's accuracy on its dataset's test set, per class too. */
@Command(name = "eval", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Evaluate a checkpoint on the test set of its dataset.")
final class EvalCommand implements Callable<Integer> {

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "CHECKPOINT", description = "A checkpoint (runs/NAME/model, its .json, or a run folder).")
    Path checkpoint;

    @Option(names = "--dataset", description = "Dataset (default: the one the checkpoint was trained on).")
    String dataset;

    @Option(names = "--data", paramLabel = "DIR", description = "Folder holding the dataset's files.")
    Path data;

    @Option(names = "--json", description = "Print one JSON object.")
    boolean json;

    @Override
    public Integer call() throws IOException {
        Path ckpt = Checkpoints.find(checkpoint);
        CheckpointData cd = Checkpoint.load(ckpt);
        String name = dataset != null ? dataset : cd.extra().get("dataset");
        if (name == null) {
            throw new Main.UsageException("--dataset: the checkpoint does not say which dataset it was trained on");
        }
        Sequential net = Checkpoint.buildModel(cd, DType.FLOAT32);
        Datasets.Loaded d = Datasets.load(name, data);
        int[][] counts = RunReport.confusion(net, d.test(), 500);
        double acc = RunReport.accuracy(counts);
        PrintWriter out = spec.commandLine().getOut();
        Map<String, Object> perClass = new LinkedHashMap<>();
        for (int i = 0; i < counts.length; i++) {
            long total = 0;
            for (int c : counts[i]) {
                total += c;
            }
            perClass.put(d.classNames().get(i), total == 0 ? 0.0 : counts[i][i] / (double) total);
        }
        if (json) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("checkpoint", ckpt.toString());
            r.put("dataset", name);
            r.put("model", cd.spec());
            r.put("test_examples", d.test().size());
            r.put("test_accuracy", acc);
            r.put("class_accuracy", perClass);
            out.println(Json.write(r));
        } else {
            out.printf(Locale.ROOT, "%s on %s test set (%d examples): accuracy %.4f%n", cd.spec(), name,
                    d.test().size(), acc);
            perClass.forEach((k, v) -> out.printf(Locale.ROOT, "  %-12s %.4f%n", k, (Double) v));
        }
        out.flush();
        return 0;
    }
}
