package dev.jgrad.data;

import dev.jgrad.Tensor;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads a table of numeric features with one integer label column into a dataset of float32 (N, D).
 * Immutable: each setting returns a new reader.
 * <pre>{@code
 * Dataset d = CsvReader.create().labelColumn("class").read(Path.of("data.csv"));
 * Dataset t = CsvReader.create().delimiter('\t').header(CsvReader.Header.ABSENT).labelColumn(0).read(p);
 * }</pre>
 *
 * <p>Defaults: comma, the label in the last column, header detected (the first row is a header when a
 * field of it is neither empty nor a number), classes = largest label + 1. Fields may be quoted ({@code "a,b"},
 * {@code ""} for a quote) and are trimmed; blank lines are skipped. Labels are integers 0, 1, 2 ...
 * (class names are not mapped). Errors name the file, the line and the column (both from 1):
 * {@code data.csv: line 7, column 3: 'abc' is not a number}.
 */
public final class CsvReader {

    /** Whether the first row names the columns. */
    public enum Header { AUTO, PRESENT, ABSENT }

    private final char delimiter;
    private final int labelIndex;
    private final String labelName;
    private final Header header;
    private final int classes;

    private CsvReader(char delimiter, int labelIndex, String labelName, Header header, int classes) {
        this.delimiter = delimiter;
        this.labelIndex = labelIndex;
        this.labelName = labelName;
        this.header = header;
        this.classes = classes;
    }

    /** Comma-separated, label in the last column, header detected, classes from the data. */
    public static CsvReader create() {
        return new CsvReader(',', -1, null, Header.AUTO, 0);
    }

    public CsvReader delimiter(char d) {
        if (d == '"' || d == '\n' || d == '\r') {
            throw new IllegalArgumentException("CsvReader: delimiter cannot be " + (d == '"' ? "'\"'" : "a line break"));
        }
        return new CsvReader(d, labelIndex, labelName, header, classes);
    }

    /** The label column by position from 0; negative counts from the end (-1 is the last column). */
    public CsvReader labelColumn(int index) {
        return new CsvReader(delimiter, index, null, header, classes);
    }

    /** The label column by its name in the header row (which must then exist). */
    public CsvReader labelColumn(String name) {
        return new CsvReader(delimiter, 0, name, header, classes);
    }

    public CsvReader header(Header h) {
        return new CsvReader(delimiter, labelIndex, labelName, h, classes);
    }

    /** The number of classes; labels must lie in 0 .. k - 1. Without it, k is the largest label + 1. */
    public CsvReader classes(int k) {
        if (k < 1) {
            throw new IllegalArgumentException("CsvReader: classes must be positive, got " + k);
        }
        return new CsvReader(delimiter, labelIndex, labelName, header, k);
    }

