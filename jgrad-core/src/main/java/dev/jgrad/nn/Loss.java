package dev.jgrad.nn;

import dev.jgrad.Shape;
import dev.jgrad.ShapeException;
import dev.jgrad.Tensor;
import dev.jgrad.op.SoftmaxCrossEntropy;

import java.util.Arrays;
import java.util.Collection;

/**
 * Losses: the last gate of a network. Each returns the mean over the batch as a 0-d tensor.
 * Scores are (N, C); labels are class indices in [0, C).
 */
public final class Loss {

    private Loss() {
    }

    /** Multiclass SVM hinge loss with margin 1: {@code mean_i sum_{j != y_i} max(0, s_j - s_{y_i} + 1)}. */
    public static Tensor svm(Tensor scores, int[] labels) {
        return svm(scores, labels, 1.0);
    }

    /** Multiclass SVM hinge loss with the given margin (CS231n's delta). */
    public static Tensor svm(Tensor scores, int[] labels, double margin) {
        int c = checkLabels("svm", scores, labels);
        Tensor correct = scores.gather(1, labels).unsqueeze(1);                  // (N, 1)
        Tensor margins = scores.sub(correct).add(margin).relu();                 // (N, C)
        Tensor notLabel = Tensor.oneHot(labels, c).neg().add(1).to(scores.dtype());
        return margins.mul(notLabel).sum().div(Math.max(labels.length, 1));
    }

    /**
     * Binary hinge loss {@code mean_i max(0, 1 - t_i s_i)} for one score per example (N) or (N, 1),
     * with labels 0/1 mapped to targets t = -1/+1.
     */
    public static Tensor binaryHinge(Tensor scores, int[] labels) {
        Tensor s = scores.rank() == 2 && scores.size(1) == 1 ? scores.reshape(-1) : scores;
        if (s.rank() != 1 || s.size(0) != labels.length) {
            throw new ShapeException("binaryHinge: " + labels.length + " labels for scores "
                    + Shape.format(scores.shape()) + " (expected (N) or (N, 1))");
        }
        double[] t = new double[labels.length];
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] != 0 && labels[i] != 1) {
                throw new IllegalArgumentException("binaryHinge: label " + labels[i] + " at index " + i
                        + " is not 0 or 1");
            }
            t[i] = 2 * labels[i] - 1;
        }
        Tensor target = Tensor.of(t, t.length).to(s.dtype());
        return s.mul(target).neg().add(1).relu().mean();
    }

    /**
     * Softmax cross-entropy {@code mean_i -log softmax(s_i)_{y_i}}, as one fused op that subtracts each
     * row's max, so logits of magnitude 1e3 give a finite loss and gradient.
     */
    public static Tensor softmaxCrossEntropy(Tensor logits, int[] labels) {
        return softmaxCrossEntropy(logits, labels, 0);
    }

    /**
     * Softmax cross-entropy with label smoothing {@code eps}: the target puts 1 - eps on the label and
     * eps spread evenly over all C classes.
     */
    public static Tensor softmaxCrossEntropy(Tensor logits, int[] labels, double eps) {
        checkLabels("softmaxCrossEntropy", logits, labels);
        if (!(eps >= 0 && eps < 1)) {
            throw new IllegalArgumentException("softmaxCrossEntropy: label smoothing must be in [0, 1), got " + eps);
        }
        return SoftmaxCrossEntropy.apply(logits, labels, eps);
    }

    /**
     * Binary cross-entropy on logits x with targets t in [0, 1], computed stably as
     * {@code max(x, 0) - x t + log(1 + e^-|x|)}, averaged over all elements.
     */
    public static Tensor bceWithLogits(Tensor logits, Tensor targets) {
        sameShape("bceWithLogits", logits, targets);
        Tensor softplus = logits.abs().neg().exp().add(1).log();
        return logits.relu().sub(logits.mul(targets)).add(softplus).mean();
    }

    /** Mean squared error over all elements. */
    public static Tensor mse(Tensor pred, Tensor target) {
        sameShape("mse", pred, target);
        Tensor d = pred.sub(target);
        return d.mul(d).mean();
    }

    /** Mean absolute error over all elements. */
    public static Tensor l1(Tensor pred, Tensor target) {
        sameShape("l1", pred, target);
        return pred.sub(target).abs().mean();
    }

    /** Huber loss: 0.5 d^2 for |d| &lt;= delta, delta (|d| - 0.5 delta) beyond; mean over all elements. */
    public static Tensor huber(Tensor pred, Tensor target, double delta) {
        sameShape("huber", pred, target);
        if (!(delta > 0)) {
            throw new IllegalArgumentException("huber: delta must be positive, got " + delta);
        }
        Tensor d = pred.sub(target);
        Tensor a = d.abs();
        Tensor quadratic = d.mul(d).mul(0.5);
        Tensor linear = a.sub(0.5 * delta).mul(delta);
        return Tensor.where(a.le(Tensor.scalar(delta, a.dtype())), quadratic, linear).mean();
    }

    /**
     * L2 regularization {@code 0.5 lambda sum W^2} over the given weights (the 0.5 makes its gradient
     * lambda W, the same as weight decay lambda in the optimizers).
     */
    public static Tensor l2(double lambda, Collection<Tensor> weights) {
        Tensor total = Tensor.scalar(0);
        for (Tensor w : weights) {
            total = total.add(w.mul(w).sum());
        }
        return total.mul(0.5 * lambda);
    }

    /** The weights (not biases) of a model: the parameters named {@code weight}. */
    public static java.util.List<Tensor> weights(Module model) {
        return model.namedParameters().entrySet().stream()
                .filter(e -> e.getKey().equals("weight") || e.getKey().endsWith(".weight"))
                .map(java.util.Map.Entry::getValue).toList();
    }

    private static int checkLabels(String op, Tensor scores, int[] labels) {
        if (scores.rank() != 2) {
            throw new ShapeException(op + ": scores must be (N, C), got " + Shape.format(scores.shape()));
        }
        if (scores.size(0) != labels.length) {
            throw new ShapeException(op + ": " + labels.length + " labels for scores " + Shape.format(scores.shape()));
        }
        int c = scores.size(1);
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= c) {
                throw new IllegalArgumentException(op + ": label " + labels[i] + " at index " + i
                        + " is outside [0, " + c + ")");
            }
        }
        return c;
    }

    private static void sameShape(String op, Tensor a, Tensor b) {
        if (!Arrays.equals(a.shape(), b.shape())) {
            throw new ShapeException(op + ": prediction " + Shape.format(a.shape()) + " and target "
                    + Shape.format(b.shape()) + " differ");
        }
    }
}
