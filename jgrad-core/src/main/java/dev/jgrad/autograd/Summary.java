package dev.jgrad.autograd;

import dev.jgrad.Tensor;

import java.util.Locale;

/**
 * A short account of a tensor's values for the graph export: the count, min, mean, max and the first
 * few values, plus the text a picture shows (the value itself for one element, the values for a few,
 * min/mean/max beyond that).
 *
 * @param numel number of elements
 * @param min   smallest element (NaN when any element is NaN or there are none)
 * @param mean  arithmetic mean (NaN when there are no elements)
 * @param max   largest element (NaN when any element is NaN or there are none)
 * @param head  the first {@link #HEAD} elements in row-major order
 * @param text  what the picture shows
 */
record Summary(int numel, double min, double mean, double max, double[] head, String text) {

    /** Elements listed in {@code head}; up to {@link #SHOWN} of them are also listed in the text. */
    static final int HEAD = 8;
    private static final int SHOWN = 4;

    static Summary of(Tensor t) {
        double[] v = t.toDoubleArray();
        double min = v.length == 0 ? Double.NaN : Double.POSITIVE_INFINITY;
        double max = v.length == 0 ? Double.NaN : Double.NEGATIVE_INFINITY;
        double sum = 0;
        for (double x : v) {
            // Math.min/max propagate NaN, so a NaN anywhere shows in the summary instead of hiding.
            min = Math.min(min, x);
            max = Math.max(max, x);
            sum += x;
        }
        double mean = v.length == 0 ? Double.NaN : sum / v.length;
        double[] head = java.util.Arrays.copyOf(v, Math.min(v.length, HEAD));
        return new Summary(v.length, min, mean, max, head, text(t.rank(), v, min, mean, max));
    }

    private static String text(int rank, double[] v, double min, double mean, double max) {
        if (rank == 0) {
            return number(v[0]);
        }
        if (v.length <= SHOWN) {
            StringBuilder sb = new StringBuilder("[");
            for (int i = 0; i < v.length; i++) {
                sb.append(i == 0 ? "" : ", ").append(number(v[i]));
            }
            return sb.append(']').toString();
        }
        return "min " + number(min) + " mean " + number(mean) + " max " + number(max);
    }

    /**
     * Four decimals with trailing zeros trimmed down to two, as the lecture's slides write numbers
     * ({@code -2.00}, {@code 0.7311}); scientific notation outside [0.001, 1e6).
     */
    static String number(double v) {
        if (Double.isNaN(v)) {
            return "nan";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        double a = Math.abs(v);
        if (a == 0) {
            return "0.00";
        }
        if (a < 1e-3 || a >= 1e6) {
            return String.format(Locale.ROOT, "%.3e", v);
        }
        // By hand rather than String.format("%.4f"): exports of large graphs format millions of numbers.
        long r = Math.round(a * 10_000);
        StringBuilder sb = new StringBuilder(12);
        if (v < 0 && r != 0) {
            sb.append('-');
        }
        sb.append(r / 10_000).append('.');
        int frac = (int) (r % 10_000);
        int digits = 4;
        while (digits > 2 && frac % 10 == 0) {
            frac /= 10;
            digits--;
        }
        String f = Integer.toString(frac);
        sb.repeat('0', digits - f.length()).append(f);
        return sb.toString();
    }

    /** This summary as a JSON object; non-finite numbers become the strings "NaN", "Infinity", "-Infinity". */
    void appendJson(StringBuilder sb) {
        sb.append("{\"text\":");
        Json.string(sb, text);
        sb.append(",\"numel\":").append(numel);
        sb.append(",\"min\":");
        Json.number(sb, min);
        sb.append(",\"mean\":");
        Json.number(sb, mean);
        sb.append(",\"max\":");
        Json.number(sb, max);
        sb.append(",\"head\":[");
        for (int i = 0; i < head.length; i++) {
            if (i > 0) {
                sb.append(',');
            }
            Json.number(sb, head[i]);
        }
        sb.append("]}");
    }
}
