package dev.jgrad.bench;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Blocks;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.pooling.Pool;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.initializer.XavierInitializer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import dev.jgrad.Tensor;
import dev.jgrad.backend.Parallel;
import dev.jgrad.data.DataLocator;
import dev.jgrad.data.Dataset;
import dev.jgrad.data.PixelScale;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The {@link TrainBench} benchmark run by DJL on its PyTorch engine, as a peer for jgrad on the same CPU:
 * the same models, optimizers, loop, command line and JSON lines. Fashion-MNIST is read by jgrad's reader
 * and copied into DJL arrays once. Weights start uniform in +-1/sqrt(fan_in) as in jgrad and PyTorch;
 * biases start at zero (DJL's default).
 *
 * <p>{@code -Djgrad.threads=N} (default: available cores) sets PyTorch's intra-op and inter-op thread
 * counts through DJL's {@code ai.djl.pytorch.num_threads} and {@code ai.djl.pytorch.num_interop_threads};
 * the header reports the intra-op count PyTorch then uses. Run it with {@code bench/djl train}.
 */
public final class DjlTrainBench {

    private static final int EVAL_BATCH = 250;

    private DjlTrainBench() {
    }

    public static void main(String[] argv) throws IOException {
        TrainBench.Args args;
        try {
            args = TrainBench.Args.parse(argv);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage().replace("TrainBench", "DjlTrainBench"));
            System.exit(2);
            return;
        }
        var files = DataLocator.system().locate("fashion-mnist", args.data() == null ? null : Path.of(args.data()));
        Dataset train = files.loadTrain(PixelScale.UNIT);
        Dataset test = files.loadTest(PixelScale.UNIT);
        int threads = Parallel.threads();
        setDefault("ai.djl.pytorch.num_threads", threads);
        setDefault("ai.djl.pytorch.num_interop_threads", threads);
        Engine engine = Engine.getEngine("PyTorch");
        engine.setRandomSeed((int) args.seed());
        try (NDManager manager = engine.newBaseManager()) {
            run(args, engine, manager, train, test);
        }
    }

    private static void setDefault(String key, int value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, Integer.toString(value));
        }
    }

    /** The model as DJL blocks: the layers of {@link TrainBench.Model}'s spec. */
    static SequentialBlock block(TrainBench.Model m) {
        SequentialBlock net = new SequentialBlock();
        switch (m.name()) {
            case "mlp100" -> net.add(linear(100)).add(Activation.reluBlock()).add(linear(10));
            case "mlp256" -> net.add(linear(256)).add(Activation.reluBlock())
                    .add(linear(128)).add(Activation.reluBlock()).add(linear(10));
            case "cnn128", "cnn1024" -> net.add(conv(32)).add(Activation.reluBlock()).add(pool())
                    .add(conv(64)).add(Activation.reluBlock()).add(pool())
                    .add(Blocks.batchFlattenBlock())
                    .add(linear(Integer.parseInt(m.name().substring(3)))).add(Activation.reluBlock())
                    .add(linear(10));
            default -> throw new IllegalArgumentException("DjlTrainBench: no DJL model for '" + m.name() + "'");
        }
        return net;
    }

    private static Linear linear(int units) {
        return Linear.builder().setUnits(units).build();
    }

    private static Conv2d conv(int filters) {
        return Conv2d.builder().setKernelShape(new Shape(5, 5)).optPadding(new Shape(2, 2)).setFilters(filters).build();
    }

    private static ai.djl.nn.Block pool() {
        return Pool.maxPool2dBlock(new Shape(2, 2), new Shape(2, 2));
    }

    private static Optimizer optimizer(TrainBench.Model m) {
        return m.adam()
                ? Optimizer.adam().optLearningRateTracker(Tracker.fixed(1e-3f)).build()
                : Optimizer.sgd().setLearningRateTracker(Tracker.fixed(0.05f)).optMomentum(0.9f).build();
    }

    private static void run(TrainBench.Args a, Engine engine, NDManager manager, Dataset train, Dataset test) {
        TrainBench.Model m = a.model();
        Shape sample = m.images() ? new Shape(1, 28, 28) : new Shape(784);
        NDArray xtr = toNd(manager, train.x(), sample);
        NDArray ytr = labels(manager, train.labels());
        NDArray xte = toNd(manager, test.x(), sample);
        int[] yte = test.labels();

        Optimizer opt = optimizer(m);
        DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                .optOptimizer(opt)
                .optInitializer(new XavierInitializer(XavierInitializer.RandomType.UNIFORM,
                        XavierInitializer.FactorType.IN, 1), Parameter.Type.WEIGHT);
        try (Model model = Model.newInstance(m.name(), engine.getEngineName())) {
            model.setBlock(block(m));
            try (Trainer trainer = model.newTrainer(config)) {
                trainer.initialize(new Shape(a.batch()).addAll(sample));
                train(a, engine, trainer, xtr, ytr, xte, yte, train.size(), opt);
            }
        }
    }

    private static void train(TrainBench.Args a, Engine engine, Trainer trainer, NDArray xtr, NDArray ytr,
                              NDArray xte, int[] yte, int n, Optimizer opt) {
        TrainBench.Model m = a.model();
        int used = a.subset() > 0 ? Math.min(a.subset(), n) : n;
        long params = 0;
        for (var p : trainer.getModel().getBlock().getParameters()) {
            params += p.getValue().getArray().size();
        }
        int threads = JniUtils.getNumThreads();
        System.out.println(TrainBench.json("model", m.name(), "threads", threads, "backend", "djl-pytorch",
                "params", params, "bs", a.batch(), "epochs", a.epochs(), "train_samples_per_epoch", used,
                "optimizer", opt.getClass().getSimpleName(), "java", Runtime.version().toString(),
                "djl", Engine.getDjlVersion(), "torch", engine.getVersion(),
                "interop_threads", JniUtils.getNumInteropThreads()));
        NDManager base = xtr.getManager();
        TrainBench.epochs(a, n, threads, System.out, new TrainBench.Framework() {
            @Override
            public double step(int[] idx) {
                // Everything a step creates (batch, activations, loss) lives in this manager and is freed with it.
                try (NDManager step = base.newSubManager()) {
                    NDIndex rows = new NDIndex("{}", step.create(Arrays.stream(idx).asLongStream().toArray()));
                    NDArray xb = xtr.get(step, rows);
                    NDArray yb = ytr.get(step, rows);
                    NDArray loss;
                    try (GradientCollector gc = trainer.newGradientCollector()) {
                        NDList out = trainer.forward(new NDList(xb));
                        loss = trainer.getLoss().evaluate(new NDList(yb), out);
                        gc.backward(loss);
                    }
                    trainer.step();
                    return loss.getFloat();
                }
            }

            @Override
            public double testAccuracy() {
                return evaluate(trainer, xte, yte);
            }
        });
    }

    /** Test accuracy, forward only, in batches of 250. */
    private static double evaluate(Trainer trainer, NDArray x, int[] labels) {
        int n = labels.length;
        int correct = 0;
        for (int i = 0; i < n; i += EVAL_BATCH) {
            int to = Math.min(n, i + EVAL_BATCH);
            try (NDManager scope = x.getManager().newSubManager()) {
                NDArray xb = x.get(scope, new NDIndex(i + ":" + to));
                long[] pred = trainer.evaluate(new NDList(xb)).singletonOrThrow().argMax(1).toLongArray();
                for (int j = 0; j < pred.length; j++) {
                    correct += pred[j] == labels[i + j] ? 1 : 0;
                }
            }
        }
        return (double) correct / n;
    }

    /** The images as one float32 array of shape (N, sample...). */
    private static NDArray toNd(NDManager manager, Tensor x, Shape sample) {
        int n = x.size(0);
        return manager.create(x.toFloatArray(), new Shape(n).addAll(sample));
    }

    private static NDArray labels(NDManager manager, int[] labels) {
        return manager.create(Arrays.stream(labels).asLongStream().toArray());
    }

}
