package dev.jgrad.cli;

import dev.jgrad.Tensor;
import dev.jgrad.optim.Adagrad;
import dev.jgrad.optim.Adam;
import dev.jgrad.optim.AdamW;
import dev.jgrad.optim.CosineAnnealingLR;
import dev.jgrad.optim.ExponentialLR;
import dev.jgrad.optim.LinearWarmup;
import dev.jgrad.optim.LrSchedule;
import dev.jgrad.optim.Optimizer;
import dev.jgrad.optim.RMSProp;
import dev.jgrad.optim.SGD;
import dev.jgrad.optim.StepLR;

import java.util.List;

/** Optimizers and learning-rate schedules from command-line settings. */
final class Optimizers {

    static final List<String> NAMES = List.of("sgd", "adam", "adamw", "rmsprop", "adagrad");

    private Optimizers() {
    }

    /** The default learning rate of each optimizer. */
    static double defaultLr(String name) {
        return switch (name) {
            case "sgd" -> 0.05;
            case "adagrad" -> 0.01;
            default -> 1e-3;
        };
    }

    static Optimizer create(String name, List<Tensor> params, double lr, double momentum, boolean nesterov,
                            double weightDecay) {
        return switch (name) {
            case "sgd" -> new SGD(params, lr, momentum, nesterov, weightDecay);
            case "adam" -> new Adam(params, lr, 0.9, 0.999, 1e-8, weightDecay);
            case "adamw" -> new AdamW(params, lr, 0.9, 0.999, 1e-8, weightDecay);
            case "rmsprop" -> new RMSProp(params, lr, 0.99, 1e-8, weightDecay);
            case "adagrad" -> new Adagrad(params, lr, 1e-10, weightDecay);
            default -> throw new Main.UsageException("--optimizer: expected one of " + NAMES + ", got '" + name + "'");
        };
    }

    /**
     * A per-epoch schedule: {@code none}, {@code step:S:G} (times G every S epochs), {@code exp:G},
     * {@code cosine[:MIN]} (to MIN over the run), {@code warmup:N[:then]} (linear ramp over N epochs first).
     */
    static LrSchedule schedule(String text, int epochs) {
        String[] p = text.split(":", 2);
        try {
            return switch (p[0]) {
                case "none" -> LrSchedule.constant();
                case "step" -> {
                    String[] a = arg(text, p).split(":");
                    yield new StepLR(Long.parseLong(a[0]), Double.parseDouble(a[1]));
                }
                case "exp" -> new ExponentialLR(Double.parseDouble(arg(text, p)));
                case "cosine" -> new CosineAnnealingLR(Math.max(epochs, 1), p.length > 1 ? Double.parseDouble(p[1]) : 0);
                case "warmup" -> {
                    String[] a = arg(text, p).split(":", 2);
                    yield new LinearWarmup(Long.parseLong(a[0]), a.length > 1 ? schedule(a[1], epochs)
                            : LrSchedule.constant());
                }
                default -> throw bad(text);
            };
        } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
            throw bad(text);
        } catch (IllegalArgumentException e) {
            throw e instanceof Main.UsageException u ? u : new Main.UsageException("--schedule: " + e.getMessage());
        }
    }

    private static String arg(String text, String[] p) {
        if (p.length < 2) {
            throw bad(text);
        }
        return p[1];
    }

    private static Main.UsageException bad(String text) {
        return new Main.UsageException("--schedule: expected none, step:S:G, exp:G, cosine[:MIN] or warmup:N[:then],"
                + " got '" + text + "'");
    }
}
