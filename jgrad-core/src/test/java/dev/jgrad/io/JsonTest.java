package dev.jgrad.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JsonTest {

    @Test
    void parsesEveryKindOfValueInDocumentOrder() throws Exception {
        Object v = Json.parse(" {\"b\": [1, -2.5, 3e2, true, false, null], \"a\": {\"s\": \"x\"}, \"n\": -0} ");
        Map<?, ?> m = (Map<?, ?>) v;
        assertEquals(List.of("b", "a", "n"), List.copyOf(m.keySet()));
        assertEquals(Arrays.asList(1L, -2.5, 300.0, true, false, null), m.get("b"));
        assertEquals(Map.of("s", "x"), m.get("a"));
        assertEquals(0L, m.get("n"));
    }

    @Test
    void integersTooLargeForLongBecomeDoubles() throws Exception {
        assertEquals(Long.MAX_VALUE, Json.parse("9223372036854775807"));
        assertEquals(9.223372036854775808E18, Json.parse("9223372036854775808"));
    }

    @Test
    void decodesEveryEscape() throws Exception {
        assertEquals("\"\\/\b\f\n\r\t\u00e9\ud83d\ude00", Json.parse("\"\\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9\\ud83d\\ude00\""));
    }

    @Test
    void writtenStringsParseBackToTheSameText() throws Exception {
        String nasty = "q\"b\\s/\n\r\t\b\f\u0001\u001f é 😀 \ud800 end";
        StringBuilder sb = new StringBuilder();
        Json.string(sb, nasty);
        assertEquals(nasty, Json.parse(sb.toString()));
        assertTrue(sb.toString().contains("\\u0001") && sb.toString().contains("\\ud800"), sb.toString());
        assertTrue(sb.toString().contains("😀"), "a surrogate pair stays as it is: " + sb);
    }

    @Test
    void writesNumbersArraysAndNonFiniteValues() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("i", 3);
        m.put("l", -4L);
        m.put("d", 0.1);
        m.put("f", 0.1f);
        m.put("tiny", 1e-300);
        m.put("nan", Double.NaN);
        m.put("inf", Double.NEGATIVE_INFINITY);
        m.put("arr", new double[]{1, 2.5});
        m.put("ints", new int[]{1, 2});
        m.put("none", null);
        assertEquals("{\"i\":3,\"l\":-4,\"d\":0.1,\"f\":0.1,\"tiny\":1.0E-300,\"nan\":\"NaN\",\"inf\":\"-Infinity\","
                + "\"arr\":[1.0,2.5],\"ints\":[1,2],\"none\":null}", Json.write(m));
    }

    @Test
    void doublesRoundTripExactly() throws Exception {
        double[] xs = {0.1, 1.0 / 3, Math.PI, Double.MIN_VALUE, Double.MAX_VALUE, -1e-17, 123456789.123456789};
        for (double x : xs) {
            assertEquals(Double.doubleToLongBits(x), Double.doubleToLongBits((Double) Json.parse(Json.write(x))));
        }
    }

    @Test
    void prettyOutputParsesBack() throws Exception {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("a", List.of(1L, 2L));
        m.put("b", Map.of("c", List.of(Map.of("d", "e"))));
        m.put("empty", Map.of());
        String text = Json.writePretty(m);
        assertTrue(text.contains("\n  \"a\": [1, 2]"), text);
        assertEquals(m, Json.parse(text));
    }

    @Test
    void refusesWhatItCannotWrite() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Json.write(Map.of("k", List.of(new Object()))));
        assertTrue(e.getMessage().contains("$.k[0]"), e.getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"a\" 1}                | 5 | expected ':'",
            "{\"a\": 1,}              | 8 | expected a string key",
            "[1, 2                    | 5 | expected ',' or ']'",
            "{\"a\": 1} x             | 9 | after the JSON value",
            "\"abc                    | 0 | unterminated string",
            "01                       | 1 | after the JSON value",
            "1.                       | 2 | digit after '.'",
            "-                        | 1 | expected a digit",
            "tru                      | 0 | expected a value",
            "\"\\x\"                  | 1 | invalid escape",
            "\"\\u12G4\"              | 1 | invalid \\u escape",
            "{\"a\": 1, \"a\": 2}     | 9 | duplicate key",
            "''                       | 0 | end of text",
    })
    void syntaxErrorsGiveThePosition(String text, int position, String message) {
        Json.ParseException e = assertThrows(Json.ParseException.class, () -> Json.parse(text));
        assertEquals(position, e.position(), e.getMessage());
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }

    @Test
    void controlCharactersInStringsAndDeepNestingAreErrors() {
        assertThrows(Json.ParseException.class, () -> Json.parse("\"a\u0001\""));
        Json.ParseException e = assertThrows(Json.ParseException.class, () -> Json.parse("[".repeat(300)));
        assertTrue(e.getMessage().contains("nesting"), e.getMessage());
    }

    @Test
    void nullLiteralParsesToNull() throws Exception {
        assertNull(Json.parse("null"));
    }
}
