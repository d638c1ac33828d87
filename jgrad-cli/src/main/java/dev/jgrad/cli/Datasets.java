package dev.jgrad.cli;

import dev.jgrad.data.DataFiles;
import dev.jgrad.data.DataLocator;
import dev.jgrad.data.Dataset;
import dev.jgrad.data.PixelScale;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;

/** The named datasets the command trains on, loaded as float32 images scaled to [0, 1]. */
final class Datasets {

    private Datasets() {
    }

    /** A loaded dataset: splits, class names and the shape of one example (C, H, W). */
    record Loaded(String name, Dataset train, Dataset test, List<String> classNames, int[] exampleShape) {
    }

    static final List<String> NAMES = List.of("fashion-mnist", "mnist", "cifar10");

    static List<String> classNames(String name, int classes) {
        return switch (name) {
            case "fashion-mnist" -> List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt",
                    "Sneaker", "Bag", "Ankle boot");
            case "cifar10" -> List.of("airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship",
                    "truck");
            default -> IntStream.range(0, classes).mapToObj(Integer::toString).toList();
        };
    }

    /** Finds the files ({@code --data}, then $JGRAD_DATA, ~/.jgrad/data, /usr/share/datasets) and reads them. */
    static Loaded load(String name, Path dataDir) throws IOException {
        if (!NAMES.contains(name)) {
            throw new Main.UsageException("--dataset: expected one of " + NAMES + ", got '" + name + "'");
        }
        DataFiles files = DataLocator.system().locate(name, dataDir);
        Dataset train = files.loadTrain(PixelScale.UNIT);
        Dataset test = files.loadTest(PixelScale.UNIT);
        int[] shape = train.x().shape();
        return new Loaded(name, train, test, classNames(name, train.classes()),
                java.util.Arrays.copyOfRange(shape, 1, shape.length));
    }
}
