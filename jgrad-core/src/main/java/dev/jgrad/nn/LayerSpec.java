package dev.jgrad.nn;

import dev.jgrad.DType;
import dev.jgrad.Shape;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Layer-list specs, for convolutional and other nets: comma-separated tokens, the first the shape of
 * one example, the others layers, with shapes inferred layer to layer (as ConvNetJS does). Example, the
 * two-convolution net: {@code 1x28x28,conv32k5p2,relu,maxpool2,conv64k5p2,relu,maxpool2,fc128,relu,fc10}.
 *
 * <p>Tokens: {@code convOkK[sS][pP]}, {@code maxpoolK[sS]}, {@code avgpoolK[sS][pP]}, {@code fcN} (flattens
 * first when needed), {@code flatten}, {@code bn} (batch norm, 1-d or 2-d by the current shape),
 * {@code dropoutP}, and the activations {@code relu tanh sigmoid gelu elu[=a] leakyrelu[=a]}.
 */
final class LayerSpec {

    private static final Pattern CONV = Pattern.compile("conv(\\d+)k(\\d+)(?:s(\\d+))?(?:p(\\d+))?");
    private static final Pattern POOL = Pattern.compile("(max|avg)pool(\\d+)(?:s(\\d+))?(?:p(\\d+))?");
    private static final Pattern FC = Pattern.compile("fc(\\d+)");
    private static final Pattern DROPOUT = Pattern.compile("dropout(0?\\.\\d+|0)");

    private LayerSpec() {
    }

    static Sequential parse(String spec, DType dtype, SplittableRandom rng) {
        String[] tokens = spec.trim().toLowerCase(Locale.ROOT).split("\\s*,\\s*");
        int[] shape = inputShape(spec, tokens[0]);
        int[] input = shape.clone();
        List<Module> layers = new ArrayList<>();
        for (int i = 1; i < tokens.length; i++) {
            String t = tokens[i];
            Matcher m;
            if ((m = CONV.matcher(t)).matches()) {
                need(spec, t, shape, 3);
                int o = Integer.parseInt(m.group(1));
                int k = Integer.parseInt(m.group(2));
                int s = m.group(3) == null ? 1 : Integer.parseInt(m.group(3));
                int p = m.group(4) == null ? 0 : Integer.parseInt(m.group(4));
                layers.add(new Conv2d(shape[0], o, k, s, p, true, dtype, Init::lecunUniform, rng));
                shape = new int[]{o, out(spec, t, shape[1], k, s, p), out(spec, t, shape[2], k, s, p)};
            } else if ((m = POOL.matcher(t)).matches()) {
                need(spec, t, shape, 3);
                int k = Integer.parseInt(m.group(2));
                int s = m.group(3) == null ? k : Integer.parseInt(m.group(3));
                int p = m.group(4) == null ? 0 : Integer.parseInt(m.group(4));
                if (m.group(1).equals("max") && p != 0) {
                    throw ModelSpec.bad(spec, "no padding for max pooling in '" + t + "'");
                }
                layers.add(m.group(1).equals("max") ? new MaxPool2d(k, s) : new AvgPool2d(k, s, p));
                shape = new int[]{shape[0], out(spec, t, shape[1], k, s, p), out(spec, t, shape[2], k, s, p)};
            } else if ((m = FC.matcher(t)).matches()) {
                if (shape.length > 1) {
                    layers.add(new Flatten());
                    shape = new int[]{Shape.numel(shape)};
                }
                int n = Integer.parseInt(m.group(1));
                layers.add(new Linear(shape[0], n, true, dtype, Init::lecunUniform, rng));
                shape = new int[]{n};
            } else if (t.equals("flatten")) {
                layers.add(new Flatten());
                shape = new int[]{Shape.numel(shape)};
            } else if (t.equals("bn")) {
                layers.add(shape.length == 3 ? new BatchNorm2d(shape[0], 1e-5, 0.1, dtype)
                        : new BatchNorm1d(shape[0], 1e-5, 0.1, dtype));
            } else if ((m = DROPOUT.matcher(t)).matches()) {
                layers.add(new Dropout(Double.parseDouble(m.group(1)), rng.split()));
            } else {
                layers.add(ModelSpec.activation(spec, t));
            }
        }
        return new Sequential(layers).inputShape(input);
    }

    private static int[] inputShape(String spec, String token) {
        String[] dims = token.split("x");
        if (dims.length != 1 && dims.length != 3) {
            throw ModelSpec.bad(spec, "the example shape first, as CxHxW or D, got '" + token + "'");
        }
        int[] s = new int[dims.length];
        for (int i = 0; i < dims.length; i++) {
            try {
                s[i] = Integer.parseInt(dims[i]);
            } catch (NumberFormatException e) {
                throw ModelSpec.bad(spec, "the example shape first, as CxHxW or D, got '" + token + "'");
            }
            if (s[i] <= 0) {
                throw ModelSpec.bad(spec, "positive sizes in the example shape, got '" + token + "'");
            }
        }
        return s;
    }

    private static void need(String spec, String token, int[] shape, int rank) {
        if (shape.length != rank) {
            throw ModelSpec.bad(spec, "'" + token + "' to follow an image (CxHxW), but the shape there is "
                    + Shape.format(shape));
        }
    }

    private static int out(String spec, String token, int size, int k, int s, int p) {
        int o = (size + 2 * p - k) / s + 1;
        if (k <= 0 || s <= 0 || size + 2 * p < k) {
            throw ModelSpec.bad(spec, "'" + token + "' to fit its input of size " + size);
        }
        return o;
    }

    /** The layer-list spec of a Sequential with a known input shape. */
    static String describe(Sequential seq) {
        int[] in = seq.inputShape();
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < in.length; i++) {
            sb.append(i == 0 ? "" : "x").append(in[i]);
        }
        List<Module> layers = seq.layers();
        for (int i = 0; i < layers.size(); i++) {
            Module m = layers.get(i);
            String token = switch (m) {
                case Conv2d c -> "conv" + c.outChannels() + "k" + c.kernel() + (c.stride() != 1 ? "s" + c.stride() : "")
                        + (c.padding() != 0 ? "p" + c.padding() : "");
                case MaxPool2d p -> "maxpool" + p.kernel() + (p.stride() != p.kernel() ? "s" + p.stride() : "");
                case AvgPool2d p -> "avgpool" + p.kernel() + (p.stride() != p.kernel() ? "s" + p.stride() : "")
                        + (p.padding() != 0 ? "p" + p.padding() : "");
                case Linear l -> "fc" + l.out();
                // A flatten right before a fully-connected layer is implied by it.
                case Flatten f -> i + 1 < layers.size() && layers.get(i + 1) instanceof Linear ? null : "flatten";
                case BatchNorm b -> "bn";
                case Dropout d -> "dropout" + d.p();
                default -> ModelSpec.activationToken(m);
            };
            if (token != null) {
                sb.append(',').append(token);
            }
        }
        return sb.toString();
    }
}
