package dev.jgrad.io;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The writing half of {@link Json}; see there for the values it accepts. */
final class JsonWriter {

    private JsonWriter() {
    }

    /** The JSON text of {@code value}; {@code indent < 0} writes it compactly, else one member per line. */
    static String write(Object value, int indent) {
        StringBuilder sb = new StringBuilder();
        write(sb, value, indent, 0, "$");
        return sb.toString();
    }

    private static void write(StringBuilder sb, Object v, int indent, int level, String path) {
        switch (v) {
            case null -> sb.append("null");
            case String s -> string(sb, s);
            case Boolean b -> sb.append(b);
            case Number n -> number(sb, n);
            case Map<?, ?> m -> {
                sb.append('{');
                int i = 0;
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    if (!(e.getKey() instanceof String key)) {
                        throw new IllegalArgumentException("json: key " + e.getKey() + " at " + path
                                + " is not a string");
                    }
                    sb.append(i++ > 0 ? "," : "");
                    newline(sb, indent, level + 1);
                    string(sb, key);
                    sb.append(indent >= 0 ? ": " : ":");
                    write(sb, e.getValue(), indent, level + 1, path + "." + key);
                }
                if (i > 0) {
                    newline(sb, indent, level);
                }
                sb.append('}');
            }
            case Iterable<?> it -> {
                List<Object> items = new ArrayList<>();
                it.forEach(items::add);
                list(sb, items, indent, level, path);
            }
            case double[] a -> list(sb, java.util.Arrays.stream(a).boxed().toList(), indent, level, path);
            case long[] a -> list(sb, java.util.Arrays.stream(a).boxed().toList(), indent, level, path);
            case int[] a -> list(sb, java.util.Arrays.stream(a).boxed().toList(), indent, level, path);
            case float[] a -> {
                List<Object> items = new ArrayList<>(a.length);
                for (float x : a) {
                    items.add(x);
                }
                list(sb, items, indent, level, path);
            }
            case Object[] a -> list(sb, java.util.Arrays.asList(a), indent, level, path);
            default -> throw new IllegalArgumentException("json: cannot write " + v.getClass().getName()
                    + " at " + path + " (use maps, lists, strings, numbers, booleans or null)");
        }
    }

    /** Arrays of numbers stay on one line: metric histories read better that way. */
    private static void list(StringBuilder sb, List<?> items, int indent, int level, String path) {
        boolean flat = items.stream().allMatch(x -> x == null || x instanceof Number || x instanceof Boolean);
        sb.append('[');
        for (int i = 0; i < items.size(); i++) {
            sb.append(i > 0 ? (flat && indent >= 0 ? ", " : ",") : "");
            if (!flat) {
                newline(sb, indent, level + 1);
            }
            write(sb, items.get(i), indent, level + 1, path + "[" + i + "]");
        }
        if (!flat && !items.isEmpty()) {
            newline(sb, indent, level);
        }
        sb.append(']');
    }

    private static void newline(StringBuilder sb, int indent, int level) {
        if (indent >= 0) {
            sb.append('\n').append(" ".repeat(indent * level));
        }
    }

    private static void number(StringBuilder sb, Number n) {
        switch (n) {
            case Long l -> sb.append(l.longValue());
            case Integer i -> sb.append(i.intValue());
            case Short s -> sb.append(s.shortValue());
            case Byte b -> sb.append(b.byteValue());
            case BigInteger b -> sb.append(b);
            case BigDecimal b -> sb.append(b.toString());
            case Float f -> finite(sb, f.doubleValue(), Float.toString(f));
            default -> finite(sb, n.doubleValue(), Double.toString(n.doubleValue()));
        }
    }

    private static void finite(StringBuilder sb, double v, String text) {
        if (Double.isNaN(v)) {
            sb.append("\"NaN\"");
        } else if (Double.isInfinite(v)) {
            sb.append(v > 0 ? "\"Infinity\"" : "\"-Infinity\"");
        } else {
            sb.append(text); // Java's shortest round-trip form, such as 1.0E-5: valid JSON
        }
    }

    /** Appends {@code s} as a JSON string literal. */
    static void string(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                default -> {
                    // A lone surrogate would make the text invalid UTF-8 once encoded, so it is escaped;
                    // a proper pair is kept as it is.
                    boolean pair = Character.isHighSurrogate(c) && i + 1 < s.length()
                            && Character.isLowSurrogate(s.charAt(i + 1));
                    if (pair) {
                        sb.append(c).append(s.charAt(++i));
                    } else if (c < 0x20 || Character.isSurrogate(c)) {
                        sb.append("\\u").append(Json.hex4(c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }
}
