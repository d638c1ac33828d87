package dev.jgrad.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The files of a named dataset, as found by {@link DataLocator}: for IDX sets (mnist, fashion-mnist)
 * {@code train} and {@code test} are [images, labels]; for cifar10, {@code train} is the five data
 * batches and {@code test} the test batch.
 */
public record DataFiles(String name, Path dir, List<Path> train, List<Path> test) {

    public DataFiles {
        train = List.copyOf(train);
        test = List.copyOf(test);
    }

    /** The training set: x (N, C, H, W) float32 in the given scale, 10 classes. */
    public Dataset loadTrain(PixelScale scale) throws IOException {
        return load(train, scale);
    }

    /** The test set: x (N, C, H, W) float32 in the given scale, 10 classes. */
    public Dataset loadTest(PixelScale scale) throws IOException {
        return load(test, scale);
    }

    private Dataset load(List<Path> files, PixelScale scale) throws IOException {
        return switch (Catalog.get(name).format()) {
            case IDX -> IdxReader.load(files.get(0), files.get(1), 10, scale);
            case CIFAR10 -> Cifar10Reader.read(files, scale);
        };
    }
}
