package dev.jgrad.data;

import dev.jgrad.Tensor;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the CIFAR-10 binary version ({@code cifar-10-binary.tar.gz} unpacked: {@code data_batch_1.bin}
 * .. {@code data_batch_5.bin} and {@code test_batch.bin}, usually in {@code cifar-10-batches-bin/}).
 *
 * <p>Each file is a sequence of 3073-byte records: one label byte (0 .. 9) and 3072 pixel bytes, the
 * 32x32 red plane, then green, then blue, rows top to bottom. That is already the (C, H, W) layout, so
 * images come back as float32 (N, 3, 32, 32) without reordering. File sizes are checked before reading.
 */
public final class Cifar10Reader {

    public static final int CLASSES = 10;
    public static final int IMAGE_BYTES = 3 * 32 * 32;
    public static final int RECORD_BYTES = 1 + IMAGE_BYTES;
    public static final List<String> TRAIN_FILES = List.of(
            "data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin", "data_batch_4.bin", "data_batch_5.bin");
    public static final String TEST_FILE = "test_batch.bin";
    /** The folder the official archive unpacks to. */
    public static final String ARCHIVE_DIR = "cifar-10-batches-bin";

    private Cifar10Reader() {
    }

    /** The 50000 training images (0 .. 255) from the five data batches in {@code dir}. */
    public static Dataset loadTrain(Path dir) throws IOException {
        return loadTrain(dir, PixelScale.BYTE);
    }

    /** The 50000 training images; {@code dir} holds the batches or a {@code cifar-10-batches-bin/} with them. */
    public static Dataset loadTrain(Path dir, PixelScale scale) throws IOException {
        Path d = batchDir(dir);
        List<Path> files = new ArrayList<>();
        for (String name : TRAIN_FILES) {
            files.add(d.resolve(name));
        }
        return read(files, scale);
    }

    /** The 10000 test images (0 .. 255) from {@code test_batch.bin} in {@code dir}. */
    public static Dataset loadTest(Path dir) throws IOException {
        return loadTest(dir, PixelScale.BYTE);
    }

    /** The 10000 test images; {@code dir} holds the batch or a {@code cifar-10-batches-bin/} with it. */
    public static Dataset loadTest(Path dir, PixelScale scale) throws IOException {
        return read(List.of(batchDir(dir).resolve(TEST_FILE)), scale);
    }

    /** One batch file. */
    public static Dataset read(Path file, PixelScale scale) throws IOException {
        return read(List.of(file), scale);
    }

    /** The records of the files, in order, as one dataset of (N, 3, 32, 32). */
    public static Dataset read(List<Path> files, PixelScale scale) throws IOException {
        long records = 0;
        for (Path f : files) {
            if (!Files.isRegularFile(f)) {
                throw new DataFileException(f, Files.exists(f) ? "not a regular file" : "no such file");
            }
            long size = Files.size(f);
            if (size % RECORD_BYTES != 0) {
                throw new DataFileException(f, "size " + size + " bytes is not a multiple of " + RECORD_BYTES
                        + " (1 label byte + 3072 pixel bytes per record)");
            }
            records += size / RECORD_BYTES;
        }
        if (records * IMAGE_BYTES > Source.MAX_ELEMENTS) {
            throw new IllegalArgumentException("Cifar10Reader: " + records + " records are more than one array holds");
        }
        int n = (int) records;
        float[] x = new float[n * IMAGE_BYTES];
        int[] y = new int[n];
        float[] table = Source.table(scale);
        int i = 0;
        for (Path f : files) {
            i = readInto(f, Files.size(f) / RECORD_BYTES, x, y, i, table);
        }
        return new Dataset(Tensor.wrap(x, new int[]{n, 3, 32, 32}), y, CLASSES);
    }

    private static int readInto(Path f, long count, float[] x, int[] y, int start, float[] table) throws IOException {
        byte[] rec = new byte[RECORD_BYTES];
        int i = start;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(f), 1 << 16)) {
            for (long r = 0; r < count; r++, i++) {
                long offset = r * RECORD_BYTES;
                if (in.readNBytes(rec, 0, RECORD_BYTES) < RECORD_BYTES) {
                    throw new DataFileException(f, "truncated in record " + r + " at byte " + offset
                            + " (the file shrank while being read)");
                }
                int label = rec[0] & 0xff;
                if (label >= CLASSES) {
                    throw new DataFileException(f, "record " + r + " at byte " + offset + ": label " + label
                            + " is outside 0..9");
                }
                y[i] = label;
                int base = i * IMAGE_BYTES;
                for (int k = 0; k < IMAGE_BYTES; k++) {
                    x[base + k] = table[rec[1 + k] & 0xff];
                }
            }
        }
        return i;
    }

    /** {@code dir} itself when it holds batch files, else {@code dir/cifar-10-batches-bin} when that does. */
    static Path batchDir(Path dir) {
        Path inner = dir.resolve(ARCHIVE_DIR);
        boolean here = Files.isRegularFile(dir.resolve(TEST_FILE)) || Files.isRegularFile(dir.resolve(TRAIN_FILES.get(0)));
        return !here && Files.isDirectory(inner) ? inner : dir;
    }
}
