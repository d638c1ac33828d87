package dev.jgrad.optim;

import java.math.BigDecimal;

/** Numbers in {@code toString} as Python prints them ({@code 0.001}, {@code 1e-08}), so they read like PyTorch's. */
final class Fmt {

    private Fmt() {
    }

    /** The shortest decimal for {@code x}, in scientific notation when its exponent is below -4 or above 15. */
    static String num(double x) {
        if (Double.isNaN(x)) {
            return "nan";
        }
        if (Double.isInfinite(x)) {
            return x > 0 ? "inf" : "-inf";
        }
        if (x == 0) {
            return 1 / x < 0 ? "-0.0" : "0.0";
        }
        String sign = x < 0 ? "-" : "";
        BigDecimal bd = new BigDecimal(Double.toString(Math.abs(x))).stripTrailingZeros();
        String digits = bd.unscaledValue().toString();
        int exponent = digits.length() - 1 - bd.scale();
        if (exponent < -4 || exponent >= 16) {
            String mantissa = digits.length() > 1 ? digits.charAt(0) + "." + digits.substring(1) : digits;
            int e = Math.abs(exponent);
            return sign + mantissa + "e" + (exponent < 0 ? "-" : "+") + (e < 10 ? "0" : "") + e;
        }
        String plain = bd.toPlainString();
        return sign + (plain.indexOf('.') < 0 ? plain + ".0" : plain);
    }

    /** Throws unless {@code value} is finite and at least {@code min}; names the optimizer and the setting. */
    static double atLeast(String owner, String what, double value, double min) {
        if (!(value >= min) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(owner + ": " + what + " must be a finite number >= " + num(min)
                    + ", got " + value);
        }
        return value;
    }

    /** Throws unless {@code 0 <= value < 1}. */
    static double unitInterval(String owner, String what, double value) {
        if (!(value >= 0 && value < 1)) {
            throw new IllegalArgumentException(owner + ": " + what + " must be in [0, 1), got " + value);
        }
        return value;
    }
}
