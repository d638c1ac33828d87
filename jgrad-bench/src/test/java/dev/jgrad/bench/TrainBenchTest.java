package dev.jgrad.bench;

import dev.jgrad.DType;
import dev.jgrad.Tensor;
import dev.jgrad.data.Dataset;
import dev.jgrad.io.Json;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrainBenchTest {

    /** n random 28x28 "images" whose label (0 or 1) is the sign of the left half's shift, so they can be learned. */
    private static Dataset images(int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] x = new double[n * 784];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = rng.nextInt(2);
            for (int j = 0; j < 784; j++) {
                double shift = j % 28 < 14 ? (y[i] == 1 ? 0.1 : -0.1) : 0;
                x[i * 784 + j] = (rng.nextDouble() - 0.5) * 0.2 + shift;
            }
        }
        return new Dataset(Tensor.of(x, n, 1, 28, 28).to(DType.FLOAT32), y, 10);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> run(String... args) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        TrainBench.run(TrainBench.Args.parse(args), images(300, 1), images(100, 2),
                new PrintStream(bytes, true, StandardCharsets.UTF_8));
        List<Map<String, Object>> out = new java.util.ArrayList<>();
        for (String line : bytes.toString(StandardCharsets.UTF_8).split("\n")) {
            out.add((Map<String, Object>) Json.parse(line));
        }
        return out;
    }

    @Test
    void mlpPrintsHeaderEpochsAndSummaryWithThePeerScriptsKeys() throws Exception {
        List<Map<String, Object>> lines = run("mlp100", "2", "--bs", "32", "--seed", "3");
        assertEquals(4, lines.size());
        assertEquals("mlp100", lines.get(0).get("model"));
        assertEquals(300.0, ((Number) lines.get(0).get("train_samples_per_epoch")).doubleValue());
        for (int e = 1; e <= 2; e++) {
            Map<String, Object> ep = lines.get(e);
            assertEquals((double) e, ((Number) ep.get("epoch")).doubleValue());
            for (String key : List.of("train_s", "epoch_s_60k", "ms_per_step", "samples_per_s", "train_loss",
                    "test_acc", "eval_s", "other_cpu_frac")) {
                assertTrue(ep.get(key) instanceof Number, key + " in " + ep);
            }
        }
        Map<String, Object> summary = lines.get(3);
        assertEquals("mlp100", summary.get("summary"));
        // The two classes differ by 0.2 over half of every image: two epochs of SGD separate them.
        assertTrue(((Number) summary.get("final_test_acc")).doubleValue() > 0.9, summary.toString());
        assertTrue(((Number) summary.get("peak_rss_mb")).doubleValue() > 0, summary.toString());
    }

    @Test
    void cnnTrainsOnImagesAndExtrapolatesASubset() throws Exception {
        List<Map<String, Object>> lines = run("cnn128", "1", "--subset", "64", "--bs", "32");
        Map<String, Object> epoch = lines.get(1);
        assertEquals(Boolean.TRUE, epoch.get("extrapolated"));
        double train = ((Number) epoch.get("train_s")).doubleValue();
        double full = ((Number) epoch.get("epoch_s_60k")).doubleValue();
        assertEquals(train * 300 / 64, full, 0.01 + 1e-3 * full);
    }

    @Test
    void badArgumentsAreNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TrainBench.Args.parse(new String[]{"mlp7", "1"}));
        assertTrue(e.getMessage().contains("'mlp7'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> TrainBench.Args.parse(new String[]{"mlp100", "0"}));
        assertTrue(e.getMessage().contains("EPOCHS"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> TrainBench.Args.parse(new String[]{"mlp100", "1", "--bs"}));
        assertTrue(e.getMessage().contains("--bs needs a value"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> TrainBench.Args.parse(new String[]{"mlp100", "1", "--fast", "1"}));
        assertTrue(e.getMessage().contains("'--fast'"), e.getMessage());
    }

    @Test
    void peakFmaChainsComputeTheirClosedForm() {
        // c <- c * 0.999999 + 1e-7 from c0 = 1..12, summed over 12 chains and all lanes: finite and positive.
        float v = PeakFma.chains(1000);
        assertTrue(Float.isFinite(v) && v > 0, "got " + v);
    }
}
