package dev.jgrad.cli;

import dev.jgrad.DType;
import dev.jgrad.Shape;
import dev.jgrad.Tensor;
import dev.jgrad.autograd.GradMode;
import dev.jgrad.data.IdxReader;
import dev.jgrad.data.PixelScale;
import dev.jgrad.io.Checkpoint;
import dev.jgrad.io.CheckpointData;
import dev.jgrad.io.Json;
import dev.jgrad.nn.Sequential;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code jgrad predict CHECKPOINT INPUT}: class probabilities for each example of INPUT, an image file
 * (PNG, JPEG, BMP, GIF; scaled to the model's input), an IDX image file, or a text file with one example
 * per line (numbers separated by commas or spaces, already scaled like the training data).
 */
@Command(name = "predict", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Predict classes for images or rows of numbers with a checkpoint.")
final class PredictCommand implements Callable<Integer> {

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "CHECKPOINT", description = "A checkpoint or run folder.")
    Path checkpoint;

    @Parameters(index = "1", paramLabel = "INPUT", description = "An image, an IDX image file, or a text file of rows.")
    Path input;

    @Option(names = "--limit", defaultValue = "10", description = "Examples to predict from a file of many (default: ${DEFAULT-VALUE}).")
    int limit;

    @Option(names = "--top", defaultValue = "3", description = "Classes to show per example (default: ${DEFAULT-VALUE}).")
    int top;

    @Option(names = "--json", description = "One JSON object per example.")
    boolean json;

    @Override
    public Integer call() throws IOException {
        if (!Files.isRegularFile(input)) {
            throw new Main.UsageException("INPUT: no file '" + input + "'");
        }
        if (limit < 1 || top < 1) {
            throw new Main.UsageException("--limit and --top: expected positive integers");
        }
        Path ckpt = Checkpoints.find(checkpoint);
        CheckpointData cd = Checkpoint.load(ckpt);
        Sequential net = Checkpoint.buildModel(cd, DType.FLOAT32);
        net.eval();
        int[] example = exampleShape(net);
        Tensor x = read(input, example);
        if (x.size(0) > limit) {
            x = x.slice(0, 0, limit);
        }
        Tensor xs = x.reshape(batchShape(x.size(0), example));
        Tensor probs = GradMode.noGrad(() -> net.forward(xs).softmax(1));
        String ds = cd.extra().get("dataset");
        int classes = probs.size(1);
        List<String> names = Datasets.classNames(ds == null ? "" : ds, classes);
        PrintWriter out = spec.commandLine().getOut();
        double[] p = probs.toDoubleArray();
        for (int i = 0; i < probs.size(0); i++) {
            Integer[] order = new Integer[classes];
            for (int c = 0; c < classes; c++) {
                order[c] = c;
            }
            int row = i;
            java.util.Arrays.sort(order, (a, b) -> Double.compare(p[row * classes + b], p[row * classes + a]));
            if (json) {
                Map<String, Object> r = new LinkedHashMap<>();
                r.put("index", i);
                r.put("class", order[0]);
                r.put("label", names.get(order[0]));
                List<Object> topK = new ArrayList<>();
                for (int k = 0; k < Math.min(top, classes); k++) {
                    topK.add(Map.of("class", order[k], "label", names.get(order[k]), "p", p[row * classes + order[k]]));
                }
                r.put("top", topK);
                out.println(Json.write(r));
            } else {
                StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%d: %s", i, names.get(order[0])));
                for (int k = 0; k < Math.min(top, classes); k++) {
                    sb.append(String.format(Locale.ROOT, "%s%s %.3f", k == 0 ? "  (" : ", ", names.get(order[k]),
                            p[row * classes + order[k]]));
                }
                out.println(sb.append(')'));
            }
        }
        out.flush();
        return 0;
    }

    /** The shape of one example the model takes: recorded for layer-list specs, else (in features). */
    private static int[] exampleShape(Sequential net) {
        if (net.inputShape() != null) {
            return net.inputShape();
        }
        return new int[]{net.parameters().get(0).shape()[0]};
    }

    private static int[] batchShape(int n, int[] example) {
        int[] s = new int[example.length + 1];
        s[0] = n;
        System.arraycopy(example, 0, s, 1, example.length);
        return s;
    }

    private Tensor read(Path file, int[] example) throws IOException {
        String lower = file.getFileName().toString().toLowerCase(Locale.ROOT);
        int d = Shape.numel(example);
        if (lower.contains("idx3") || lower.endsWith(".idx") || lower.contains("-images")) {
            Tensor t = IdxReader.readImages(file, PixelScale.UNIT);
            return check(t.reshape(t.size(0), -1), d, file);
        }
        BufferedImage img = javax.imageio.ImageIO.read(file.toFile());
        if (img != null) {
            return fromImage(img, example, file);
        }
        return rows(file, d);
    }

    private static Tensor check(Tensor t, int d, Path file) {
        if (t.size(1) != d) {
            throw new Main.UsageException("INPUT: " + file + " holds examples of " + t.size(1)
                    + " values; the model takes " + d);
        }
        return t;
    }

    /** An image scaled to the model's H x W, gray for one channel, RGB for three, values in [0, 1]. */
    private static Tensor fromImage(BufferedImage img, int[] example, Path file) {
        int c = example.length == 3 ? example[0] : 1;
        int h = example.length == 3 ? example[1] : (int) Math.round(Math.sqrt(example[0]));
        int w = example.length == 3 ? example[2] : h;
        if (c * h * w != Shape.numel(example) || (c != 1 && c != 3)) {
            throw new Main.UsageException("INPUT: " + file + " is an image, but the model takes "
                    + Shape.format(example) + " values, not an image");
        }
        BufferedImage scaled = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = scaled.createGraphics();
        g.setRenderingHint(java.awt.RenderingHints.KEY_INTERPOLATION, java.awt.RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(img, 0, 0, w, h, null);
        g.dispose();
        float[] v = new float[c * h * w];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int rgb = scaled.getRGB(x, y);
                int r = (rgb >> 16) & 255;
                int gr = (rgb >> 8) & 255;
                int b = rgb & 255;
                if (c == 1) {
                    v[y * w + x] = (0.299f * r + 0.587f * gr + 0.114f * b) / 255f;
                } else {
                    v[y * w + x] = r / 255f;
                    v[h * w + y * w + x] = gr / 255f;
                    v[2 * h * w + y * w + x] = b / 255f;
                }
            }
        }
        return Tensor.wrap(v, new int[]{1, c * h * w});
    }

    private static Tensor rows(Path file, int d) throws IOException {
        List<float[]> rows = new ArrayList<>();
        int lineNo = 0;
        for (String line : Files.readAllLines(file)) {
            lineNo++;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.trim().split("[,\\s]+");
            if (parts.length != d) {
                throw new Main.UsageException("INPUT: " + file + ": line " + lineNo + " has " + parts.length
                        + " values; the model takes " + d);
            }
            float[] r = new float[d];
            for (int i = 0; i < d; i++) {
                try {
                    r[i] = Float.parseFloat(parts[i]);
                } catch (NumberFormatException e) {
                    throw new Main.UsageException("INPUT: " + file + ": line " + lineNo + ", value " + (i + 1)
                            + ": '" + parts[i] + "' is not a number");
                }
            }
            rows.add(r);
        }
        if (rows.isEmpty()) {
            throw new Main.UsageException("INPUT: " + file + " has no examples");
        }
        float[] all = new float[rows.size() * d];
        for (int i = 0; i < rows.size(); i++) {
            System.arraycopy(rows.get(i), 0, all, i * d, d);
        }
        return Tensor.wrap(all, new int[]{rows.size(), d});
    }
}
