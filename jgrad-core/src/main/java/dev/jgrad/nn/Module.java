package dev.jgrad.nn;

import dev.jgrad.DType;
import dev.jgrad.Tensor;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A layer or a network: a forward function of tensors, with named parameters and sub-modules.
 *
 * <p>Parameters are leaf tensors that require grad; a subclass registers them with {@link #param} and
 * reads them with {@link #get}, so that {@link #to(DType)} and checkpoint loading can replace them.
 * Backward passes come from the engine: a module only writes its forward in tensor ops.
 */
public abstract class Module {

    private final Map<String, Tensor> params = new LinkedHashMap<>();
    private final Map<String, Module> children = new LinkedHashMap<>();
    private final Map<String, Tensor> buffers = new LinkedHashMap<>();
    private boolean training = true;

    /** The output for a batch of inputs. */
    public abstract Tensor forward(Tensor x);

    /** Registers a parameter under a local name (marks it as requiring grad) and returns it. */
    protected final Tensor param(String name, Tensor value) {
        params.put(name, value.requiresGrad(true));
        return value;
    }

    /**
     * Registers or replaces a buffer: state that is saved with the model but not trained, such as batch
     * norm's running statistics. Returns the value.
     */
    protected final Tensor buffer(String name, Tensor value) {
        buffers.put(name, value.detach());
        return value;
    }

    /** The current value of a registered buffer. */
    protected final Tensor getBuffer(String name) {
        Tensor t = buffers.get(name);
        if (t == null) {
            throw new IllegalStateException(this + ": no buffer named '" + name + "'");
        }
        return t;
    }

    /** Buffers by path, such as {@code 1.runningMean}, in a stable order. */
    public final Map<String, Tensor> namedBuffers() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        collectBuffers("", out);
        return out;
    }

    private void collectBuffers(String prefix, Map<String, Tensor> out) {
        buffers.forEach((k, v) -> out.put(prefix + k, v));
        children.forEach((k, m) -> m.collectBuffers(prefix + k + ".", out));
    }

    /** Replaces a buffer by path (for loading checkpoints); the shape must match. */
    public final void setBuffer(String path, Tensor value) {
        int dot = path.indexOf('.');
        if (dot >= 0) {
            Module m = children.get(path.substring(0, dot));
            if (m == null) {
                throw new IllegalArgumentException(this + ": no sub-module named '" + path.substring(0, dot) + "'");
            }
            m.setBuffer(path.substring(dot + 1), value);
            return;
        }
        Tensor old = buffers.get(path);
        if (old == null) {
            throw new IllegalArgumentException(this + ": no buffer named '" + path + "'");
        }
        if (!java.util.Arrays.equals(old.shape(), value.shape())) {
            throw new dev.jgrad.ShapeException(this + ": buffer '" + path + "' has shape "
                    + dev.jgrad.Shape.format(old.shape()) + ", got " + dev.jgrad.Shape.format(value.shape()));
        }
        buffers.put(path, value.detach().to(old.dtype()));
    }

    /** Registers a sub-module under a local name and returns it. */
    protected final <M extends Module> M child(String name, M module) {
        children.put(name, module);
        return module;
    }

    /** The current value of a registered parameter. */
    protected final Tensor get(String name) {
        Tensor t = params.get(name);
        if (t == null) {
            throw new IllegalStateException(this + ": no parameter named '" + name + "'");
        }
        return t;
    }

    /** Sub-modules in registration order, by local name. */
    public final Map<String, Module> children() {
        return Collections.unmodifiableMap(children);
    }

    /** Every parameter of this module and its sub-modules, in a stable order. */
    public final List<Tensor> parameters() {
        return new ArrayList<>(namedParameters().values());
    }

    /** Parameters by path, such as {@code 0.weight} or {@code 2.bias}, in a stable order. */
    public final Map<String, Tensor> namedParameters() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        collect("", out);
        return out;
    }

    private void collect(String prefix, Map<String, Tensor> out) {
        params.forEach((k, v) -> out.put(prefix + k, v));
        children.forEach((k, m) -> m.collect(prefix + k + ".", out));
    }

    /** Replaces a parameter by path (for loading checkpoints); the shape must match. */
    public final void setParameter(String path, Tensor value) {
        int dot = path.indexOf('.');
        if (dot < 0) {
            Tensor old = params.get(path);
            if (old == null) {
                throw new IllegalArgumentException(this + ": no parameter named '" + path + "'");
            }
            if (!java.util.Arrays.equals(old.shape(), value.shape())) {
                throw new dev.jgrad.ShapeException(this + ": parameter '" + path + "' has shape "
                        + dev.jgrad.Shape.format(old.shape()) + ", got " + dev.jgrad.Shape.format(value.shape()));
            }
            params.put(path, value.detach().requiresGrad(true));
            return;
        }
        Module m = children.get(path.substring(0, dot));
        if (m == null) {
            throw new IllegalArgumentException(this + ": no sub-module named '" + path.substring(0, dot) + "'");
        }
        m.setParameter(path.substring(dot + 1), value);
    }

    /**
     * Copies values into an existing parameter's storage, keeping the tensor (so an optimizer holding it
     * stays attached); the shape must match.
     */
    public final void assign(String path, Tensor values) {
        Tensor p = namedParameters().get(path);
        if (p == null) {
            throw new IllegalArgumentException(this + ": no parameter named '" + path + "'");
        }
        if (!java.util.Arrays.equals(p.shape(), values.shape())) {
            throw new dev.jgrad.ShapeException(this + ": parameter '" + path + "' has shape "
                    + dev.jgrad.Shape.format(p.shape()) + ", got " + dev.jgrad.Shape.format(values.shape()));
        }
        if (!p.isContiguous()) {
            throw new IllegalStateException(this + ": parameter '" + path + "' is not contiguous");
        }
        double[] v = values.toDoubleArray();
        if (p.dtype() == DType.FLOAT64) {
            System.arraycopy(v, 0, p.f64(), p.offset(), v.length);
        } else {
            float[] f = p.f32();
            for (int i = 0; i < v.length; i++) {
                f[p.offset() + i] = (float) v[i];
            }
        }
    }

    /** Training mode (the default): dropout drops, batch norm uses batch statistics. Returns this. */
    public Module train() {
        setTraining(true);
        return this;
    }

    /** Evaluation mode: dropout is the identity, batch norm uses running statistics. Returns this. */
    public Module eval() {
        setTraining(false);
        return this;
    }

    private void setTraining(boolean value) {
        training = value;
        children.values().forEach(m -> m.setTraining(value));
    }

    public final boolean isTraining() {
        return training;
    }

    /** Clears the gradient of every parameter (sets it to null). */
    public final void zeroGrad() {
        zeroGrad(true);
    }

    /** Clears the gradient of every parameter, keeping its storage unless {@code setToNone} (see {@link Tensor#zeroGrad(boolean)}). */
    public final void zeroGrad(boolean setToNone) {
        parameters().forEach(p -> p.zeroGrad(setToNone));
    }

    /** Converts every parameter to {@code dtype} (fresh leaves). Returns this. */
    public Module to(DType dtype) {
        params.replaceAll((k, v) -> v.dtype() == dtype ? v : v.detach().to(dtype).requiresGrad(true));
        buffers.replaceAll((k, v) -> v.to(dtype));
        children.values().forEach(m -> m.to(dtype));
        return this;
    }

    /** The number of scalar parameters. */
    public final long parameterCount() {
        long n = 0;
        for (Tensor p : parameters()) {
            n += p.numel();
        }
        return n;
    }
}
