package dev.jgrad.bench;

import java.util.Arrays;
import java.util.Collection;

/** The few statistics the benchmarks report: medians and rounded figures. */
final class Stats {

    private Stats() {
    }

    /** The median (the mean of the middle two for an even count); NaN when there are none. */
    static double median(double[] values) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] s = values.clone();
        Arrays.sort(s);
        int h = s.length / 2;
        return s.length % 2 == 1 ? s[h] : (s[h - 1] + s[h]) / 2;
    }

    /** The median of a collection, in any order (see {@link #median(double[])}). */
    static double median(Collection<Double> values) {
        return median(values.stream().mapToDouble(Double::doubleValue).toArray());
    }

    /** v rounded to the given number of decimal digits, for printing. */
    static double round(double v, int digits) {
        double f = Math.pow(10, digits);
        return Math.round(v * f) / f;
    }
}
