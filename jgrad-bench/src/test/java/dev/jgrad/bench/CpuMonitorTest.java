package dev.jgrad.bench;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CpuMonitorTest {

    @Test
    void aSampleIsCleanUpToATenthOfTheMachineUsedByOthers() {
        assertTrue(new CpuMonitor.Sample(1.0, 0.0).clean());
        assertTrue(new CpuMonitor.Sample(1.0, 0.10).clean());
        assertFalse(new CpuMonitor.Sample(1.0, 0.11).clean());
    }

    @Test
    void aMeasurementReportsItsWallTime() throws InterruptedException {
        CpuMonitor mon = CpuMonitor.start();
        Thread.sleep(20);
        CpuMonitor.Sample s = mon.stop();
        assertTrue(s.wallSeconds() >= 0.019, "wall " + s.wallSeconds());
        assertTrue(s.otherFraction() >= 0, "other " + s.otherFraction());  // ticks are 10 ms: no upper bound here
    }
}
