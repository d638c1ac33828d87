package dev.jgrad.cli;

import dev.jgrad.io.Checkpoint;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the checkpoint a command-line argument names: a checkpoint path, or a run folder's model. */
final class Checkpoints {

    private Checkpoints() {
    }

    static Path find(Path arg) {
        if (Files.isDirectory(arg) && Checkpoint.exists(arg.resolve("model"))) {
            return arg.resolve("model");
        }
        if (Checkpoint.exists(arg)) {
            return arg;
        }
        throw new Main.UsageException("CHECKPOINT: no checkpoint at '" + arg + "' (expected runs/NAME/model,"
                + " its .json file, or a run folder)");
    }
}
