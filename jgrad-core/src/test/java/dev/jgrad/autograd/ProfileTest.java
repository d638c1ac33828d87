package dev.jgrad.autograd;

import dev.jgrad.ShapeException;
import dev.jgrad.Tensor;
import dev.jgrad.data.Dataset;
import dev.jgrad.nn.Linear;
import dev.jgrad.nn.Loss;
import dev.jgrad.optim.SGD;
import dev.jgrad.optim.Solver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProfileTest {

    @AfterEach
    void noProfileLeftRecording() {
        Profile p = Profile.current();
        if (p != null) {
            p.stop();
        }
    }

    /** The calls of the row with this phase, op and inputs; 0 when there is none. */
    private static long calls(Profile p, String phase, String op, String inputs) {
        return p.rows().stream().filter(r -> r.phase().equals(phase) && r.op().equals(op)
                && r.inputs().equals(inputs)).mapToLong(Profile.Row::calls).sum();
    }

    @Test
    void theLectureCircuitIsOneForwardAndOneReverseRulePerGate() {
        Tensor x = Tensor.scalar(-2).requiresGrad(true);
        Tensor y = Tensor.scalar(5).requiresGrad(true);
        Tensor z = Tensor.scalar(-4).requiresGrad(true);
        Profile p = Profile.start();
        x.add(y).mul(z).backward();
        p.stop();
        assertEquals(-4, x.grad().item());
        List<Profile.Row> rows = p.rows();
        assertEquals(5, rows.size(), p.toString());
        assertEquals(1, calls(p, "forward", "add", "[] []"), p.toString());
        assertEquals(1, calls(p, "forward", "mul", "[] []"), p.toString());
        assertEquals(1, calls(p, "backward", "add", "[] []"), p.toString());
        assertEquals(1, calls(p, "backward", "mul", "[] []"), p.toString());
        assertEquals(1, calls(p, "backward", Profile.PASS, ""), p.toString());
        long inEvents = rows.stream().mapToLong(Profile.Row::nanos).sum();
        assertTrue(inEvents > 0 && inEvents <= p.wallNanos(), p.toString());
        for (int i = 1; i < rows.size(); i++) {
            assertTrue(rows.get(i - 1).nanos() >= rows.get(i).nanos(), "most time first: " + rows);
        }
    }

    @Test
    void aValueThatFansOutHasItsGradientsSummedInTheBackwardPhase() {
        Tensor x = Tensor.vector(1, 2, 3).requiresGrad(true);
        Tensor h = x.mul(2);
        try (Profile p = Profile.start()) {
            h.mul(h).sum().backward();
            assertEquals(1, calls(p, "backward", "add (gradients)", "[3] [3]"), p.toString());
            assertEquals(0, calls(p, "forward", "add", "[3] [3]"), p.toString());
            assertEquals(1, calls(p, "forward", "sum", "[3]"), p.toString());
        }
        assertEquals(48, x.grad().sum().item(), 1e-12);  // d/dx (2x)^2 = 8x
    }

    @Test
    void nestedEventsCountOnceInTheOutermost() {
        Tensor a = Tensor.vector(1, 2);
        try (Profile p = Profile.start()) {
            Tensor r = p.time("user", "two ops", () -> a.add(a).mul(a));
            assertEquals(10, r.sum().item(), 1e-12);  // (1 + 1) * 1 + (2 + 2) * 2
            assertEquals(1, calls(p, "user", "two ops", ""), p.toString());
            assertEquals(0, calls(p, "forward", "add", "[2] [2]"), p.toString());
            assertEquals(0, calls(p, "forward", "mul", "[2] [2]"), p.toString());
            assertEquals(1, calls(p, "forward", "sum", "[2]"), p.toString());
        }
    }

    @Test
    void aBackwardPassInsideAnEventIsPartOfIt() {
        Tensor x = Tensor.vector(1, 2).requiresGrad(true);
        try (Profile p = Profile.start()) {
            p.time("user", "step", () -> x.mul(x).sum().backward());
            x.mul(3).sum().backward();
            assertEquals(1, calls(p, "user", "step", ""), p.toString());
            assertEquals(1, calls(p, "backward", Profile.PASS, ""), "only the pass outside the event: " + p);
            assertEquals(1, calls(p, "backward", "mul", "[2] []"), p.toString());
            assertEquals(0, calls(p, "backward", "mul", "[2] [2]"), p.toString());
        }
    }

    @Test
    void aFailingEventLeavesTheProfileCountingTheNext() {
        Tensor a = Tensor.zeros(2, 3);
        try (Profile p = Profile.start()) {
            assertThrows(IllegalStateException.class, () -> p.time("user", "fails", () -> {
                throw new IllegalStateException("boom");
            }));
            assertThrows(ShapeException.class, () -> a.matmul(a));
            a.add(a);
            assertEquals(1, calls(p, "user", "fails", ""), p.toString());
            assertEquals(1, calls(p, "forward", "add", "[2, 3] [2, 3]"), p.toString());
        }
    }

    @Test
    void onlyTheRecordingThreadsOpsUntilTheStopAreCounted() throws Exception {
        Tensor a = Tensor.vector(1, 2);
        Profile p = Profile.start();
        assertSame(p, Profile.current());
        Thread other = new Thread(() -> {
            assertNull(Profile.current());
            a.add(a);
        });
        other.start();
        other.join();
        a.mul(a);
        p.stop();
        assertFalse(p.isRecording());
        a.mul(a);
        p.stop();  // a second stop does nothing
        assertNull(Profile.current());
        assertEquals(1, p.rows().size(), p.toString());
        assertEquals(1, calls(p, "forward", "mul", "[2] [2]"), p.toString());
    }

    @Test
    void misuseIsRefusedSayingWhatToDo() throws Exception {
        Profile p = Profile.start();
        IllegalStateException twice = assertThrows(IllegalStateException.class, Profile::start);
        assertTrue(twice.getMessage().contains("already recording"), twice.getMessage());
        AtomicReference<Throwable> fromOther = new AtomicReference<>();
        Thread other = new Thread(() -> {
            try {
                p.stop();
            } catch (Throwable t) {
                fromOther.set(t);
            }
        }, "not-the-owner");
        other.start();
        other.join();
        assertTrue(fromOther.get() instanceof IllegalStateException, String.valueOf(fromOther.get()));
        assertTrue(fromOther.get().getMessage().contains("'not-the-owner'"), fromOther.get().getMessage());
        assertTrue(p.isRecording());
        IllegalArgumentException rows = assertThrows(IllegalArgumentException.class, () -> p.table(0));
        assertTrue(rows.getMessage().contains("maxRows"), rows.getMessage());
        p.stop();
    }

    @Test
    void theTableListsTheTopRowsThenTheRestThenTheTimeOutside() {
        Tensor a = Tensor.vector(1, 2, 3);
        Profile p = Profile.start();
        a.add(a);
        a.mul(a);
        a.exp();
        a.log();
        p.stop();
        String all = p.table(10);
        String[] lines = all.split("\\R");
        assertTrue(lines[0].startsWith("profile of thread '" + Thread.currentThread().getName() + "': "), all);
        assertTrue(lines[0].endsWith(", 4 events"), all);
        assertTrue(lines[1].matches("phase +op +inputs +calls +total ms +mean us +share"), all);
        assertEquals(2 + 4 + 1, lines.length, all);
        assertTrue(lines[6].matches(" +\\(outside the events\\) +[0-9.]+ +[0-9.]+%"), all);
        String two = p.table(2);
        String[] twoLines = two.split("\\R");
        assertEquals(2 + 2 + 1 + 1, twoLines.length, two);
        assertTrue(twoLines[4].matches(" +\\(2 more rows\\) +2 +[0-9.]+ +[0-9.]+ +[0-9.]+%"), two);
        assertEquals(all, p.toString());
    }

    @Test
    void theOptimizerAndTheSolverMarkTheirWork() {
        SplittableRandom rng = new SplittableRandom(3);
        Linear layer = new Linear(4, 3, rng);
        SGD sgd = new SGD(layer.parameters(), 0.1, 0.9);
        int[] labels = new int[20];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = i % 3;
        }
        Dataset data = new Dataset(Tensor.rand(rng, 20, 4), labels, 3);
        try (Profile p = Profile.start()) {
            Loss.softmaxCrossEntropy(layer.forward(data.x()), labels).backward();
            sgd.step();
            assertEquals(1, calls(p, "optimizer", "SGD.step", ""), p.toString());
            assertEquals(1, calls(p, "forward", "linear", "[20, 4] [4, 3] [3]"), p.toString());
            assertEquals(1, calls(p, "backward", "linear", "[20, 4] [4, 3] [3]"), p.toString());
        }
        try (Profile p = Profile.start()) {
            Solver.builder(layer, data, data).optimizer(sgd).batchSize(10).epochs(1).build().train();
            assertEquals(2, calls(p, "data", "batch", ""), p.toString());
            assertEquals(2, calls(p, "optimizer", "SGD.step", ""), p.toString());
            assertEquals(1, calls(p, "eval", "train accuracy", ""), p.toString());
            assertEquals(1, calls(p, "eval", "validation accuracy", ""), p.toString());
            assertEquals(2, calls(p, "forward", "linear", "[10, 4] [4, 3] [3]"), p.toString());
        }
    }
}
