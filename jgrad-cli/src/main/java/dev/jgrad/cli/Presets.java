package dev.jgrad.cli;

import dev.jgrad.Shape;

import java.util.List;

/** Model presets, written as specs for the dataset's example shape and class count. */
final class Presets {

    static final List<String> NAMES = List.of("linear", "mlp", "mlp3", "cnn");

    private Presets() {
    }

    /** The spec of a preset, or the argument itself when it is already a spec. */
    static String spec(String model, int[] example, int classes) {
        int d = Shape.numel(example);
        String image = example.length == 3 ? example[0] + "x" + example[1] + "x" + example[2] : Integer.toString(d);
        return switch (model) {
            case "linear" -> d + "-" + classes;
            // The lecture's 2-layer net: s = W2 max(0, W1 x).
            case "mlp" -> d + "-100-" + classes;
            case "mlp3" -> d + "-512-256-" + classes;
            // Two conv layers as in the peer benchmark's cnn128, with dropout before the classifier.
            case "cnn" -> image + ",conv32k5p2,relu,maxpool2,conv64k5p2,relu,maxpool2,fc128,relu,dropout0.5,fc"
                    + classes;
            default -> model;
        };
    }
}
