package dev.jgrad.io;

import dev.jgrad.DType;
import dev.jgrad.Shape;
import dev.jgrad.ShapeException;
import dev.jgrad.Tensor;
import dev.jgrad.nn.ModelSpec;
import dev.jgrad.nn.Module;
import dev.jgrad.nn.Sequential;
import dev.jgrad.optim.LrScheduler;
import dev.jgrad.optim.Optimizer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;

import static java.nio.file.StandardOpenOption.READ;

/**
 * Saves and loads training checkpoints: {@code <name>.safetensors} (parameters, buffers, optimizer and
 * scheduler state) and {@code <name>.json} (spec, optimizer settings, epoch, RNG state, metrics, extra
 * fields, and the tensor file's name, size and SHA-256).
 *
 * <p>Example, resuming a run:
 * <pre>{@code
 * Checkpoint.save(dir.resolve("epoch-3"), CheckpointData.capture(spec, model, adam, scheduler, 3, seed, metrics, Map.of()));
 * ...
 * CheckpointData data = Checkpoint.load(dir.resolve("epoch-3"));
 * Sequential model = ModelSpec.parse(data.spec(), DType.FLOAT32, new SplittableRandom(0));
 * Adam adam = new Adam(model.parameters(), 1e-3);
 * Checkpoint.restore(model, adam, data);     // values in place, so adam stays attached
 * }</pre>
 *
 * <p>Saving is atomic per file: each file is written to a temporary file in the same directory, forced to
 * disk and renamed over its final name, so a final name never holds a half-written file, and a save that
 * fails while writing (disk full, an exception) leaves the previous checkpoint as it was. Both files are
 * written before either is renamed, the tensor file first; only a crash between the two renames can pair
 * a new tensor file with the old JSON, and loading detects that by the SHA-256 with a clear error.
 */
public final class Checkpoint {

    static final String DEFAULT_NAME = "checkpoint";

    private Checkpoint() {
    }

    /**
     * The JSON file of a checkpoint: {@code x.json} for {@code x}, {@code x.json} or {@code x.safetensors},
     * and {@code dir/checkpoint.json} for an existing directory {@code dir}.
     */
    public static Path resolve(Path dirOrPrefix) {
        Objects.requireNonNull(dirOrPrefix, "checkpoint: path is null");
        String name = dirOrPrefix.getFileName() == null ? "" : dirOrPrefix.getFileName().toString();
        if (name.endsWith(".json")) {
            return dirOrPrefix;
        }
        if (name.endsWith(".safetensors")) {
            return dirOrPrefix.resolveSibling(name.substring(0, name.length() - ".safetensors".length()) + ".json");
        }
        if (name.isEmpty() || Files.isDirectory(dirOrPrefix)) {
            return dirOrPrefix.resolve(DEFAULT_NAME + ".json");
        }
        return dirOrPrefix.resolveSibling(name + ".json");
    }

    /** Whether the checkpoint's JSON file exists (see {@link #resolve}). */
    public static boolean exists(Path dirOrPrefix) {
        return Files.isRegularFile(resolve(dirOrPrefix));
    }

    /** Saves a checkpoint (creating parent directories); returns the path of its JSON file. */
    public static Path save(Path dirOrPrefix, CheckpointData data) throws IOException {
        return save(dirOrPrefix, data, UnaryOperator.identity());
    }

