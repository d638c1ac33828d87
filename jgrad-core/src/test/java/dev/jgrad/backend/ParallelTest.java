package dev.jgrad.backend;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicIntegerArray;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ParallelTest {

    @Test
    void everyChunkRunsExactlyOnce() {
        for (int chunks : new int[]{0, 1, 2, 3, 17}) {
            AtomicIntegerArray runs = new AtomicIntegerArray(Math.max(chunks, 1));
            Parallel.forEach(chunks, runs::incrementAndGet);
            for (int i = 0; i < chunks; i++) {
                assertEquals(1, runs.get(i), "chunk " + i + " of " + chunks);
            }
        }
    }

    @Test
    void nestedCallsRunEveryInnerChunk() {
        AtomicIntegerArray runs = new AtomicIntegerArray(4 * 5);
        Parallel.forEach(4, outer -> Parallel.forEach(5, inner -> runs.incrementAndGet(outer * 5 + inner)));
        for (int i = 0; i < runs.length(); i++) {
            assertEquals(1, runs.get(i), "pair " + i);
        }
    }

    @Test
    void inlineIsTrueInsideEveryChunkAndOutsideOnlyWithOneThread() {
        assertEquals(Parallel.threads() == 1, Parallel.inline(), "outside any chunk, " + Parallel.threads() + " threads");
        AtomicIntegerArray inside = new AtomicIntegerArray(6);
        Parallel.forEach(6, i -> inside.set(i, Parallel.inline() ? 1 : 0));
        for (int i = 0; i < 6; i++) {
            assertEquals(1, inside.get(i), "chunk " + i);
        }
        assertEquals(Parallel.threads() == 1, Parallel.inline(), "after the call");
    }

    @Test
    void aFailingChunkIsRethrownAfterTheOthersFinish() {
        IllegalStateException boom = new IllegalStateException("boom");
        AtomicIntegerArray runs = new AtomicIntegerArray(3);
        for (int failing = 0; failing < 3; failing++) {
            int f = failing;
            RuntimeException e = assertThrows(RuntimeException.class, () -> Parallel.forEach(3, i -> {
                runs.incrementAndGet(i);
                if (i == f) {
                    throw boom;
                }
            }));
            assertSame(boom, e, "the exception as thrown, whichever thread ran the chunk");
        }
        for (int i = 0; i < 3; i++) {
            assertEquals(3, runs.get(i), "chunk " + i);
        }
    }

    @Test
    void sinceLastJobCountsFromTheEndOfTheLastJobTheWorkersShared() throws InterruptedException {
        long ms = 1_000_000;
        Parallel.forEach(2, i -> {
        });
        Thread.sleep(60);
        // One chunk runs on the caller alone: not a job of the pool.
        Parallel.forEach(1, i -> {
        });
        assertTrue(Parallel.sinceLastJob() >= 60 * ms, "after a one-chunk call: " + Parallel.sinceLastJob() + " ns");
        Parallel.forEach(2, i -> {
        });
        long since = Parallel.sinceLastJob();
        if (Parallel.threads() > 1) {
            assertTrue(since < 50 * ms, "right after a pooled job: " + since + " ns");
        } else {
            assertTrue(since > 50 * ms, "one thread never pools a job: " + since + " ns");
        }
    }
}
