package dev.jgrad.bench;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SmallNetBenchTest {

    private static final Pattern MODEL = Pattern.compile(
            "\\{\"model\":\"(\\w+)\",\"threads\":\\d+,\"us_per_step\":[0-9.]+,\"train_acc\":([0-9.]+),"
                    + "\"clean_reps\":\\d+,\"reps\":\\d+}");

    @Test
    void bothNetworksTrainAndAreTimed() {
        List<String> lines = SmallNetBench.run(300, 1);
        assertEquals(3, lines.size(), lines.toString());
        assertTrue(lines.get(0).matches("\\{\"threads\":\\d+,\"steps\":300}"), lines.get(0));
        String[] names = {"spiral100", "tiny"};
        for (int i = 0; i < 2; i++) {
            Matcher m = MODEL.matcher(lines.get(i + 1));
            assertTrue(m.matches(), lines.get(i + 1));
            assertEquals(names[i], m.group(1));
            // 600 steps in all (warm-up and one repetition): far above the 1/3 of guessing on the spiral.
            assertTrue(Double.parseDouble(m.group(2)) > 0.6, lines.get(i + 1));
        }
    }

    @Test
    void aBadCountIsRefusedNamingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SmallNetBench.main(new String[]{"0"}));
        assertTrue(e.getMessage().contains("STEPS") && e.getMessage().contains("'0'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> SmallNetBench.main(new String[]{"10", "x"}));
        assertTrue(e.getMessage().contains("REPS"), e.getMessage());
    }
}
