/**
 * Checkpoints: {@link dev.jgrad.io.SafeTensors} reads and writes the safetensors format (float32 and
 * float64), and {@link dev.jgrad.io.Checkpoint} saves and loads a whole training run
 * ({@link dev.jgrad.io.CheckpointData}) as a safetensors file next to a JSON document, atomically.
 *
 * <p>Reading checks every file completely; a file that is not what it should be throws
 * {@link dev.jgrad.io.FileFormatException} (an {@code IOException}) naming the file, the offset where
 * known, and what is wrong. This is the one package of core with checked exceptions.
 */
package dev.jgrad.io;
