package dev.jgrad.cli;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * The pictures of a training run, each written as SVG and PNG: loss and accuracy curves, the confusion
 * matrix, and the first layer's weights as images (as CS231n shows them).
 */
final class Pictures {

    private static final Color[] PALETTE = {new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c),
            new Color(0xd62728)};
    private static final Color AXIS = new Color(0x444444);
    private static final Color GRID = new Color(0xdddddd);

    private Pictures() {
    }

    /** A named curve. */
    record Series(String name, double[] x, double[] y) {
    }

    /** Draws on both back ends and writes {@code base.svg} and {@code base.png}. */
    static void write(Path dir, String base, int width, int height, Consumer<Canvas> draw) throws IOException {
        Canvas.Svg svg = new Canvas.Svg(width, height);
        draw.accept(svg);
        Files.writeString(dir.resolve(base + ".svg"), svg.document());
        Canvas.Png png = new Canvas.Png(width, height);
        draw.accept(png);
        javax.imageio.ImageIO.write(png.image(), "png", dir.resolve(base + ".png").toFile());
    }

    /** A line chart of several series with axes, ticks and a legend. */
    static Consumer<Canvas> lineChart(String title, String xLabel, String yLabel, List<Series> series,
                                      int width, int height) {
        return c -> {
            double left = 70;
            double right = width - 20;
            double top = 40;
            double bottom = height - 50;
            double xmin = Double.POSITIVE_INFINITY;
            double xmax = Double.NEGATIVE_INFINITY;
            double ymin = Double.POSITIVE_INFINITY;
            double ymax = Double.NEGATIVE_INFINITY;
            for (Series s : series) {
                for (int i = 0; i < s.x().length; i++) {
                    if (Double.isFinite(s.y()[i])) {
                        xmin = Math.min(xmin, s.x()[i]);
                        xmax = Math.max(xmax, s.x()[i]);
                        ymin = Math.min(ymin, s.y()[i]);
                        ymax = Math.max(ymax, s.y()[i]);
                    }
                }
            }
            if (!(xmin <= xmax)) {
                xmin = 0;
                xmax = 1;
                ymin = 0;
                ymax = 1;
            }
            if (xmax == xmin) {
                xmax = xmin + 1;
            }
            if (ymax == ymin) {
                ymax = ymin + 1;
            }
            double pad = (ymax - ymin) * 0.05;
            ymin -= pad;
            ymax += pad;
            c.text(width / 2.0, 24, title, 16, Canvas.Anchor.MIDDLE, Color.BLACK);
            for (int t = 0; t <= 5; t++) {
                double yv = ymin + (ymax - ymin) * t / 5;
                double y = bottom - (bottom - top) * t / 5;
                c.line(left, y, right, y, GRID, 1);
                c.text(left - 6, y + 4, tick(yv), 11, Canvas.Anchor.END, AXIS);
                double xv = xmin + (xmax - xmin) * t / 5;
                double x = left + (right - left) * t / 5;
                c.text(x, bottom + 16, tick(xv), 11, Canvas.Anchor.MIDDLE, AXIS);
            }
            c.line(left, bottom, right, bottom, AXIS, 1.2);
            c.line(left, top, left, bottom, AXIS, 1.2);
            c.text((left + right) / 2, height - 12, xLabel, 12, Canvas.Anchor.MIDDLE, AXIS);
            c.text(14, top - 10, yLabel, 12, Canvas.Anchor.START, AXIS);
            for (int k = 0; k < series.size(); k++) {
                Series s = series.get(k);
                double[] xs = new double[s.x().length];
                double[] ys = new double[s.y().length];
                for (int i = 0; i < xs.length; i++) {
                    xs[i] = left + (right - left) * (s.x()[i] - xmin) / (xmax - xmin);
                    double yv = Double.isFinite(s.y()[i]) ? s.y()[i] : ymax;
                    ys[i] = bottom - (bottom - top) * (yv - ymin) / (ymax - ymin);
                }
                Color color = PALETTE[k % PALETTE.length];
                c.polyline(xs, ys, color, 1.6);
                c.rect(right - 150, top + 8 + 18 * k, 12, 12, color);
                c.text(right - 132, top + 18 + 18 * k, s.name(), 12, Canvas.Anchor.START, Color.BLACK);
            }
        };
    }

    /** The confusion matrix: rows true class, columns predicted class, shaded by row share. */
    static Consumer<Canvas> confusion(int[][] counts, List<String> names, int size) {
        return c -> {
            int k = counts.length;
            double margin = 110;
            double cell = (size - margin - 20) / (double) k;
            c.text(size / 2.0, 22, "Confusion matrix (rows: true, columns: predicted)", 14, Canvas.Anchor.MIDDLE,
                    Color.BLACK);
            for (int i = 0; i < k; i++) {
                long total = 0;
                for (int j = 0; j < k; j++) {
                    total += counts[i][j];
                }
                String name = i < names.size() ? names.get(i) : Integer.toString(i);
                c.text(margin - 6, margin + cell * (i + 0.6), name, 11, Canvas.Anchor.END, AXIS);
                c.text(margin + cell * (i + 0.5), margin - 8, Integer.toString(i), 11, Canvas.Anchor.MIDDLE, AXIS);
                for (int j = 0; j < k; j++) {
                    double share = total == 0 ? 0 : counts[i][j] / (double) total;
                    int shade = (int) Math.round(255 * (1 - share));
                    Color fill = i == j ? new Color(shade, 255, shade) : new Color(255, shade, shade);
                    c.rect(margin + cell * j, margin + cell * i, cell - 1, cell - 1, fill);
                    c.text(margin + cell * (j + 0.5), margin + cell * (i + 0.6), Integer.toString(counts[i][j]),
                            Math.max(8, Math.min(12, cell / 3)), Canvas.Anchor.MIDDLE, Color.BLACK);
                }
            }
        };
    }

    /**
     * Weight images: {@code tiles[u]} is unit u's weights as an h x w grid (one channel) or 3 x h x w (RGB),
     * each tile scaled to its own min..max, laid out in a grid.
     */
    static Consumer<Canvas> weights(double[][] tiles, int channels, int h, int w, int pixel, String title) {
        return c -> {
            int n = tiles.length;
            int cols = (int) Math.ceil(Math.sqrt(n));
            int gap = 2;
            for (int u = 0; u < n; u++) {
                double[] t = tiles[u];
                double lo = Double.POSITIVE_INFINITY;
                double hi = Double.NEGATIVE_INFINITY;
                for (double v : t) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
                double range = hi > lo ? hi - lo : 1;
                double ox = 10 + (u % cols) * (w * pixel + gap);
                double oy = 30 + (u / cols) * (h * pixel + gap);
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) {
                        int[] rgb = new int[3];
                        for (int ch = 0; ch < 3; ch++) {
                            int src = channels == 3 ? ch : 0;
                            rgb[ch] = (int) Math.round(255 * (t[(src * h + y) * w + x] - lo) / range);
                        }
                        c.rect(ox + x * pixel, oy + y * pixel, pixel, pixel, new Color(rgb[0], rgb[1], rgb[2]));
                    }
                }
            }
            c.text(10, 20, title, 13, Canvas.Anchor.START, Color.BLACK);
        };
    }

    /** The canvas size for {@link #weights}. */
    static int[] weightsSize(int n, int h, int w, int pixel) {
        int cols = (int) Math.ceil(Math.sqrt(n));
        int rows = (int) Math.ceil(n / (double) cols);
        return new int[]{20 + cols * (w * pixel + 2), 40 + rows * (h * pixel + 2)};
    }

    private static String tick(double v) {
        double a = Math.abs(v);
        if (a != 0 && (a < 1e-3 || a >= 1e5)) {
            return String.format(Locale.ROOT, "%.1e", v);
        }
        return String.format(Locale.ROOT, a < 1 ? "%.3f" : "%.2f", v);
    }
}
