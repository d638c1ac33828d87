package dev.jgrad.io;

import dev.jgrad.DType;
import dev.jgrad.Tensor;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a {@link CheckpointData} maps onto its two files.
 *
 * <p>The safetensors file holds parameters and buffers under their paths, optimizer state under
 * {@code optimizer/<key>} and scheduler state under {@code scheduler/<key>} (float64, 1-d, exact), and
 * lists the buffer paths in its metadata as {@code "jgrad.buffers"} (a JSON array in a string). The
 * JSON document holds the rest, plus the safetensors file's name, size and SHA-256.
 */
final class CheckpointFormat {

    static final String FORMAT = "jgrad-checkpoint";
    static final long VERSION = 1;
    static final String OPTIMIZER_PREFIX = "optimizer/";
    static final String SCHEDULER_PREFIX = "scheduler/";
    static final String BUFFERS_KEY = "jgrad.buffers";

    private CheckpointFormat() {
    }

    /** The tensors of the safetensors file, in the order: parameters, buffers, optimizer, scheduler. */
    static Map<String, Tensor> tensors(CheckpointData data) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (Map<String, Tensor> group : List.of(data.params(), data.buffers())) {
            group.forEach((k, t) -> {
                if (k.startsWith(OPTIMIZER_PREFIX) || k.startsWith(SCHEDULER_PREFIX)) {
                    throw new IllegalArgumentException("checkpoint: model path '" + k + "' starts with '"
                            + OPTIMIZER_PREFIX + "' or '" + SCHEDULER_PREFIX + "', which checkpoints reserve");
                }
                out.put(k, t);
            });
        }
        data.optimizerState().forEach((k, v) -> out.put(OPTIMIZER_PREFIX + k, Tensor.of(v, v.length)));
        data.schedulerState().forEach((k, v) -> out.put(SCHEDULER_PREFIX + k, Tensor.of(v, v.length)));
        return out;
    }

    static Map<String, String> metadata(CheckpointData data) {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("format", FORMAT);
        out.put(BUFFERS_KEY, Json.write(new ArrayList<>(data.buffers().keySet())));
        return out;
    }

    /** The JSON document that names the tensor file and holds everything that is not a tensor. */
    static String json(CheckpointData data, String tensorFile, String sha256, long bytes) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("format", FORMAT);
        doc.put("formatVersion", VERSION);
        doc.put("jgradVersion", dev.jgrad.Version.current());
        doc.put("tensors", tensorFile);
        doc.put("sha256", sha256);
        doc.put("bytes", bytes);
        doc.put("spec", data.spec());
        if (data.optimizerClass() != null || data.optimizerConfig() != null) {
            Map<String, Object> opt = new LinkedHashMap<>();
            opt.put("class", data.optimizerClass());
            opt.put("config", data.optimizerConfig());
            doc.put("optimizer", opt);
        } else {
            doc.put("optimizer", null);
        }
        doc.put("epoch", data.epoch());
        doc.put("rngState", data.rngState());
        doc.put("metrics", data.metrics());
        doc.put("extra", data.extra());
        return Json.writePretty(doc) + "\n";
    }

    /** Reads a parsed JSON document; fields that are wrong throw naming the JSON file. */
    static final class Doc {
        final Path file;
        final Map<String, Object> map;

        Doc(Path file, Object parsed) throws FileFormatException {
            this.file = file;
            if (!(parsed instanceof Map<?, ?> m)) {
                throw new FileFormatException(file, "checkpoint JSON is not an object");
            }
            this.map = new LinkedHashMap<>();
            m.forEach((k, v) -> map.put((String) k, v));
            if (!FORMAT.equals(map.get("format"))) {
                throw new FileFormatException(file, "field 'format' is " + Json.write(map.get("format"))
                        + ", expected \"" + FORMAT + "\" (is this a jgrad checkpoint?)");
            }
            long version = integer("formatVersion");
            if (version != VERSION) {
                throw new FileFormatException(file, "checkpoint format version " + version + " (written by jgrad "
                        + map.get("jgradVersion") + "); this jgrad reads version " + VERSION);
            }
        }

        <T> T field(String name, Class<T> type, boolean nullable) throws FileFormatException {
            Object v = map.get(name);
            if (v == null && nullable && map.containsKey(name)) {
                return null;
            }
            if (!type.isInstance(v)) {
                throw new FileFormatException(file, "field '" + name + "' is " + (map.containsKey(name)
                        ? Json.write(v) : "missing") + ", expected " + type.getSimpleName().toLowerCase(java.util.Locale.ROOT)
                        + (nullable ? " or null" : ""));
            }
            return type.cast(v);
        }

        long integer(String name) throws FileFormatException {
            return field(name, Long.class, false);
        }

        Map<String, Object> object(String name) throws FileFormatException {
            Map<?, ?> m = field(name, Map.class, false);
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, v) -> out.put((String) k, v));
            return out;
        }

        Map<String, String> strings(String name) throws FileFormatException {
            Map<String, String> out = new LinkedHashMap<>();
            for (Map.Entry<String, Object> e : object(name).entrySet()) {
                if (!(e.getValue() instanceof String s)) {
                    throw new FileFormatException(file, "field '" + name + "." + e.getKey() + "' is "
                            + Json.write(e.getValue()) + ", expected a string");
                }
                out.put(e.getKey(), s);
            }
            return out;
        }
    }

    /** Splits the loaded tensors back into the groups of a checkpoint and builds it from them and the JSON. */
    static CheckpointData data(Doc doc, Path tensorFile, SafeTensors.Contents contents) throws FileFormatException {
        List<String> bufferNames = bufferNames(tensorFile, contents.metadata());
        Map<String, Tensor> params = new LinkedHashMap<>();
        Map<String, Tensor> buffers = new LinkedHashMap<>();
        Map<String, double[]> optimizer = new LinkedHashMap<>();
        Map<String, double[]> scheduler = new LinkedHashMap<>();
        for (Map.Entry<String, Tensor> e : contents.tensors().entrySet()) {
            String k = e.getKey();
            Tensor t = e.getValue();
            if (k.startsWith(OPTIMIZER_PREFIX)) {
                optimizer.put(k.substring(OPTIMIZER_PREFIX.length()), state(tensorFile, k, t));
            } else if (k.startsWith(SCHEDULER_PREFIX)) {
                scheduler.put(k.substring(SCHEDULER_PREFIX.length()), state(tensorFile, k, t));
            } else if (bufferNames.contains(k)) {
                buffers.put(k, t);
            } else {
                params.put(k, t);
            }
        }
        for (String b : bufferNames) {
            if (!buffers.containsKey(b)) {
                throw new FileFormatException(tensorFile, "metadata lists buffer '" + b + "', but no tensor has that name");
            }
        }
        long epoch = doc.integer("epoch");
        if (epoch < 0 || epoch > Integer.MAX_VALUE) {
            throw new FileFormatException(doc.file, "field 'epoch' is " + epoch + ", expected an int >= 0");
        }
        Map<?, ?> opt = doc.field("optimizer", Map.class, true);
        String optClass = opt == null ? null : optionalString(doc.file, "optimizer.class", opt.get("class"));
        String optConfig = opt == null ? null : optionalString(doc.file, "optimizer.config", opt.get("config"));
        return new CheckpointData(doc.field("spec", String.class, true), params, buffers, optClass, optConfig,
                optimizer, scheduler, (int) epoch, doc.integer("rngState"), doc.object("metrics"),
                doc.strings("extra"));
    }

    private static List<String> bufferNames(Path tensorFile, Map<String, String> metadata) throws FileFormatException {
        String listed = metadata.get(BUFFERS_KEY);
        if (listed == null) {
            throw new FileFormatException(tensorFile, "metadata has no '" + BUFFERS_KEY
                    + "' entry (not written by jgrad's Checkpoint?)");
        }
        List<String> out = new ArrayList<>();
        try {
            if (Json.parse(listed) instanceof List<?> list) {
                for (Object o : list) {
                    if (!(o instanceof String s)) {
                        throw new FileFormatException(tensorFile, "metadata '" + BUFFERS_KEY + "' holds " + Json.write(o)
                                + ", expected buffer names (strings)");
                    }
                    out.add(s);
                }
                return out;
            }
        } catch (Json.ParseException e) {
            throw new FileFormatException(tensorFile, "metadata '" + BUFFERS_KEY + "' is not valid JSON: " + e.getMessage());
        }
        throw new FileFormatException(tensorFile, "metadata '" + BUFFERS_KEY + "' is " + listed + ", expected a JSON array");
    }

    private static double[] state(Path tensorFile, String key, Tensor t) throws FileFormatException {
        if (t.rank() != 1 || t.dtype() != DType.FLOAT64) {
            throw new FileFormatException(tensorFile, "state tensor '" + key + "' is " + t.describe()
                    + ", expected a 1-d float64 tensor");
        }
        return t.f64();
    }

    private static String optionalString(Path file, String name, Object v) throws FileFormatException {
        if (v != null && !(v instanceof String)) {
            throw new FileFormatException(file, "field '" + name + "' is " + Json.write(v) + ", expected a string or null");
        }
        return (String) v;
    }
}