    /** {@link #save(Path, CheckpointData)} with every write going through {@code wrap} (tests inject failures). */
    static Path save(Path dirOrPrefix, CheckpointData data, UnaryOperator<WritableByteChannel> wrap)
            throws IOException {
        Objects.requireNonNull(data, "checkpoint: data is null");
        Path json = resolve(dirOrPrefix);
        String base = json.getFileName().toString();
        Path tensors = json.resolveSibling(base.substring(0, base.length() - ".json".length()) + ".safetensors");
        Map<String, Tensor> all = CheckpointFormat.tensors(data);
        byte[] header = SafeTensors.header(all, CheckpointFormat.metadata(data));
        MessageDigest sha = sha256();
        long[] bytes = {0};
        Path tensorsTmp = AtomicFile.writeTemp(tensors, out -> SafeTensors.writeTo(out, header, all),
                ch -> new DigestChannel(wrap.apply(ch), sha, bytes));
        Path jsonTmp;
        try {
            String doc = CheckpointFormat.json(data, tensors.getFileName().toString(),
                    HexFormat.of().formatHex(sha.digest()), bytes[0]);
            jsonTmp = AtomicFile.writeTemp(json, out -> DigestChannel.writeFully(out,
                    ByteBuffer.wrap(doc.getBytes(StandardCharsets.UTF_8))), wrap);
        } catch (Throwable t) {
            AtomicFile.discard(tensorsTmp, t);
            throw t;
        }
        try {
            AtomicFile.commit(tensorsTmp, tensors);
        } catch (Throwable t) {
            AtomicFile.discard(jsonTmp, t);
            throw t;
        }
        AtomicFile.commit(jsonTmp, json);
        return json;
    }

