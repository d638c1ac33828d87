package dev.jgrad.cli;

import dev.jgrad.Tensor;
import dev.jgrad.autograd.GradMode;
import dev.jgrad.data.Dataset;
import dev.jgrad.nn.Conv2d;
import dev.jgrad.nn.Linear;
import dev.jgrad.nn.Module;
import dev.jgrad.nn.Sequential;
import dev.jgrad.optim.Solver;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** What a finished run shows: test accuracy, the confusion matrix and the pictures of the run folder. */
final class RunReport {

    private RunReport() {
    }

    /** counts[true][predicted] over a dataset, evaluated in batches without a graph. */
    static int[][] confusion(Module model, Dataset data, int batch) {
        int k = data.classes();
        int[][] counts = new int[k][k];
        boolean training = model.isTraining();
        model.eval();
        dev.jgrad.DType dtype = model.parameters().get(0).dtype();
        for (int from = 0; from < data.size(); from += batch) {
            int to = Math.min(data.size(), from + batch);
            Tensor x = data.x().detach().slice(0, from, to).to(dtype);
            int[] pred = Solver.predictions(GradMode.noGrad(() -> model.forward(x)));
            for (int i = 0; i < pred.length; i++) {
                counts[data.labels()[from + i]][Math.min(pred[i], k - 1)]++;
            }
        }
        if (training) {
            model.train();
        }
        return counts;
    }

    static double accuracy(int[][] counts) {
        long right = 0;
        long all = 0;
        for (int i = 0; i < counts.length; i++) {
            for (int j = 0; j < counts.length; j++) {
                all += counts[i][j];
                right += i == j ? counts[i][j] : 0;
            }
        }
        return all == 0 ? 0 : (double) right / all;
    }

    /** Writes loss.{svg,png}, accuracy.{svg,png}, confusion.{svg,png} and weights.{svg,png}. */
    static void pictures(Path dir, List<Double> iterationLosses, List<Solver.EpochStats> epochs, int[][] confusion,
                         List<String> names, Module model, int[] example) throws IOException {
        double[] it = new double[iterationLosses.size()];
        double[] loss = new double[it.length];
        for (int i = 0; i < it.length; i++) {
            it[i] = i + 1;
            loss[i] = iterationLosses.get(i);
        }
        Pictures.write(dir, "loss", 720, 420, Pictures.lineChart("Training loss", "iteration", "loss",
                List.of(new Pictures.Series("minibatch loss", it, loss)), 720, 420));
        double[] ep = new double[epochs.size()];
        double[] train = new double[ep.length];
        double[] val = new double[ep.length];
        for (int i = 0; i < ep.length; i++) {
            ep[i] = epochs.get(i).epoch();
            train[i] = epochs.get(i).trainAccuracy();
            val[i] = epochs.get(i).valAccuracy();
        }
        Pictures.write(dir, "accuracy", 720, 420, Pictures.lineChart("Classification accuracy", "epoch", "accuracy",
                List.of(new Pictures.Series("train", ep, train), new Pictures.Series("validation", ep, val)), 720, 420));
        int size = Math.max(420, 140 + 44 * confusion.length);
        Pictures.write(dir, "confusion", size, size, Pictures.confusion(confusion, names, size));
        firstLayer(dir, model, example);
    }

    /** The first layer's weights as images: a Linear unit's input weights, or a Conv2d filter. */
    private static void firstLayer(Path dir, Module model, int[] example) throws IOException {
        Module first = model instanceof Sequential s && s.size() > 0 ? s.get(0) : model;
        double[][] tiles;
        int channels;
        int h;
        int w;
        if (first instanceof Linear lin && example.length == 3
                && lin.in() == example[0] * example[1] * example[2] && (example[0] == 1 || example[0] == 3)) {
            Tensor wt = lin.namedParameters().get("weight").detach().transpose().contiguous();   // (out, in)
            int units = Math.min(lin.out(), 100);
            tiles = rows(wt, units);
            channels = example[0];
            h = example[1];
            w = example[2];
        } else if (first instanceof Conv2d conv && (conv.inChannels() == 1 || conv.inChannels() == 3)) {
            Tensor wt = conv.namedParameters().get("weight").detach();                           // (O, C, k, k)
            tiles = rows(wt.reshape(conv.outChannels(), -1), Math.min(conv.outChannels(), 100));
            channels = conv.inChannels();
            h = conv.kernel();
            w = conv.kernel();
        } else {
            return;
        }
        int pixel = Math.max(1, 84 / Math.max(h, w));
        int[] size = Pictures.weightsSize(tiles.length, h, w, pixel);
        Pictures.write(dir, "weights", size[0], size[1], Pictures.weights(tiles, channels, h, w, pixel,
                "First-layer weights (" + first + ")"));
    }

    private static double[][] rows(Tensor m, int count) {
        List<double[]> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(m.slice(0, i, i + 1).toDoubleArray());
        }
        return out.toArray(new double[0][]);
    }
}
