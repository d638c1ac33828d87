package dev.jgrad.op;

import dev.jgrad.ShapeException;
import dev.jgrad.Tensor;
import dev.jgrad.autograd.Engine;

import java.util.Arrays;

/** out = x with axes reordered (a view): out axis i is x axis perm[i]. dx = dout with the inverse order. */
public final class Permute extends Op {

    private final int[] perm;

    private Permute(int[] perm) {
        this.perm = perm;
    }

    public static Tensor apply(Tensor x, int[] perm) {
        int rank = x.rank();
        if (perm.length != rank) {
            throw new ShapeException("permute: " + Arrays.toString(perm) + " has " + perm.length
                    + " axes but the tensor has rank " + rank + " " + dev.jgrad.Shape.format(x.shape()));
        }
        int[] p = new int[rank];
        boolean[] seen = new boolean[rank];
        for (int i = 0; i < rank; i++) {
            p[i] = dev.jgrad.Shape.axis("permute", perm[i], rank);
            if (seen[p[i]]) {
                throw new ShapeException("permute: " + Arrays.toString(perm) + " is not a permutation");
            }
            seen[p[i]] = true;
        }
        return Engine.apply(new Permute(p), x);
    }

    @Override
    public String name() {
        return "permute";
    }

    @Override
    public String attributes() {
        return Arrays.toString(perm);
    }

    @Override
    protected Tensor forward(Tensor[] in) {
        return Compute.permuted(in[0], perm);
    }

    @Override
    protected Tensor[] vjp(Tensor dout) {
        return new Tensor[]{dout.permute(Compute.inverse(perm))};
    }

    @Override
    protected Tensor jvp(Tensor[] t) {
        return t[0].permute(perm);
    }
}
