package dev.jgrad.nn;

import dev.jgrad.DType;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Compact model specs for fully-connected nets: {@code SIZES[:ACTIVATION]}, such as {@code 784-100-10}
 * (the lecture's 2-layer net with ReLU) or {@code 2-16-16-1:tanh}. Activations: {@code relu} (the
 * default), {@code tanh}, {@code sigmoid}, {@code gelu}, {@code elu[=alpha]}, {@code leakyrelu[=alpha]},
 * {@code maxout=k} (hidden layers become k-piece maxout units). {@link #describe} gives the spec of a
 * model built by {@link #parse}, so specs round-trip. Specs with commas are layer lists, for
 * convolutional nets: {@code 1x28x28,conv32k5p2,relu,maxpool2,fc10} (see {@link LayerSpec}).
 */
public final class ModelSpec {

    private ModelSpec() {
    }

    /** Builds the Sequential a spec describes, with parameters of {@code dtype} drawn from {@code rng}. */
    public static Sequential parse(String spec, DType dtype, SplittableRandom rng) {
        if (spec.contains(",")) {
            return LayerSpec.parse(spec, dtype, rng);
        }
        String[] parts = spec.trim().split(":", -1);
        if (parts.length > 2) {
            throw bad(spec, "at most one ':' (SIZES:ACTIVATION)");
        }
        String[] tokens = parts[0].split("-", -1);
        if (tokens.length < 2) {
            throw bad(spec, "at least two sizes, such as 784-10");
        }
        int[] sizes = new int[tokens.length];
        for (int i = 0; i < tokens.length; i++) {
            try {
                sizes[i] = Integer.parseInt(tokens[i].trim());
            } catch (NumberFormatException e) {
                throw bad(spec, "sizes as positive integers, got '" + tokens[i] + "'");
            }
            if (sizes[i] <= 0) {
                throw bad(spec, "sizes as positive integers, got " + sizes[i]);
            }
        }
        String act = parts.length == 2 ? parts[1].trim().toLowerCase(Locale.ROOT) : "relu";
        // Validate the activation even when a single layer leaves no place for it.
        if (act.startsWith("maxout")) {
            number(spec, act, "maxout", -1);
        } else {
            activation(spec, act);
        }
        List<Module> layers = new ArrayList<>();
        for (int i = 0; i + 1 < sizes.length; i++) {
            boolean last = i + 2 == sizes.length;
            if (!last && act.startsWith("maxout")) {
                layers.add(new Maxout(sizes[i], sizes[i + 1], (int) number(spec, act, "maxout", -1), dtype, rng));
                continue;
            }
            layers.add(new Linear(sizes[i], sizes[i + 1], true, dtype, Init::lecunUniform, rng));
            if (!last) {
                layers.add(activation(spec, act));
            }
        }
        return new Sequential(layers);
    }

    static Module activation(String spec, String act) {
        String name = act.contains("=") ? act.substring(0, act.indexOf('=')) : act;
        return switch (name) {
            case "relu" -> new ReLU();
            case "tanh" -> new Tanh();
            case "sigmoid" -> new Sigmoid();
            case "gelu" -> new GELU();
            case "elu" -> new ELU(number(spec, act, "elu", 1.0));
            case "leakyrelu" -> new LeakyReLU(number(spec, act, "leakyrelu", 0.01));
            default -> throw bad(spec, "an activation among relu, tanh, sigmoid, gelu, elu[=a], leakyrelu[=a],"
                    + " maxout=k; got '" + act + "'");
        };
    }

    private static double number(String spec, String act, String name, double fallback) {
        if (!act.contains("=")) {
            if (fallback < 0) {
                throw bad(spec, name + "=K with the number of pieces");
            }
            return fallback;
        }
        try {
            return Double.parseDouble(act.substring(act.indexOf('=') + 1));
        } catch (NumberFormatException e) {
            throw bad(spec, "a number after '" + name + "=', got '" + act + "'");
        }
    }

    static IllegalArgumentException bad(String spec, String expected) {
        return new IllegalArgumentException("model spec '" + spec + "': expected " + expected);
    }

    /** The spec of a model built by {@link #parse}: the MLP form when it fits, else the layer-list form. */
    public static String describe(Module model) {
        if (!(model instanceof Sequential seq) || seq.size() == 0) {
            throw new IllegalArgumentException("describe: " + model + " is not a Sequential of spec layers");
        }
        if (seq.inputShape() != null) {
            return LayerSpec.describe(seq);
        }
        StringBuilder sizes = new StringBuilder();
        String act = null;
        for (Module m : seq.layers()) {
            String a;
            if (m instanceof Linear l) {
                if (sizes.isEmpty()) {
                    sizes.append(l.in());
                }
                sizes.append('-').append(l.out());
                continue;
            } else if (m instanceof Maxout mo) {
                if (sizes.isEmpty()) {
                    sizes.append(mo.in());
                }
                sizes.append('-').append(mo.out());
                a = "maxout=" + mo.pieces();
            } else {
                a = activationToken(m);
            }
            if (act != null && !act.equals(a)) {
                throw new IllegalArgumentException("describe: mixed activations " + act + " and " + a);
            }
            act = a;
        }
        return act == null || act.equals("relu") ? sizes.toString() : sizes + ":" + act;
    }

    /** The spec token of an activation layer. */
    static String activationToken(Module m) {
        return switch (m) {
            case ReLU r -> "relu";
            case Tanh t -> "tanh";
            case Sigmoid s -> "sigmoid";
            case GELU g -> "gelu";
            case ELU e -> e.alpha() == 1.0 ? "elu" : "elu=" + e.alpha();
            case LeakyReLU l -> l.alpha() == 0.01 ? "leakyrelu" : "leakyrelu=" + l.alpha();
            default -> throw new IllegalArgumentException("describe: layer " + m + " has no spec form");
        };
    }
}
