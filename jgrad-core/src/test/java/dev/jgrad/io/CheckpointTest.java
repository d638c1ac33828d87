package dev.jgrad.io;

import dev.jgrad.DType;
import dev.jgrad.ShapeException;
import dev.jgrad.Tensor;
import dev.jgrad.nn.BatchNorm1d;
import dev.jgrad.nn.Linear;
import dev.jgrad.nn.Loss;
import dev.jgrad.nn.ModelSpec;
import dev.jgrad.nn.Module;
import dev.jgrad.nn.ReLU;
import dev.jgrad.nn.Sequential;
import dev.jgrad.optim.Adam;
import dev.jgrad.optim.LrScheduler;
import dev.jgrad.optim.Optimizer;
import dev.jgrad.optim.SGD;
import dev.jgrad.optim.StepLR;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CheckpointTest {

    private static final String SPEC = "4-8-3";
    private static final int N = 12;
    private static final Tensor X = Tensor.randn(new SplittableRandom(3), N, 4);
    private static final int[] Y = {0, 1, 2, 0, 1, 2, 2, 1, 0, 0, 2, 1};

    @TempDir
    Path dir;

    /** A training run: model, optimizer, scheduler, and the state of the generator that picks batches. */
    static final class Run {
        final Sequential model;
        final Optimizer opt;
        final LrScheduler sched;
        long rng = 12345;

        Run(DType dtype, long seed, Function<List<Tensor>, Optimizer> optimizer) {
            model = ModelSpec.parse(SPEC, dtype, new SplittableRandom(seed));
            opt = optimizer.apply(model.parameters());
            sched = new LrScheduler(opt, new StepLR(3, 0.5));
        }

        /** Steps of minibatch training on rows the run's own generator (an LCG) picks. */
        void train(int steps) {
            for (int s = 0; s < steps; s++) {
                int[] rows = new int[4];
                int[] labels = new int[rows.length];
                for (int k = 0; k < rows.length; k++) {
                    rng = rng * 6364136223846793005L + 1442695040888963407L;
                    rows[k] = (int) ((rng >>> 33) % N);
                    labels[k] = Y[rows[k]];
                }
                Tensor x = X.indexSelect(0, rows).to(model.parameters().getFirst().dtype());
                opt.zeroGrad();
                Loss.softmaxCrossEntropy(model.forward(x), labels).backward();
                opt.step();
                sched.step();
            }
        }
    }

    static Stream<Arguments> runs() {
        Function<List<Tensor>, Optimizer> adam = p -> new Adam(p, 0.05);
        Function<List<Tensor>, Optimizer> sgd = p -> new SGD(p, 0.1, 0.9, true, 1e-3);
        return Stream.of(Arguments.of(DType.FLOAT32, "Adam", adam), Arguments.of(DType.FLOAT64, "Adam", adam),
                Arguments.of(DType.FLOAT32, "SGD", sgd), Arguments.of(DType.FLOAT64, "SGD", sgd));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("runs")
    void resumedTrainingIsBitIdenticalToAnUninterruptedRun(DType dtype, String name,
                                                           Function<List<Tensor>, Optimizer> optimizer) throws Exception {
        Run straight = new Run(dtype, 1, optimizer);
        straight.train(10);

        Run first = new Run(dtype, 1, optimizer);
        first.train(4);
        Checkpoint.save(dir.resolve("run"), CheckpointData.capture(SPEC, first.model, first.opt, first.sched, 4,
                first.rng, Map.of("loss", 0.5), Map.of()));
        first.train(3); // the saved checkpoint must not see this

        CheckpointData data = Checkpoint.load(dir.resolve("run"));
        Run resumed = new Run(dtype, 99, optimizer); // other initial values, overwritten by restore
        Checkpoint.restore(resumed.model, resumed.opt, resumed.sched, data);
        resumed.rng = data.rngState();
        assertEquals(4, data.epoch());
        resumed.train(6);

        straight.model.namedParameters().forEach((k, p) -> {
            Tensor q = resumed.model.namedParameters().get(k);
            assertEquals(dtype, q.dtype());
            assertArrayEquals(p.toDoubleArray(), q.toDoubleArray(), k);
        });
        Map<String, double[]> want = straight.opt.state();
        Map<String, double[]> got = resumed.opt.state();
        assertEquals(want.keySet(), got.keySet());
        want.forEach((k, v) -> assertArrayEquals(v, got.get(k), k));
        assertEquals(straight.sched.t(), resumed.sched.t());
        assertEquals(straight.opt.lr(), resumed.opt.lr());
    }

    @Test
    void everyFieldRoundTrips() throws Exception {
        Run run = new Run(DType.FLOAT32, 5, p -> new Adam(p, 0.01));
        run.train(2);
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("loss", List.of(1.25, 0.75));
        metrics.put("accuracy", 0.5);
        metrics.put("steps", 20);
        metrics.put("diverged", Double.NaN);
        metrics.put("nested", Map.of("best", List.of(1L, 2L)));
        Map<String, String> extra = Map.of("dataset", "spiral \"3-class\"\n", "seed", "7");
        CheckpointData saved = CheckpointData.capture(SPEC, run.model, run.opt, run.sched, 7, Long.MIN_VALUE,
                metrics, extra);
        Path json = Checkpoint.save(dir.resolve("sub/dir/epoch-7"), saved);
        assertEquals(dir.resolve("sub/dir/epoch-7.json"), json);

        CheckpointData back = Checkpoint.load(json);
        assertEquals(SPEC, back.spec());
        assertEquals("dev.jgrad.optim.Adam", back.optimizerClass());
        assertEquals(run.opt.toString(), back.optimizerConfig());
        assertEquals(7, back.epoch());
        assertEquals(Long.MIN_VALUE, back.rngState());
        assertEquals(extra, back.extra());
        assertEquals(List.of(1.25, 0.75), back.metrics().get("loss"));
        assertEquals(0.5, back.metrics().get("accuracy"));
        assertEquals(20L, back.metrics().get("steps"));
        assertEquals("NaN", back.metrics().get("diverged"));
        assertEquals(Map.of("best", List.of(1L, 2L)), back.metrics().get("nested"));
        assertEquals(List.copyOf(saved.params().keySet()), List.copyOf(back.params().keySet()));
        saved.params().forEach((k, t) -> SafeTensorsTest.assertSameTensor(t, back.params().get(k), k));
        assertEquals(saved.optimizerState().keySet(), back.optimizerState().keySet());
        saved.optimizerState().forEach((k, v) -> assertArrayEquals(v, back.optimizerState().get(k), k));
        saved.schedulerState().forEach((k, v) -> assertArrayEquals(v, back.schedulerState().get(k), k));

        // The tensor file is an ordinary safetensors file with the model's own names.
        SafeTensors.Contents raw = SafeTensors.read(dir.resolve("sub/dir/epoch-7.safetensors"));
        assertTrue(raw.tensors().containsKey("0.weight") && raw.tensors().containsKey("optimizer/0.expAvg")
                && raw.tensors().containsKey("scheduler/step"), raw.tensors().keySet().toString());
        String text = Files.readString(json);
        assertTrue(text.contains("\"tensors\": \"epoch-7.safetensors\"") && text.contains("\"sha256\": \""), text);
    }

    @Test
    void captureTakesCopies() {
        Run run = new Run(DType.FLOAT64, 5, p -> new SGD(p, 0.1));
        CheckpointData data = CheckpointData.capture(SPEC, run.model, run.opt, null, 0, 0, Map.of(), Map.of());
        double[] before = data.params().get("0.weight").toDoubleArray();
        run.train(1);
        assertArrayEquals(before, data.params().get("0.weight").toDoubleArray());
        assertFalse(Arrays.equals(before, run.model.namedParameters().get("0.weight").toDoubleArray()));
    }

    private static Sequential withBatchNorm(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        return new Sequential(new Linear(4, 8, rng), new BatchNorm1d(8, 1e-5, 0.1, DType.FLOAT64), new ReLU(),
                new Linear(8, 3, rng));
    }

    @Test
    void buffersAreSavedApartFromParametersAndRestored() throws Exception {
        Sequential model = withBatchNorm(1);
        for (int i = 0; i < 3; i++) {
            model.forward(X.to(DType.FLOAT32)); // training mode: running statistics move
        }
        Checkpoint.save(dir, CheckpointData.ofModel(null, model));
        assertTrue(Files.exists(dir.resolve("checkpoint.json")) && Files.exists(dir.resolve("checkpoint.safetensors")));

        CheckpointData data = Checkpoint.load(dir);
        assertNull(data.spec());
        assertNull(data.optimizerClass());
        assertEquals(List.of("1.runningMean", "1.runningVar"), List.copyOf(data.buffers().keySet()));
        assertFalse(data.params().containsKey("1.runningMean"));
        Sequential other = withBatchNorm(2);
        Checkpoint.restore(other, null, data);
        model.namedBuffers().forEach((k, b) -> assertArrayEquals(b.toDoubleArray(),
                other.namedBuffers().get(k).toDoubleArray(), k));
        model.eval();
        other.eval();
        assertArrayEquals(model.forward(X.to(DType.FLOAT32)).toFloatArray(),
                other.forward(X.to(DType.FLOAT32)).toFloatArray());
    }

    @Test
    void loadingIntoAModelOfAnotherDtypeConverts() throws Exception {
        Sequential f64 = ModelSpec.parse(SPEC, DType.FLOAT64, new SplittableRandom(8));
        Checkpoint.save(dir.resolve("m.json"), CheckpointData.ofModel(SPEC, f64));
        Sequential f32 = Checkpoint.buildModel(Checkpoint.load(dir.resolve("m.safetensors")), DType.FLOAT32);
        f64.namedParameters().forEach((k, p) -> {
            Tensor q = f32.namedParameters().get(k);
            assertEquals(DType.FLOAT32, q.dtype());
            assertArrayEquals(p.toFloatArray(), q.toFloatArray(), k);
        });

        Checkpoint.save(dir.resolve("m32"), CheckpointData.ofModel(SPEC, f32));
        Sequential back = ModelSpec.parse(SPEC, DType.FLOAT64, new SplittableRandom(9));
        Checkpoint.restore(back, null, Checkpoint.load(dir.resolve("m32")));
        f32.namedParameters().forEach((k, p) -> assertArrayEquals(p.toDoubleArray(),
                back.namedParameters().get(k).toDoubleArray(), k));
    }

    @Test
    void mismatchedModelsAreNamedAndLeaveTheModelUnchanged() throws Exception {
        CheckpointData small = CheckpointData.ofModel(SPEC, ModelSpec.parse(SPEC, DType.FLOAT32, new SplittableRandom(1)));
        CheckpointData deep = CheckpointData.ofModel("4-8-8-3",
                ModelSpec.parse("4-8-8-3", DType.FLOAT32, new SplittableRandom(1)));

        Sequential target = ModelSpec.parse("4-8-8-3", DType.FLOAT32, new SplittableRandom(2));
        double[] before = target.namedParameters().get("0.weight").toDoubleArray();
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> Checkpoint.restore(target, null, small));
        assertTrue(missing.getMessage().contains("missing from the checkpoint [4.weight, 4.bias]"), missing.getMessage());
        assertArrayEquals(before, target.namedParameters().get("0.weight").toDoubleArray(), "unchanged");

        IllegalArgumentException extra = assertThrows(IllegalArgumentException.class, () -> Checkpoint.restore(
                ModelSpec.parse(SPEC, DType.FLOAT32, new SplittableRandom(2)), null, deep));
        assertTrue(extra.getMessage().contains("not in the model [4.weight, 4.bias]"), extra.getMessage());

        ShapeException shape = assertThrows(ShapeException.class, () -> Checkpoint.restore(
                ModelSpec.parse("4-9-3", DType.FLOAT32, new SplittableRandom(2)), null, small));
        assertTrue(shape.getMessage().startsWith("restore: parameter '0.weight' has shape"), shape.getMessage());
    }

    @Test
    void optimizerMismatchesAreNamed() {
        Run adamRun = new Run(DType.FLOAT32, 1, p -> new Adam(p, 0.01));
        CheckpointData adamData = CheckpointData.capture(SPEC, adamRun.model, adamRun.opt, null, 0, 0, Map.of(), Map.of());
        Sequential model = ModelSpec.parse(SPEC, DType.FLOAT32, new SplittableRandom(1));

        IllegalArgumentException other = assertThrows(IllegalArgumentException.class,
                () -> Checkpoint.restore(model, new SGD(model.parameters(), 0.1), adamData));
        assertTrue(other.getMessage().contains("state of dev.jgrad.optim.Adam"), other.getMessage());

        IllegalArgumentException none = assertThrows(IllegalArgumentException.class, () -> Checkpoint.restore(
                model, new Adam(model.parameters()), CheckpointData.ofModel(SPEC, model)));
        assertTrue(none.getMessage().contains("no optimizer state"), none.getMessage());

        IllegalArgumentException noSched = assertThrows(IllegalArgumentException.class, () -> {
            Adam adam = new Adam(model.parameters());
            Checkpoint.restore(model, adam, new LrScheduler(adam, new StepLR(1, 0.5)), adamData);
        });
        assertTrue(noSched.getMessage().contains("no scheduler state"), noSched.getMessage());

        Adam stale = new Adam(model.parameters());
        model.to(DType.FLOAT64); // replaces the parameter tensors: the optimizer no longer sees the model's
        IllegalArgumentException detached = assertThrows(IllegalArgumentException.class,
                () -> Checkpoint.restore(model, stale, adamData));
        assertTrue(detached.getMessage().contains("is not a parameter of the model"), detached.getMessage());
    }

    @Test
    void tensorFileFromAnotherSaveIsDetectedBySha256() throws Exception {
        Checkpoint.save(dir.resolve("a"), CheckpointData.ofModel(SPEC, ModelSpec.parse(SPEC, DType.FLOAT32, new SplittableRandom(1))));
        Checkpoint.save(dir.resolve("b"), CheckpointData.ofModel(SPEC, ModelSpec.parse(SPEC, DType.FLOAT32, new SplittableRandom(2))));
        Files.copy(dir.resolve("b.safetensors"), dir.resolve("a.safetensors"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        FileFormatException e = assertThrows(FileFormatException.class, () -> Checkpoint.load(dir.resolve("a")));
        assertEquals(dir.resolve("a.json"), e.file());
        assertTrue(e.getMessage().contains("SHA-256") && e.getMessage().contains("a.safetensors")
                && e.getMessage().contains("different saves"), e.getMessage());

        byte[] bytes = Files.readAllBytes(dir.resolve("b.safetensors"));
        Files.write(dir.resolve("b.safetensors"), Arrays.copyOf(bytes, bytes.length - 1));
        FileFormatException size = assertThrows(FileFormatException.class, () -> Checkpoint.load(dir.resolve("b")));
        assertTrue(size.getMessage().contains("bytes, but that file is " + (bytes.length - 1) + " bytes"), size.getMessage());

        Files.delete(dir.resolve("b.safetensors"));
        FileFormatException gone = assertThrows(FileFormatException.class, () -> Checkpoint.load(dir.resolve("b")));
        assertTrue(gone.getMessage().contains("does not exist"), gone.getMessage());
    }

    @Test
    void malformedCheckpointJsonIsReportedWithTheFile() throws Exception {
        Path json = dir.resolve("c.json");
        Files.writeString(json, "{\"format\": \"jgrad-checkpoint\", ");
        FileFormatException bad = assertThrows(FileFormatException.class, () -> Checkpoint.load(json));
        assertTrue(bad.getMessage().startsWith(json + ": checkpoint JSON is malformed at offset 31"), bad.getMessage());

        Files.writeString(json, "{\"format\": \"something-else\"}");
        FileFormatException other = assertThrows(FileFormatException.class, () -> Checkpoint.load(json));
        assertTrue(other.getMessage().contains("is this a jgrad checkpoint?"), other.getMessage());

        Files.writeString(json, "{\"format\": \"jgrad-checkpoint\", \"formatVersion\": 2, \"jgradVersion\": \"9.0\"}");
        FileFormatException newer = assertThrows(FileFormatException.class, () -> Checkpoint.load(json));
        assertTrue(newer.getMessage().contains("format version 2 (written by jgrad 9.0)"), newer.getMessage());

        Files.writeString(json, "{\"format\": \"jgrad-checkpoint\", \"formatVersion\": 1, \"tensors\": \"../x.safetensors\"}");
        FileFormatException escape = assertThrows(FileFormatException.class, () -> Checkpoint.load(json));
        assertTrue(escape.getMessage().contains("expected a file name in the same directory"), escape.getMessage());
    }

    @Test
    void pathsResolveToTheJsonFile() throws Exception {
        assertEquals(dir.resolve("x.json"), Checkpoint.resolve(dir.resolve("x")));
        assertEquals(dir.resolve("x.json"), Checkpoint.resolve(dir.resolve("x.json")));
        assertEquals(dir.resolve("x.json"), Checkpoint.resolve(dir.resolve("x.safetensors")));
        assertEquals(dir.resolve("x.y.json"), Checkpoint.resolve(dir.resolve("x.y")));
        assertEquals(dir.resolve("checkpoint.json"), Checkpoint.resolve(dir));
        assertFalse(Checkpoint.exists(dir));
    }

    @Test
    void modelPathsThatCollideWithStateKeysAreRefused() {
        Module weird = new Sequential(new Linear(2, 2, new SplittableRandom(1)));
        CheckpointData ok = CheckpointData.ofModel(null, weird);
        Map<String, Tensor> params = new LinkedHashMap<>(ok.params());
        params.put("optimizer/lr", Tensor.scalar(1));
        CheckpointData clash = new CheckpointData(null, params, Map.of(), null, null, Map.of(), Map.of(), 0, 0,
                Map.of(), Map.of());
        assertThrows(IllegalArgumentException.class, () -> Checkpoint.save(dir.resolve("clash"), clash));
        assertFalse(Checkpoint.exists(dir.resolve("clash")));
    }
}
