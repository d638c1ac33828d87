package dev.jgrad.bench;

/**
 * The benchmark tools' {@code -D} settings and numeric arguments, read so that a mistyped value is an error
 * naming it, not a default.
 */
final class Flags {

    private Flags() {
    }

    /**
     * The system property {@code name} (default {@code fallback}): a positive number, a whole one when
     * {@code whole}. Anything else is an IllegalArgumentException naming the tool, the flag and the value.
     */
    static double positive(String tool, String name, String fallback, boolean whole) {
        String v = System.getProperty(name, fallback);
        try {
            double x = Double.parseDouble(v.trim());
            if (x > 0 && (!whole || x == Math.rint(x) && x <= Integer.MAX_VALUE)) {
                return x;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(tool + ": -D" + name + ": expected a positive "
                + (whole ? "whole number" : "number") + ", got '" + v + "'");
    }

    /** A command-line argument {@code what} that must be a positive integer; otherwise an error naming both. */
    static int positiveArg(String tool, String what, String v) {
        try {
            int n = Integer.parseInt(v);
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(tool + ": " + what + " must be a positive integer, got '" + v + "'");
    }
}
