package dev.jgrad.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MnistJsonReaderTest {

    @TempDir
    Path dir;

    /** Values as the npm package writes them: 0, 1 or three decimals. */
    private static float[] pixels(int images, SplittableRandom rng) {
        float[] v = new float[images * 784];
        for (int i = 0; i < v.length; i++) {
            int k = rng.nextInt(4);
            v[i] = k == 0 ? 0 : k == 1 ? 1 : rng.nextInt(1000) / 1000f;
        }
        return v;
    }

    /** The package's layout: {@code { "data": [0,0.2,...]}} on one line, no trailing newline. */
    private static String json(float[] v) {
        StringBuilder sb = new StringBuilder("{ \"data\": [");
        for (int i = 0; i < v.length; i++) {
            if (i > 0) {
                sb.append(',');
            }
            float x = v[i];
            sb.append(x == 0 ? "0" : x == 1 ? "1" : Float.toString(x));
        }
        return sb.append("]}").toString();
    }

    private float[][] writeDigits(Path d, SplittableRandom rng) throws IOException {
        float[][] all = new float[10][];
        for (int digit = 0; digit < 10; digit++) {
            all[digit] = pixels(digit % 3 + 1, rng);
            Files.writeString(d.resolve(digit + ".json"), json(all[digit]));
        }
        return all;
    }

    @Test
    void tenDigitFilesLoadWithLabelsFromTheirFileNames() throws IOException {
        float[][] all = writeDigits(dir, new SplittableRandom(1));
        Dataset d = MnistJsonReader.load(dir);
        // digit d holds d % 3 + 1 images: 1+2+3+1+2+3+1+2+3+1 = 19
        assertArrayEquals(new int[]{19, 1, 28, 28}, d.x().shape());
        assertArrayEquals(new int[]{0, 1, 1, 2, 2, 2, 3, 4, 4, 5, 5, 5, 6, 7, 7, 8, 8, 8, 9}, d.labels());
        float[] x = d.x().toFloatArray();
        // the second image of digit 2 is example 4
        for (int p = 0; p < 784; p++) {
            assertEquals(all[2][784 + p], x[4 * 784 + p]);
        }
    }

    @Test
    void thePackageRootWithSrcDigitsIsAccepted() throws IOException {
        Path digits = Files.createDirectories(dir.resolve("package/src/digits"));
        writeDigits(digits, new SplittableRandom(2));
        assertEquals(19, MnistJsonReader.load(dir.resolve("package")).size());
    }

    @Test
    void oneFileWithWhitespaceAndExponentsReadsAsThatDigit() throws IOException {
        float[] v = pixels(2, new SplittableRandom(3));
        v[5] = 0.5f;
        String s = json(v).replace(",", " ,\n ").replace("[", "[ ").replaceAll("(?<= )0\\.5(?=[ \\]])", "5e-1");
        assertTrue(s.contains("5e-1"));
        Path f = Files.writeString(dir.resolve("7.json"), "\n" + s + "\n");
        Dataset d = MnistJsonReader.readDigit(f, 7);
        assertArrayEquals(new int[]{7, 7}, d.labels());
        assertArrayEquals(v, d.x().toFloatArray());
    }

    @Test
    void valueAboveOneNamesItsByteOffset() throws IOException {
        Path f = Files.writeString(dir.resolve("3.json"), "{ \"data\": [0,1.5,0]}");
        DataFileException e = assertThrows(DataFileException.class, () -> MnistJsonReader.readDigit(f, 3));
        assertEquals(f + ": byte 13: pixel value 1.5 is outside [0, 1]", e.getMessage());
    }

    @Test
    void countNotAMultipleOf784IsAnError() throws IOException {
        Path f = Files.writeString(dir.resolve("3.json"), "{ \"data\": [0,1,0]}");
        DataFileException e = assertThrows(DataFileException.class, () -> MnistJsonReader.readDigit(f, 3));
        assertEquals(f + ": holds 3 numbers, not a multiple of 784 (28x28 per image)", e.getMessage());
    }

    @Test
    void malformedJsonNamesTheByteAndWhatWasExpected() throws IOException {
        Path a = Files.writeString(dir.resolve("a.json"), "{ \"data\": [0,abc]}");
        assertEquals(a + ": byte 13: expected a number but found 'a'",
                assertThrows(DataFileException.class, () -> MnistJsonReader.readDigit(a, 0)).getMessage());
        Path b = Files.writeString(dir.resolve("b.json"), "{ \"data\": [0,1 0]}");
        assertEquals(b + ": byte 15: expected ',' but found '0'",
                assertThrows(DataFileException.class, () -> MnistJsonReader.readDigit(b, 0)).getMessage());
        Path c = Files.writeString(dir.resolve("c.json"), "{ \"pixels\": []}");
        assertEquals(c + ": byte 2: expected the key \"data\" but found \"pixels\"",
                assertThrows(DataFileException.class, () -> MnistJsonReader.readDigit(c, 0)).getMessage());
        Path d = Files.writeString(dir.resolve("d.json"), "{ \"data\": [0,01]");
        assertEquals(d + ": byte 13: expected a number but found '01'",
                assertThrows(DataFileException.class, () -> MnistJsonReader.readDigit(d, 0)).getMessage());
        Path e = Files.writeString(dir.resolve("e.json"), "{ \"data\": [0,1");
        assertEquals(e + ": byte 14: expected ',' but found the end of the file",
                assertThrows(DataFileException.class, () -> MnistJsonReader.readDigit(e, 0)).getMessage());
    }

    @Test
    void aMissingDigitFileIsNamed() throws IOException {
        writeDigits(dir, new SplittableRandom(4));
        Files.delete(dir.resolve("6.json"));
        DataFileException e = assertThrows(DataFileException.class, () -> MnistJsonReader.load(dir));
        assertTrue(e.getMessage().equals(dir.resolve("6.json") + ": no such file"), e.getMessage());
    }
}
