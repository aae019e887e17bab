package io.trainyard.training;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.reflect.TypeToken;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * What a checkpoint holds: the config fingerprint (a checkpoint of another config is ignored), the completed
 * epoch, early-stopping state, the history, current and best parameters and the optimizer state (step count
 * and moment/momentum buffers). Format: a small binary envelope, version {@link #VERSION}.
 */
record CheckpointState(String configJson, int epoch, double bestValue, int bestEpoch, int badEpochs,
        List<EpochMetrics> history, byte[] parameters, byte[] bestParameters, byte[] optimizerState) {
    static final int MAGIC = 0x54594b31; // "TYK1"
    static final int VERSION = 1;
    private static final Gson GSON = new GsonBuilder().serializeSpecialFloatingPointValues().create();

    byte[] encode() {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeInt(MAGIC);
            out.writeInt(VERSION);
            writeBytes(out, configJson.getBytes(StandardCharsets.UTF_8));
            out.writeInt(epoch);
            out.writeDouble(bestValue);
            out.writeInt(bestEpoch);
            out.writeInt(badEpochs);
            writeBytes(out, GSON.toJson(history).getBytes(StandardCharsets.UTF_8));
            writeBytes(out, parameters);
            writeBytes(out, bestParameters == null ? new byte[0] : bestParameters);
            writeBytes(out, optimizerState);
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static CheckpointState decode(byte[] data) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
            if (in.readInt() != MAGIC || in.readInt() != VERSION) {
                throw new IllegalArgumentException("not a trainyard checkpoint (or an unsupported version)");
            }
            String config = new String(readBytes(in), StandardCharsets.UTF_8);
            int epoch = in.readInt();
            double best = in.readDouble();
            int bestEpoch = in.readInt();
            int bad = in.readInt();
            List<EpochMetrics> history = GSON.fromJson(new String(readBytes(in), StandardCharsets.UTF_8),
                    new TypeToken<List<EpochMetrics>>() { }.getType());
            byte[] params = readBytes(in);
            byte[] bestParams = readBytes(in);
            byte[] opt = readBytes(in);
            return new CheckpointState(config, epoch, best, bestEpoch, bad, history, params,
                    bestParams.length == 0 ? null : bestParams, opt);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeBytes(DataOutputStream out, byte[] b) throws IOException {
        out.writeInt(b.length);
        out.write(b);
    }

    private static byte[] readBytes(DataInputStream in) throws IOException {
        byte[] b = new byte[in.readInt()];
        in.readFully(b);
        return b;
    }
}
