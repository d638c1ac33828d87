package dev.jgrad.data;

import dev.jgrad.DType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class CsvReaderTest {

    @TempDir
    Path dir;

    private Path csv(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    @Test
    void headerlessNumbersReadWithTheLabelInTheLastColumn() throws IOException {
        Path f = csv("data.csv", "1.5,2,0\n-3,4e-1,2\n\n5,+6,1\n");
        Dataset d = CsvReader.create().read(f);
        assertArrayEquals(new int[]{3, 2}, d.x().shape());
        assertEquals(DType.FLOAT32, d.x().dtype());
        assertArrayEquals(new float[]{1.5f, 2, -3, 0.4f, 5, 6}, d.x().toFloatArray());
        assertArrayEquals(new int[]{0, 2, 1}, d.labels());
        assertEquals(3, d.classes());
    }

    @Test
    void aNonNumericFirstRowIsTakenAsHeaderAndTheLabelFoundByName() throws IOException {
        Path f = csv("iris.csv", "sepal,class,petal\n1,0,2\n3,1,4\n");
        Dataset d = CsvReader.create().labelColumn("class").read(f);
        assertArrayEquals(new float[]{1, 2, 3, 4}, d.x().toFloatArray());
        assertArrayEquals(new int[]{0, 1}, d.labels());
    }

    @Test
    void delimiterLabelIndexQuotesAndClassesAreConfigurable() throws IOException {
        Path f = csv("t.tsv", "\"label\"\t\"a b\"\tc\n2\t\" 1.25 \"\t3\n0\t4\t5\n");
        Dataset d = CsvReader.create().delimiter('\t').labelColumn(0).classes(5).read(f);
        assertArrayEquals(new float[]{1.25f, 3, 4, 5}, d.x().toFloatArray());
        assertArrayEquals(new int[]{2, 0}, d.labels());
        assertEquals(5, d.classes());
        Path g = csv("s.csv", "1;2;1\n3;4;0\n");
        assertArrayEquals(new int[]{1, 0}, CsvReader.create().delimiter(';').labelColumn(-1).read(g).labels());
    }

    @Test
    void headerAbsentTreatsTheFirstRowAsDataAndNamesItsBadField() throws IOException {
        Path f = csv("data.csv", "x,y,label\n1,2,0\n");
        DataFileException e = assertThrows(DataFileException.class,
                () -> CsvReader.create().header(CsvReader.Header.ABSENT).read(f));
        assertEquals(f + ": line 1, column 1: 'x' is not a number", e.getMessage());
    }

    @Test
    void aBadNumberNamesFileLineAndColumn() throws IOException {
        Path f = csv("data.csv", "a,b,c,label\n" + "1,2,3,0\n".repeat(5) + "1,2,abc,0\n");
        DataFileException e = assertThrows(DataFileException.class, () -> CsvReader.create().read(f));
        assertEquals(f + ": line 7, column 3: 'abc' is not a number", e.getMessage());
        Path g = csv("g.csv", "1,,0\n");
        assertEquals(g + ": line 1, column 2: empty field is not a number",
                assertThrows(DataFileException.class, () -> CsvReader.create().read(g)).getMessage());
    }

    @Test
    void raggedRowsLabelsAndNamesAreCheckedWithLineNumbers() throws IOException {
        Path f = csv("r.csv", "1,2,0\n3,0\n");
        assertEquals(f + ": line 2: 2 columns, expected 3 as in line 1",
                assertThrows(DataFileException.class, () -> CsvReader.create().read(f)).getMessage());
        Path g = csv("l.csv", "1,2,0\n3,4,2.5\n");
        assertEquals(g + ": line 2, column 3: label '2.5' is not a non-negative integer",
                assertThrows(DataFileException.class, () -> CsvReader.create().read(g)).getMessage());
        Path h = csv("c.csv", "1,2,0\n3,4,7\n");
        assertEquals(h + ": line 2, column 3: label 7 is outside 0..4",
                assertThrows(DataFileException.class, () -> CsvReader.create().classes(5).read(h)).getMessage());
        Path k = csv("n.csv", "a,b\n1,0\n");
        assertEquals(k + ": line 1: no column named 'label' in the header [a, b]",
                assertThrows(DataFileException.class, () -> CsvReader.create().labelColumn("label").read(k)).getMessage());
        Path m = csv("m.csv", "1,0\n");
        assertEquals(m + ": line 1: label column 'y' needs a header row, but this row is all numbers",
                assertThrows(DataFileException.class, () -> CsvReader.create().labelColumn("y").read(m)).getMessage());
    }

    @Test
    void emptyAndHeaderOnlyFilesAreErrors() throws IOException {
        Path f = csv("e.csv", "\n\n");
        assertEquals(f + ": no rows", assertThrows(DataFileException.class, () -> CsvReader.create().read(f)).getMessage());
        Path g = csv("h.csv", "a,b\n");
        assertEquals(g + ": a header but no data rows",
                assertThrows(DataFileException.class, () -> CsvReader.create().read(g)).getMessage());
    }
}
