package dev.jgrad.bench;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StatsTest {

    @Test
    void medianOfAnOddCountIsTheMiddleValueInAnyOrder() {
        assertEquals(3.0, Stats.median(new double[]{5, 1, 3}));
        assertEquals(3.0, Stats.median(List.of(5.0, 3.0, 1.0)));
    }

    @Test
    void medianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
        assertEquals(2.5, Stats.median(new double[]{4, 1, 3, 2}));
        assertEquals(2.5, Stats.median(List.of(1.0, 2.0, 3.0, 4.0)));
    }

    @Test
    void medianOfNothingIsNaNAndTheInputIsLeftAlone() {
        assertTrue(Double.isNaN(Stats.median(new double[0])));
        double[] v = {3, 1, 2};
        Stats.median(v);
        assertEquals(3.0, v[0]);
    }

    @Test
    void roundKeepsTheGivenDecimalDigits() {
        assertEquals(0.124, Stats.round(0.12449, 3));
        assertEquals(1.5, Stats.round(1.46, 1));
        assertEquals(-2.0, Stats.round(-2.004, 2));
    }
}
