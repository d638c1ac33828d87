package dev.jgrad.bench;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InterleavedTest {

    /** Stands in for a JMH state class. */
    public static final class State {
        public String model = "none";
        public int batch;
        public double rate;
        public boolean flag;
        public Object other;
    }

    @Test
    void fieldsAreParsedAsTheirType() throws IllegalAccessException {
        State s = new State();
        Interleaved.set(State.class, s, "model=mlp256");
        Interleaved.set(State.class, s, "batch=16");
        Interleaved.set(State.class, s, "rate=0.5");
        Interleaved.set(State.class, s, "flag=true");
        assertEquals("mlp256", s.model);
        assertEquals(16, s.batch);
        assertEquals(0.5, s.rate);
        assertTrue(s.flag);
    }

    @Test
    void badArgumentsAreNamed() {
        State s = new State();
        for (String[] bad : new String[][]{{"batch=x", "'batch=x'", "int"}, {"size=3", "'size=3'", "State"},
                {"batch", "'batch'", "field=value"}, {"other=1", "other", "Object"}}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Interleaved.set(State.class, s, bad[0]));
            assertTrue(e.getMessage().contains(bad[1]) && e.getMessage().contains(bad[2]), e.getMessage());
        }
    }
}
