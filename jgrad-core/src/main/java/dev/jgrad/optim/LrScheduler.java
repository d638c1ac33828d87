package dev.jgrad.optim;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * optimizer.lr = schedule.lr(baseLr, t): drives an optimizer's learning rate through a schedule, holding t.
 *
 * <p>baseLr is the optimizer's lr when the scheduler is made; construction sets the lr for t = 0, and each
 * {@link #step()} advances t by one and sets the next lr. Call it after {@code optimizer.step()}, once per
 * step or once per epoch, as in PyTorch. {@link #state()} and {@link #loadState} save and restore t and
 * baseLr for checkpoints.
 */
public final class LrScheduler {

    private final Optimizer optimizer;
    private final LrSchedule schedule;
    private double baseLr;
    private long t;

    public LrScheduler(Optimizer optimizer, LrSchedule schedule) {
        this.optimizer = Objects.requireNonNull(optimizer, "LrScheduler: optimizer is null");
        this.schedule = Objects.requireNonNull(schedule, "LrScheduler: schedule is null");
        this.baseLr = optimizer.lr();
        apply();
    }

    /** Advances t by one and sets the optimizer's lr to the schedule's rate there. */
    public void step() {
        t++;
        apply();
    }

    private void apply() {
        optimizer.setLr(schedule.lr(baseLr, t));
    }

    /** The current t: how many times {@link #step()} has run since construction (or the restored value). */
    public long t() {
        return t;
    }

    /** The rate the schedule gives at the current t (what the optimizer's lr was set to). */
    public double lr() {
        return schedule.lr(baseLr, t);
    }

    public double baseLr() {
        return baseLr;
    }

    public LrSchedule schedule() {
        return schedule;
    }

    public Optimizer optimizer() {
        return optimizer;
    }

    /** A snapshot: {@code "step"} = [t] and {@code "baseLr"} = [baseLr]. */
    public Map<String, double[]> state() {
        Map<String, double[]> out = new LinkedHashMap<>();
        out.put("step", new double[]{t});
        out.put("baseLr", new double[]{baseLr});
        return out;
    }

    /** Restores a snapshot from {@link #state()} and sets the optimizer's lr for the restored t. */
    public void loadState(Map<String, double[]> state) {
        for (String key : state.keySet()) {
            if (!key.equals("step") && !key.equals("baseLr")) {
                throw new IllegalArgumentException("LrScheduler: loadState: unknown key '" + key
                        + "' (expected step and baseLr)");
            }
        }
        double step = single(state, "step");
        double base = single(state, "baseLr");
        if (!(step >= 0 && step == Math.rint(step))) {
            throw new IllegalArgumentException("LrScheduler: loadState: 'step' must be a non-negative whole number,"
                    + " got " + step);
        }
        Fmt.atLeast("LrScheduler: loadState", "baseLr", base, 0);
        t = (long) step;
        baseLr = base;
        apply();
    }

    private static double single(Map<String, double[]> state, String key) {
        double[] v = state.get(key);
        if (v == null || v.length != 1) {
            throw new IllegalArgumentException("LrScheduler: loadState: '" + key + "' must hold exactly one value, got "
                    + (v == null ? "none" : v.length + " values"));
        }
        return v[0];
    }

    @Override
    public String toString() {
        return "LrScheduler(" + schedule + ", baseLr=" + Fmt.num(baseLr) + ", t=" + t + ")";
    }
}
