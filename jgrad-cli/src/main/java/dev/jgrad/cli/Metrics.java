package dev.jgrad.cli;

import dev.jgrad.io.Json;
import dev.jgrad.optim.Solver;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The run's metrics file: one JSON object per epoch, with that epoch's minibatch losses. */
final class Metrics {

    private Metrics() {
    }

    static Map<String, Object> of(Solver.EpochStats s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("epoch", s.epoch());
        m.put("loss", s.loss());
        m.put("train_accuracy", s.trainAccuracy());
        m.put("val_accuracy", s.valAccuracy());
        m.put("lr", s.lr());
        m.put("seconds", s.seconds());
        return m;
    }

    static void append(Path file, Solver.EpochStats s, List<Double> losses) throws IOException {
        Map<String, Object> m = of(s);
        m.put("losses", losses);
        Files.writeString(file, Json.write(m) + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }

    /**
     * Reads the epochs up to {@code upTo} back (for a resumed run) and rewrites the file without later ones,
     * which an interrupted run may have written after its last checkpoint.
     */
    static void readInto(Path file, int upTo, List<Double> losses, List<Solver.EpochStats> epochs) throws IOException {
        if (!Files.exists(file)) {
            return;
        }
        List<String> kept = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            if (line.isBlank()) {
                continue;
            }
            Map<?, ?> m;
            try {
                m = (Map<?, ?>) Json.parse(line);
            } catch (Json.ParseException | ClassCastException e) {
                throw new IOException(file + ": a line is not a JSON object: " + line);
            }
            int epoch = ((Number) m.get("epoch")).intValue();
            if (epoch > upTo) {
                continue;
            }
            kept.add(line);
            epochs.add(new Solver.EpochStats(epoch, num(m, "loss"), num(m, "train_accuracy"), num(m, "val_accuracy"),
                    num(m, "lr"), num(m, "seconds")));
            if (m.get("losses") instanceof List<?> l) {
                l.forEach(x -> losses.add(((Number) x).doubleValue()));
            }
        }
        Files.write(file, kept);
    }

    private static double num(Map<?, ?> m, String key) {
        Object v = m.get(key);
        return v instanceof Number n ? n.doubleValue() : Double.NaN;
    }
}