    /** The rows as a dataset: x float32 (rows, columns - 1) without the label column. */
    public Dataset read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new DataFileException(file, Files.exists(file) ? "not a regular file" : "no such file");
        }
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(file, r);
        }
    }

    private Dataset read(Path file, BufferedReader r) throws IOException {
        Rows rows = null;
        int firstLine = 0;
        String line;
        for (int lineNo = 1; (line = r.readLine()) != null; lineNo++) {
            if (line.isBlank()) {
                continue;
            }
            List<String> fields = split(file, line, lineNo);
            if (rows == null) {
                firstLine = lineNo;
                if (fields.size() < 2) {
                    throw new DataFileException(file, "line " + lineNo + ": 1 column; need at least one feature "
                            + "and the label (is the delimiter '" + delimiter + "'?)");
                }
                boolean isHeader = switch (header) {
                    case PRESENT -> true;
                    case ABSENT -> false;
                    case AUTO -> fields.stream().anyMatch(f -> !f.isEmpty() && !isNumber(f));
                };
                rows = new Rows(fields.size(), labelColumn(file, lineNo, isHeader ? fields : null, fields.size()));
                if (isHeader) {
                    continue;
                }
            } else if (fields.size() != rows.columns) {
                throw new DataFileException(file, "line " + lineNo + ": " + fields.size() + " columns, expected "
                        + rows.columns + " as in line " + firstLine);
            }
            addRow(file, lineNo, fields, rows);
        }
        if (rows == null || rows.n == 0) {
            throw new DataFileException(file, rows == null ? "no rows" : "a header but no data rows");
        }
        int d = rows.columns - 1;
        return new Dataset(Tensor.wrap(Arrays.copyOf(rows.x, rows.n * d), new int[]{rows.n, d}),
                Arrays.copyOf(rows.y, rows.n), classes > 0 ? classes : rows.maxLabel + 1);
    }

    /** The rows read so far: growing arrays. */
    private static final class Rows {
        final int columns;
        final int label;
        float[] x = new float[1024];
        int[] y = new int[64];
        int n;
        int maxLabel = -1;

        Rows(int columns, int label) {
            this.columns = columns;
            this.label = label;
        }
    }

    private void addRow(Path file, int lineNo, List<String> fields, Rows rows) throws DataFileException {
        int d = rows.columns - 1;
        long need = (long) (rows.n + 1) * d;
        if (need > Source.MAX_ELEMENTS) {
            throw new DataFileException(file, "line " + lineNo + ": more values than one array holds");
        }
        if (need > rows.x.length) {
            rows.x = Arrays.copyOf(rows.x, (int) Math.min(Source.MAX_ELEMENTS, Math.max(2L * rows.x.length, need)));
        }
        if (rows.n == rows.y.length) {
            rows.y = Arrays.copyOf(rows.y, rows.y.length * 2);
        }
        int k = rows.n * d;
        for (int col = 0; col < rows.columns; col++) {
            String f = fields.get(col);
            if (col == rows.label) {
                int y = parseLabel(file, lineNo, col, f);
                if (classes > 0 && y >= classes) {
                    throw new DataFileException(file, at(lineNo, col) + "label " + y + " is outside 0.." + (classes - 1));
                }
                rows.y[rows.n] = y;
                rows.maxLabel = Math.max(rows.maxLabel, y);
                continue;
            }
            if (!isNumber(f)) {
                throw new DataFileException(file, at(lineNo, col) + (f.isEmpty() ? "empty field" : "'" + f + "'") + " is not a number");
            }
            float v = (float) Double.parseDouble(f);
            if (Float.isInfinite(v)) {
                throw new DataFileException(file, at(lineNo, col) + "'" + f + "' is outside the float32 range");
            }
            rows.x[k++] = v;
        }
        rows.n++;
    }

    private int labelColumn(Path file, int lineNo, List<String> names, int columns) throws DataFileException {
        if (labelName != null) {
            if (names == null) {
                throw new DataFileException(file, "line " + lineNo + ": label column '" + labelName
                        + "' needs a header row, but this row is all numbers");
            }
            int i = names.indexOf(labelName);
            if (i < 0) {
                throw new DataFileException(file, "line " + lineNo + ": no column named '" + labelName
                        + "' in the header " + names);
            }
            return i;
        }
        int i = labelIndex < 0 ? columns + labelIndex : labelIndex;
        if (i < 0 || i >= columns) {
            throw new DataFileException(file, "line " + lineNo + ": label column " + labelIndex + " is outside the "
                    + columns + " columns");
        }
        return i;
    }

    private static int parseLabel(Path file, int lineNo, int col, String f) throws DataFileException {
        double v = isNumber(f) ? Double.parseDouble(f) : Double.NaN;
        if (!(v >= 0 && v <= Integer.MAX_VALUE - 8 && v == Math.rint(v))) {
            throw new DataFileException(file, at(lineNo, col) + "label '" + f + "' is not a non-negative integer");
        }
        return (int) v;
    }

    private static String at(int lineNo, int col) {
        return "line " + lineNo + ", column " + (col + 1) + ": ";
    }

    /** Splits one line, honouring double quotes; fields are trimmed (inside quotes too). */
    private List<String> split(Path file, String line, int lineNo) throws DataFileException {
        List<String> out = new ArrayList<>();
        StringBuilder sb = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (quoted) {
                if (ch == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    sb.append('"');
                    i++;
                } else if (ch == '"') {
                    quoted = false;
                } else {
                    sb.append(ch);
                }
            } else if (ch == '"' && sb.toString().isBlank() && !wasQuoted) {
                quoted = true;
                wasQuoted = true;
                sb.setLength(0);
            } else if (ch == delimiter) {
                out.add(sb.toString().strip());
                sb.setLength(0);
                wasQuoted = false;
            } else {
                sb.append(ch);
            }
        }
        if (quoted) {
            throw new DataFileException(file, "line " + lineNo + ", column " + (out.size() + 1)
                    + ": quote not closed (fields cannot span lines)");
        }
        out.add(sb.toString().strip());
        return out;
    }

    /** A decimal number: [+-] digits [. digits] [e [+-] digits]; no NaN, Infinity or hex. */
    static boolean isNumber(String s) {
        int i = 0;
        int n = s.length();
        if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            i++;
        }
        int digits = 0;
        while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
            i++;
            digits++;
        }
        if (i < n && s.charAt(i) == '.') {
            i++;
            while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                i++;
                digits++;
            }
        }
        if (digits == 0) {
            return false;
        }
        if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            i++;
            if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
                i++;
            }
            int e = i;
            while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                i++;
            }
            if (i == e) {
                return false;
            }
        }
        return i == n;
    }

    @Override
    public String toString() {
        return "CsvReader(delimiter='" + delimiter + "', label=" + (labelName != null ? "'" + labelName + "'" : labelIndex)
                + ", header=" + header + (classes > 0 ? ", classes=" + classes : "") + ")";
    }
}
