package io.trainyard.training.optim;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.training.optimizer.Optimizer;
import io.trainyard.training.config.OptimizerConfig;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * SGD (momentum, Nesterov), Adam and AdamW in one small DJL {@link Optimizer}, written with plain NDArray ops
 * so that its state can be checkpointed and restored (DJL's optimizers keep state private and count updates
 * per random parameter id).
 * <ul>
 *   <li>{@code sgd}: g += wd * w; b = momentum * b + g; step = nesterov ? g + momentum * b : b; w -= lr * step</li>
 *   <li>{@code adam}: g += wd * w (L2, as torch.optim.Adam); bias-corrected moments; w -= lr * m^ / (sqrt(v^) + eps)</li>
 *   <li>{@code adamw}: as adam but decoupled decay w *= 1 - lr * wd (Loshchilov and Hutter)</li>
 * </ul>
 * Gradient clipping rescales each parameter's gradient to at most {@code gradientClipNorm} in L2 norm. The
 * learning rate comes from a {@link LearningRateSchedule} evaluated at the global step, which
 * {@link #beginStep()} advances once per batch.
 */
public final class TabularOptimizer extends Optimizer {
    private static final double EPS = 1e-8;

    private final OptimizerConfig config;
    private final LearningRateSchedule schedule;
    private final Map<String, String> idToName;
    /** state per parameter name and device: "m"/"v"/"b" buffers. */
    private final Map<String, Map<Device, NDArray>> state = new HashMap<>();
    private int step;
    private float lr;

    public TabularOptimizer(OptimizerConfig config, LearningRateSchedule schedule, Map<String, String> idToName) {
        super(new Builder());
        this.config = config.withDefaults();
        this.schedule = schedule;
        this.idToName = Map.copyOf(idToName);
    }

    /** Call once per batch before {@code trainer.step()}. */
    public void beginStep() {
        lr = schedule.getNewValue(step);
        step++;
    }

    public int globalStep() {
        return step;
    }

    public float currentLearningRate() {
        return lr;
    }

    @Override
    public void update(String parameterId, NDArray weight, NDArray grad) {
        String name = idToName.getOrDefault(parameterId, parameterId);
        double wd = config.weightDecay();
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            NDArray g = grad;
            double clip = config.gradientClipNorm();
            if (clip > 0) {
                double norm = g.norm().getFloat();
                if (norm > clip) {
                    g = g.mul((float) (clip / norm));
                }
            }
            switch (config.type()) {
                case "sgd" -> {
                    if (wd > 0) {
                        g = g.add(weight.mul((float) wd));
                    }
                    NDArray upd = g;
                    double mom = config.momentum();
                    if (mom > 0) {
                        NDArray b = state(name + "/b", weight);
                        b.muli((float) mom).addi(g);
                        upd = config.nesterov() ? g.add(b.mul((float) mom)) : b;
                    }
                    weight.subi(upd.mul(lr));
                }
                case "adam", "adamw" -> {
                    boolean decoupled = "adamw".equals(config.type());
                    if (wd > 0) {
                        if (decoupled) {
                            weight.muli((float) (1 - lr * wd));
                        } else {
                            g = g.add(weight.mul((float) wd));
                        }
                    }
                    float b1 = config.beta1().floatValue();
                    float b2 = config.beta2().floatValue();
                    NDArray m = state(name + "/m", weight);
                    NDArray v = state(name + "/v", weight);
                    m.muli(b1).addi(g.mul(1 - b1));
                    v.muli(b2).addi(g.square().mul(1 - b2));
                    double c1 = 1 - Math.pow(b1, step);
                    double c2 = 1 - Math.pow(b2, step);
                    NDArray denom = v.div((float) c2).sqrt().add((float) EPS);
                    weight.subi(m.div(denom).mul((float) (lr / c1)));
                }
                default -> throw new IllegalStateException("unknown optimizer " + config.type());
            }
        }
    }

    private NDArray state(String key, NDArray weight) {
        Map<Device, NDArray> perDevice = state.computeIfAbsent(key, k -> new HashMap<>());
        NDArray a = perDevice.get(weight.getDevice());
        if (a == null) {
            a = weight.zerosLike();
            NDScope.unregister(a);
            perDevice.put(weight.getDevice(), a);
        }
        return a;
    }

    /** Step count and the buffers of the first device, by parameter name (the same on every device). */
    public byte[] saveState() {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeInt(step);
            Map<String, NDArray> first = new TreeMap<>();
            state.forEach((k, perDevice) -> first.put(k, perDevice.values().iterator().next()));
            out.writeInt(first.size());
            for (Map.Entry<String, NDArray> e : first.entrySet()) {
                out.writeUTF(e.getKey());
                byte[] enc = e.getValue().encode();
                out.writeInt(enc.length);
                out.write(enc);
            }
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Restores {@link #saveState()} output onto the given devices' managers. */
    public void loadState(byte[] saved, NDManager manager, Device[] devices) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(saved))) {
            step = in.readInt();
            int n = in.readInt();
            state.clear();
            for (int i = 0; i < n; i++) {
                String key = in.readUTF();
                byte[] enc = new byte[in.readInt()];
                in.readFully(enc);
                Map<Device, NDArray> perDevice = new HashMap<>();
                for (Device d : devices) {
                    NDArray a = NDArray.decode(manager, enc).toDevice(d, false);
                    NDScope.unregister(a);
                    perDevice.put(d, a);
                }
                state.put(key, perDevice);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final class Builder extends OptimizerBuilder<Builder> {
        @Override
        protected Builder self() {
            return this;
        }
    }
}
