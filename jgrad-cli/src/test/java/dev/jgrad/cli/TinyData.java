package dev.jgrad.cli;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.zip.GZIPOutputStream;

/**
 * Writes a tiny learnable dataset in Fashion-MNIST's file layout: 28x28 images whose class (0..9) is the
 * row of a bright horizontal bar, plus noise.
 */
final class TinyData {

    private TinyData() {
    }

    static Path write(Path dir, int train, int test, long seed) throws IOException {
        SplittableRandom rng = new SplittableRandom(seed);
        Files.createDirectories(dir);
        split(dir, "train", train, rng);
        split(dir, "t10k", test, rng);
        return dir;
    }

    private static void split(Path dir, String prefix, int n, SplittableRandom rng) throws IOException {
        byte[] pixels = new byte[n * 784];
        byte[] labels = new byte[n];
        for (int i = 0; i < n; i++) {
            int label = i % 10;
            labels[i] = (byte) label;
            for (int p = 0; p < 784; p++) {
                int row = p / 28;
                int v = rng.nextInt(60) + (row / 2 == label + 2 ? 180 : 0);
                pixels[i * 784 + p] = (byte) Math.min(v, 255);
            }
        }
        gz(dir.resolve(prefix + "-images-idx3-ubyte.gz"), header(0x803, n, 28, 28), pixels);
        gz(dir.resolve(prefix + "-labels-idx1-ubyte.gz"), header(0x801, n), labels);
    }

    static byte[] header(int magic, int... dims) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        DataOutputStream d = new DataOutputStream(b);
        d.writeInt(magic);
        for (int x : dims) {
            d.writeInt(x);
        }
        return b.toByteArray();
    }

    private static void gz(Path file, byte[] header, byte[] body) throws IOException {
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(header);
            out.write(body);
        }
    }
}
