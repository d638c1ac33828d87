package dev.jgrad.cli;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.Locale;

/**
 * Drawing primitives with two back ends, so each picture is drawn once and written as both SVG and PNG:
 * {@link Svg} builds the SVG text, {@link Png} paints a Java2D image (headless).
 */
interface Canvas {

    /** Text anchors. */
    enum Anchor { START, MIDDLE, END }

    void line(double x1, double y1, double x2, double y2, Color color, double width);

    void polyline(double[] xs, double[] ys, Color color, double width);

    void rect(double x, double y, double w, double h, Color fill);

    void text(double x, double y, String s, double size, Anchor anchor, Color color);

    /** SVG output. */
    final class Svg implements Canvas {
        private final StringBuilder sb = new StringBuilder();
        private final int width;
        private final int height;

        Svg(int width, int height) {
            this.width = width;
            this.height = height;
            rect(0, 0, width, height, Color.WHITE);
        }

        private static String rgb(Color c) {
            return String.format(Locale.ROOT, "#%02x%02x%02x", c.getRed(), c.getGreen(), c.getBlue());
        }

        private static String n(double v) {
            return String.format(Locale.ROOT, "%.2f", v);
        }

        @Override
        public void line(double x1, double y1, double x2, double y2, Color color, double w) {
            sb.append("<line x1=\"").append(n(x1)).append("\" y1=\"").append(n(y1)).append("\" x2=\"").append(n(x2))
                    .append("\" y2=\"").append(n(y2)).append("\" stroke=\"").append(rgb(color))
                    .append("\" stroke-width=\"").append(n(w)).append("\"/>\n");
        }

        @Override
        public void polyline(double[] xs, double[] ys, Color color, double w) {
            sb.append("<polyline fill=\"none\" stroke=\"").append(rgb(color)).append("\" stroke-width=\"").append(n(w))
                    .append("\" points=\"");
            for (int i = 0; i < xs.length; i++) {
                sb.append(i == 0 ? "" : " ").append(n(xs[i])).append(',').append(n(ys[i]));
            }
            sb.append("\"/>\n");
        }

        @Override
        public void rect(double x, double y, double w, double h, Color fill) {
            sb.append("<rect x=\"").append(n(x)).append("\" y=\"").append(n(y)).append("\" width=\"").append(n(w))
                    .append("\" height=\"").append(n(h)).append("\" fill=\"").append(rgb(fill)).append("\"/>\n");
        }

        @Override
        public void text(double x, double y, String s, double size, Anchor anchor, Color color) {
            String a = switch (anchor) {
                case START -> "start";
                case MIDDLE -> "middle";
                case END -> "end";
            };
            sb.append("<text x=\"").append(n(x)).append("\" y=\"").append(n(y)).append("\" font-family=\"sans-serif\"")
                    .append(" font-size=\"").append(n(size)).append("\" text-anchor=\"").append(a).append("\" fill=\"")
                    .append(rgb(color)).append("\">").append(escape(s)).append("</text>\n");
        }

        private static String escape(String s) {
            return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
        }

        /** The finished document. */
        String document() {
            return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\""
                    + width + "\" height=\"" + height + "\" viewBox=\"0 0 " + width + " " + height + "\">\n" + sb
                    + "</svg>\n";
        }
    }

    /** PNG output through Java2D (the JVM must run headless, which {@link #Png} ensures). */
    final class Png implements Canvas {
        private final BufferedImage image;
        private final Graphics2D g;

        Png(int width, int height) {
            System.setProperty("java.awt.headless", "true");
            image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
            g = image.createGraphics();
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            rect(0, 0, width, height, Color.WHITE);
        }

        @Override
        public void line(double x1, double y1, double x2, double y2, Color color, double w) {
            g.setColor(color);
            g.setStroke(new BasicStroke((float) w));
            g.draw(new java.awt.geom.Line2D.Double(x1, y1, x2, y2));
        }

        @Override
        public void polyline(double[] xs, double[] ys, Color color, double w) {
            java.awt.geom.Path2D.Double p = new java.awt.geom.Path2D.Double();
            for (int i = 0; i < xs.length; i++) {
                if (i == 0) {
                    p.moveTo(xs[i], ys[i]);
                } else {
                    p.lineTo(xs[i], ys[i]);
                }
            }
            g.setColor(color);
            g.setStroke(new BasicStroke((float) w));
            g.draw(p);
        }

        @Override
        public void rect(double x, double y, double w, double h, Color fill) {
            g.setColor(fill);
            g.fill(new java.awt.geom.Rectangle2D.Double(x, y, w, h));
        }

        @Override
        public void text(double x, double y, String s, double size, Anchor anchor, Color color) {
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, (int) Math.round(size)));
            g.setColor(color);
            double w = g.getFontMetrics().stringWidth(s);
            double dx = switch (anchor) {
                case START -> 0;
                case MIDDLE -> -w / 2;
                case END -> -w;
            };
            g.drawString(s, (float) (x + dx), (float) y);
        }

        /** The finished image. */
        BufferedImage image() {
            g.dispose();
            return image;
        }
    }
}