    /** Loads a checkpoint (see {@link #resolve} for the path), checking that its two files belong together. */
    public static CheckpointData load(Path dirOrPrefix) throws IOException {
        Path json = resolve(dirOrPrefix);
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(Files.readAllBytes(json))).toString();
        } catch (CharacterCodingException e) {
            throw new FileFormatException(json, "checkpoint JSON is not valid UTF-8");
        }
        CheckpointFormat.Doc doc;
        try {
            doc = new CheckpointFormat.Doc(json, Json.parse(text));
        } catch (Json.ParseException e) {
            long offset = text.substring(0, e.position()).getBytes(StandardCharsets.UTF_8).length;
            throw new FileFormatException(json, "checkpoint JSON is malformed at offset " + offset + ": "
                    + e.getMessage());
        }
        String name = doc.field("tensors", String.class, false);
        if (name.isEmpty() || name.contains("/") || name.contains("\\") || name.equals("..") || name.equals(".")) {
            throw new FileFormatException(json, "field 'tensors' is \"" + name
                    + "\", expected a file name in the same directory");
        }
        Path tensors = json.resolveSibling(name);
        checkHash(json, tensors, doc.field("sha256", String.class, false), doc.integer("bytes"));
        return CheckpointFormat.data(doc, tensors, SafeTensors.read(tensors));
    }

    private static void checkHash(Path json, Path tensors, String expected, long expectedBytes) throws IOException {
        if (!Files.isRegularFile(tensors)) {
            throw new FileFormatException(json, "names tensor file " + tensors + ", which does not exist");
        }
        long size = Files.size(tensors);
        if (size != expectedBytes) {
            throw new FileFormatException(json, "names tensor file " + tensors + " of " + expectedBytes
                    + " bytes, but that file is " + size + " bytes (the two files come from different saves,"
                    + " or the tensor file was changed or truncated)");
        }
        MessageDigest sha = sha256();
        try (FileChannel ch = FileChannel.open(tensors, READ)) {
            ByteBuffer buf = ByteBuffer.allocate(1 << 16);
            while (ch.read(buf.clear()) >= 0) {
                sha.update(buf.flip());
            }
        }
        String actual = HexFormat.of().formatHex(sha.digest());
        if (!actual.equalsIgnoreCase(expected)) {
            throw new FileFormatException(json, "names tensor file " + tensors + " with SHA-256 " + expected
                    + ", but that file's SHA-256 is " + actual + " (the two files come from different saves,"
                    + " or the tensor file was changed)");
        }
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing, though every JDK must provide it", e);
        }
    }

    /** Restores the model's parameters and buffers and, when not {@code null}, the optimizer's state. */
    public static void restore(Module model, Optimizer optimizer, CheckpointData data) {
        restore(model, optimizer, null, data);
    }

    /**
     * Restores a training run in place: copies values into the model's existing parameters (so optimizers
     * holding them stay attached; a dtype that differs is converted), replaces its buffers, and loads the
     * optimizer's and the scheduler's state when they are not {@code null}. The names and shapes are
     * checked first, so on a mismatch the model is left unchanged.
     *
     * @throws IllegalArgumentException for missing or unexpected parameters or buffers, a checkpoint
     *                                  without the optimizer or scheduler state asked for, or another optimizer class
     * @throws ShapeException           for a parameter or buffer whose shape differs
     */
    public static void restore(Module model, Optimizer optimizer, LrScheduler scheduler, CheckpointData data) {
        Objects.requireNonNull(model, "restore: model is null");
        Objects.requireNonNull(data, "restore: data is null");
        Map<String, Tensor> params = model.namedParameters();
        Map<String, Tensor> buffers = model.namedBuffers();
        check("parameter", params, data.params(), data);
        check("buffer", buffers, data.buffers(), data);
        if (optimizer != null) {
            checkOptimizer(params, optimizer, data);
        }
        if (scheduler != null && data.schedulerState().isEmpty()) {
            throw new IllegalArgumentException("restore: the checkpoint holds no scheduler state");
        }
        // loadState checks keys and sizes before it changes anything
        if (optimizer != null) {
            optimizer.loadState(data.optimizerState());
        }
        if (scheduler != null) {
            scheduler.loadState(data.schedulerState());
        }
        data.params().forEach(model::assign);
        data.buffers().forEach(model::setBuffer);
    }

    private static void check(String what, Map<String, Tensor> model, Map<String, Tensor> saved, CheckpointData data) {
        List<String> missing = new ArrayList<>();
        for (String k : model.keySet()) {
            if (!saved.containsKey(k)) {
                missing.add(k);
            }
        }
        List<String> unexpected = new ArrayList<>();
        for (String k : saved.keySet()) {
            if (!model.containsKey(k)) {
                unexpected.add(k);
            }
        }
        if (!missing.isEmpty() || !unexpected.isEmpty()) {
            throw new IllegalArgumentException("restore: " + what + "s differ between model and checkpoint (spec "
                    + (data.spec() == null ? "none" : "'" + data.spec() + "'") + "): "
                    + (missing.isEmpty() ? "" : "missing from the checkpoint " + missing)
                    + (!missing.isEmpty() && !unexpected.isEmpty() ? "; " : "")
                    + (unexpected.isEmpty() ? "" : "not in the model " + unexpected));
        }
        for (Map.Entry<String, Tensor> e : model.entrySet()) {
            int[] have = e.getValue().shape();
            int[] got = saved.get(e.getKey()).shape();
            if (!java.util.Arrays.equals(have, got)) {
                throw new ShapeException("restore: " + what + " '" + e.getKey() + "' has shape " + Shape.format(have)
                        + " in the model but " + Shape.format(got) + " in the checkpoint");
            }
        }
    }

    private static void checkOptimizer(Map<String, Tensor> params, Optimizer optimizer, CheckpointData data) {
        if (data.optimizerState().isEmpty()) {
            throw new IllegalArgumentException("restore: the checkpoint holds no optimizer state");
        }
        String cls = optimizer.getClass().getName();
        if (data.optimizerClass() != null && !data.optimizerClass().equals(cls)) {
            throw new IllegalArgumentException("restore: the checkpoint holds the state of " + data.optimizerClass()
                    + " (" + data.optimizerConfig() + "), not of " + cls);
        }
        // An optimizer made before model.to(dtype) holds the replaced tensors and would update nothing.
        Set<Tensor> own = Collections.newSetFromMap(new IdentityHashMap<>());
        own.addAll(params.values());
        for (int i = 0; i < optimizer.params().size(); i++) {
            if (!own.contains(optimizer.params().get(i))) {
                throw new IllegalArgumentException("restore: " + optimizer + " parameter " + i + " "
                        + optimizer.params().get(i).describe() + " is not a parameter of the model"
                        + " (was the optimizer made before model.to(dtype)?)");
            }
        }
    }

    /**
     * Builds the model a checkpoint's spec describes, with parameters of {@code dtype} (converted from the
     * saved ones when they differ), and restores its parameters and buffers: what evaluation needs.
     */
    public static Sequential buildModel(CheckpointData data, DType dtype) {
        if (data.spec() == null) {
            throw new IllegalArgumentException("buildModel: the checkpoint has no model spec; build the model"
                    + " yourself and call restore");
        }
        Sequential model = ModelSpec.parse(data.spec(), dtype, new SplittableRandom(0));
        restore(model, null, null, data);
        return model;
    }
}
