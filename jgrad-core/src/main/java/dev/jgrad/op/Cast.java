package dev.jgrad.op;

import dev.jgrad.DType;
import dev.jgrad.Tensor;
import dev.jgrad.autograd.Engine;

/** out = x converted to another dtype. dx = dout converted back. */
public final class Cast extends Op {

    private final DType target;

    private Cast(DType target) {
        this.target = target;
    }

    public static Tensor apply(Tensor x, DType target) {
        return Engine.apply(new Cast(target), x);
    }

    @Override
    public String name() {
        return "to";
    }

    @Override
    public String attributes() {
        return target.toString();
    }

    @Override
    protected Tensor forward(Tensor[] in) {
        Tensor x = Compute.contiguous(in[0]);
        int n = x.numel();
        int o = x.offset();
        if (target == DType.FLOAT64) {
            double[] out = new double[n];
            if (x.dtype() == DType.FLOAT64) {
                System.arraycopy(x.f64(), o, out, 0, n);
            } else {
                float[] src = x.f32();
                for (int i = 0; i < n; i++) {
                    out[i] = src[o + i];
                }
            }
            return Tensor.wrap(out, x.shape());
        }
        float[] out = new float[n];
        if (x.dtype() == DType.FLOAT32) {
            System.arraycopy(x.f32(), o, out, 0, n);
        } else {
            double[] src = x.f64();
            for (int i = 0; i < n; i++) {
                out[i] = (float) src[o + i];
            }
        }
        return Tensor.wrap(out, x.shape());
    }

    @Override
    protected Tensor[] vjp(Tensor dout) {
        return new Tensor[]{dout.to(input(0).dtype())};
    }

    @Override
    protected Tensor jvp(Tensor[] t) {
        return t[0].to(target);
    }
}
