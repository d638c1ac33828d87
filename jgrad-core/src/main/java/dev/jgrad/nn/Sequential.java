package dev.jgrad.nn;

import dev.jgrad.Tensor;

import java.util.ArrayList;
import java.util.List;

/** Modules applied in order; an error names the failing layer: {@code Sequential[2] Linear(100 -> 10): ...}. */
public final class Sequential extends Module {

    private final List<Module> layers = new ArrayList<>();
    private int[] inputShape;

    public Sequential(Module... layers) {
        for (Module m : layers) {
            add(m);
        }
    }

    public Sequential(List<? extends Module> layers) {
        layers.forEach(this::add);
    }

    /** Appends a layer, named by its index. Returns this. */
    public Sequential add(Module m) {
        child(Integer.toString(layers.size()), m);
        layers.add(m);
        return this;
    }

    /** The shape of one example this network takes (such as [1, 28, 28]), when known; else null. */
    public int[] inputShape() {
        return inputShape == null ? null : inputShape.clone();
    }

    /** Records the shape of one example (used by layer-list specs). Returns this. */
    public Sequential inputShape(int... shape) {
        this.inputShape = shape.clone();
        return this;
    }

    public Module get(int i) {
        return layers.get(i);
    }

    public int size() {
        return layers.size();
    }

    public List<Module> layers() {
        return List.copyOf(layers);
    }

    @Override
    public Tensor forward(Tensor x) {
        Tensor out = x;
        for (int i = 0; i < layers.size(); i++) {
            Module m = layers.get(i);
            // A Linear or Conv2d followed by a ReLU runs as one fused op: the activation is applied to the
            // GEMM's output while it is in cache; a Conv2d, a ReLU and a MaxPool2d run as one op that pools
            // each image's activations in cache.
            boolean fuse = (m instanceof Linear || m instanceof Conv2d) && i + 1 < layers.size()
                    && layers.get(i + 1) instanceof ReLU;
            MaxPool2d pool = fuse && m instanceof Conv2d conv && i + 2 < layers.size()
                    && layers.get(i + 2) instanceof MaxPool2d p && conv.poolFits(out, p) ? p : null;
            try {
                if (!fuse) {
                    out = m.forward(out);
                } else if (m instanceof Linear lin) {
                    out = lin.forward(out, true);
                } else {
                    Conv2d conv = (Conv2d) m;
                    out = pool != null ? conv.forwardReluPool(out, pool) : conv.forward(out, true);
                }
            } catch (dev.jgrad.ShapeException e) {
                // A layer that names itself in its message is not named twice.
                String msg = e.getMessage().startsWith(m + ": ") ? e.getMessage().substring(m.toString().length() + 2)
                        : e.getMessage();
                throw new dev.jgrad.ShapeException("Sequential[" + i + "] " + m + ": " + msg);
            }
            i += (fuse ? 1 : 0) + (pool != null ? 1 : 0);
        }
        return out;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Sequential(");
        for (int i = 0; i < layers.size(); i++) {
            sb.append(i == 0 ? "" : ", ").append(layers.get(i));
        }
        return sb.append(')').toString();
    }
}
