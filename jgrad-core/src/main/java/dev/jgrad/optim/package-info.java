/**
 * Updating parameters from their gradients: one optimizer per file ({@link dev.jgrad.optim.SGD} with
 * momentum and Nesterov, {@link dev.jgrad.optim.Adagrad}, {@link dev.jgrad.optim.RMSProp},
 * {@link dev.jgrad.optim.Adam}, {@link dev.jgrad.optim.AdamW}), gradient clipping
 * ({@link dev.jgrad.optim.Clip}) and learning-rate schedules ({@link dev.jgrad.optim.LrSchedule},
 * driven by {@link dev.jgrad.optim.LrScheduler}).
 *
 * <p>Each update rule is PyTorch's definition of it (differences are documented on the class); updates
 * write in place into the parameters' storage and build no graph.
 */
package dev.jgrad.optim;
