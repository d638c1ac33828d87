package dev.jgrad.op;

import dev.jgrad.Tensor;
import dev.jgrad.autograd.Engine;

/**
 * A differentiable op, and the graph node that records one application of it.
 *
 * <p>Each application creates a new instance (holding the op's attributes, such as axes); the engine
 * ({@link Engine#apply}) runs {@link #forward}, then remembers the inputs and the output so that the
 * rules can read them. Rules must use {@link #input(int)} and {@link #output()} rather than copies:
 * those are the tensors of the graph, so a rule written in tensor ops is itself differentiable.
 */
public abstract class Op {

    private Tensor[] inputs;
    private Tensor output;
    private boolean released;
    private String site;

    /** The op's name as errors and graph pictures show it, such as {@code mul} or {@code matmul}. */
    public abstract String name();

    /** Attributes worth showing next to the name, such as {@code axes=[1]}; empty by default. */
    public String attributes() {
        return "";
    }

    /** Computes the output value from input values, with kernels; never records a graph. */
    protected abstract Tensor forward(Tensor[] x);

    /**
     * The reverse rule: given the upstream gradient {@code dout} (shape of the output), returns one
     * gradient per input, shaped like the output or like that input (the engine un-broadcasts), or
     * {@code null} for an input without a gradient.
     */
    protected abstract Tensor[] vjp(Tensor dout);

    /**
     * The forward-mode rule: given one tangent per input (zeros where an input carries none), returns the
     * tangent of the output, shaped like the output or broadcastable to it.
     */
    protected abstract Tensor jvp(Tensor[] t);

    /** Whether gradients flow to input {@code i}; index and mask inputs say no. */
    public boolean differentiable(int i) {
        return true;
    }

    /** The i-th input as recorded in the graph. */
    public final Tensor input(int i) {
        return inputs[i];
    }

    /** The number of inputs. */
    public final int arity() {
        return inputs.length;
    }

    /** The output as recorded in the graph. */
    public final Tensor output() {
        return output;
    }

    /** Where in user code the output was created (recorded in anomaly mode), or {@code null}. */
    public final String site() {
        return site;
    }

    /** Whether the saved state was freed by a backward pass without {@code retainGraph}. */
    public final boolean released() {
        return released;
    }

    /** Called by the engine after forward. */
    public final void record(Tensor[] in, Tensor out, String where) {
        this.inputs = in;
        this.output = out;
        this.site = where;
    }

    /** Called by the engine after a backward pass that does not retain the graph. */
    public final void release() {
        released = true;
        releaseSaved();
    }

    /** Frees state saved during forward beyond inputs and output (masks, indices); default none. */
    protected void releaseSaved() {
    }

    /** Runs the reverse rule; the engine's entry point. */
    public final Tensor[] backward(Tensor dout) {
        if (released) {
            throw new IllegalStateException("backward: the graph through '" + name() + "' was freed by an earlier"
                    + " backward pass (call backward(seed, true, false) to retain it for a second pass)");
        }
        return vjp(dout);
    }

    /** Runs the forward-mode rule; the engine's entry point. */
    public final Tensor tangent(Tensor[] t) {
        return jvp(t);
    }

    /** Runs forward; the engine's entry point. */
    public final Tensor compute(Tensor[] x) {
        return forward(x);
    }

    @Override
    public String toString() {
        String a = attributes();
        return a.isEmpty() ? name() : name() + "(" + a + ")";
    }
}
