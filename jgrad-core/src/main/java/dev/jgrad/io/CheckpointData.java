package dev.jgrad.io;

import dev.jgrad.DType;
import dev.jgrad.Tensor;
import dev.jgrad.nn.Module;
import dev.jgrad.optim.LrScheduler;
import dev.jgrad.optim.Optimizer;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Everything a training run needs to resume: the model (its spec, parameters and buffers by path), the
 * optimizer (class, settings, state), the LR scheduler's state, the epoch, the caller's RNG state,
 * metrics and free-form extra fields. {@link Checkpoint} saves and loads it.
 *
 * <p>{@link #capture} takes copies of the tensors, so later training does not change a captured value.
 * The maps keep their order and cannot be modified; the {@code double[]} state arrays are shared.
 *
 * @param spec            the model spec ({@code ModelSpec}) or {@code null} for a model that has none
 * @param params          parameter values by path, such as {@code 0.weight}
 * @param buffers         buffer values by path, such as {@code 1.runningMean}
 * @param optimizerClass  the optimizer's class name, such as {@code dev.jgrad.optim.Adam}, or {@code null}
 * @param optimizerConfig the optimizer's {@code toString()} (its settings), or {@code null}
 * @param optimizerState  {@link Optimizer#state()}, empty without an optimizer
 * @param schedulerState  {@link LrScheduler#state()}, empty without a scheduler
 * @param epoch           the number of finished epochs (non-negative)
 * @param rngState        the caller's random generator state or seed, to resume its sequence
 * @param metrics         numbers, strings, booleans and lists or maps of them (JSON values); NaN and
 *                        infinities are saved as the strings {@code "NaN"}, {@code "Infinity"}, {@code "-Infinity"}
 * @param extra           free-form strings
 */
public record CheckpointData(String spec, Map<String, Tensor> params, Map<String, Tensor> buffers,
                             String optimizerClass, String optimizerConfig,
                             Map<String, double[]> optimizerState, Map<String, double[]> schedulerState,
                             int epoch, long rngState, Map<String, Object> metrics, Map<String, String> extra) {

    public CheckpointData {
        params = frozen("params", params);
        buffers = frozen("buffers", buffers);
        optimizerState = frozen("optimizerState", optimizerState);
        schedulerState = frozen("schedulerState", schedulerState);
        metrics = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(metrics,
                "checkpoint: metrics is null")));
        extra = frozen("extra", extra);
        if (epoch < 0) {
            throw new IllegalArgumentException("checkpoint: epoch must be non-negative, got " + epoch);
        }
        for (String key : params.keySet()) {
            if (buffers.containsKey(key)) {
                throw new IllegalArgumentException("checkpoint: '" + key + "' is both a parameter and a buffer");
            }
        }
        Json.write(metrics); // fails now, naming the entry, rather than at save time
    }

    private static <V> Map<String, V> frozen(String what, Map<String, V> m) {
        Objects.requireNonNull(m, () -> "checkpoint: " + what + " is null");
        m.forEach((k, v) -> {
            if (k == null || v == null) {
                throw new IllegalArgumentException("checkpoint: " + what + " has a null key or value (key " + k + ")");
            }
        });
        return Collections.unmodifiableMap(new LinkedHashMap<>(m));
    }

    /**
     * A snapshot of a training run: copies of the model's parameters and buffers, the optimizer's class,
     * settings and state and the scheduler's state (either may be {@code null}).
     */
    public static CheckpointData capture(String spec, Module model, Optimizer optimizer, LrScheduler scheduler,
                                         int epoch, long rngState, Map<String, Object> metrics,
                                         Map<String, String> extra) {
        Objects.requireNonNull(model, "checkpoint: model is null");
        return new CheckpointData(spec, copies(model.namedParameters()), copies(model.namedBuffers()),
                optimizer == null ? null : optimizer.getClass().getName(),
                optimizer == null ? null : optimizer.toString(),
                optimizer == null ? Map.of() : optimizer.state(),
                scheduler == null ? Map.of() : scheduler.state(),
                epoch, rngState, metrics, extra);
    }

    /** The model alone, for evaluation: no optimizer or scheduler, epoch 0, no metrics. */
    public static CheckpointData ofModel(String spec, Module model) {
        return capture(spec, model, null, null, 0, 0, Map.of(), Map.of());
    }

    private static Map<String, Tensor> copies(Map<String, Tensor> tensors) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        tensors.forEach((k, t) -> out.put(k, t.dtype() == DType.FLOAT64
                ? Tensor.wrap(t.toDoubleArray(), t.shape())
                : Tensor.wrap(t.toFloatArray(), t.shape())));
        return out;
    }

    @Override
    public String toString() {
        return "CheckpointData(spec=" + spec + ", " + params.size() + " params, " + buffers.size() + " buffers, "
                + (optimizerConfig != null ? optimizerConfig : "no optimizer") + ", epoch=" + epoch + ")";
    }
}
