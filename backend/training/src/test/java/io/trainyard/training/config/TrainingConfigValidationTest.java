package io.trainyard.training.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.trainyard.training.data.Column;
import io.trainyard.training.data.ColumnType;
import io.trainyard.training.data.Schema;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrainingConfigValidationTest {
    static final Schema SCHEMA = new Schema(List.of(new Column("Species", ColumnType.CATEGORICAL, 3L),
            new Column("Island", ColumnType.CATEGORICAL, 3L), new Column("Beak", ColumnType.NUMERIC, 160L),
            new Column("Constant", ColumnType.CATEGORICAL, 1L)), 300);

    static final String EXAMPLE = """
            {"task":"classification","target":"Species","features":["Beak","Island"],
             "preprocessing":{"numeric":"standardize","categorical":"one-hot","missing":"impute"},
             "model":{"type":"mlp","hiddenLayers":[64,32],"dropout":0.1,"activation":"relu"},
             "optimizer":{"type":"adamw","learningRate":0.001,"weightDecay":0.01},
             "schedule":{"type":"cosine","warmupEpochs":2},
             "epochs":50,"batchSize":64,
             "earlyStopping":{"metric":"val_loss","patience":5},
             "split":{"validation":0.15,"test":0.15,"stratify":true,"seed":42},
             "device":"auto"}""";

    static List<String> fields(TrainingConfig c) {
        return c.validate(SCHEMA).stream().map(ConfigProblem::field).toList();
    }

    static TrainingConfig base() {
        return TrainingConfigJson.parse(EXAMPLE);
    }

    @Test
    void theApiExampleIsValidAndDefaultsFillTheRest() {
        TrainingConfig c = base();
        assertThat(c.validate(SCHEMA)).isEmpty();
        TrainingConfig d = c.withDefaults();
        assertThat(d.optimizer().beta2()).isEqualTo(0.999);
        assertThat(d.checkpointEveryEpochs()).isEqualTo(1);
        assertThat(d.model().batchNorm()).isFalse();
        assertThat(TrainingConfig.of("classification", "Species", List.of("Beak")).validate(SCHEMA)).isEmpty();
        assertThat(TrainingConfigJson.parse(TrainingConfigJson.toJson(d))).isEqualTo(d);
    }

    @Test
    void eachProblemNamesItsField() {
        assertThat(fields(TrainingConfigJson.parse(EXAMPLE.replace("\"target\":\"Species\"", "\"target\":\"Nope\""))))
                .containsExactly("target");
        assertThat(fields(TrainingConfigJson.parse(EXAMPLE.replace("\"target\":\"Species\"",
                "\"target\":\"Constant\"")))).containsExactly("target");
        assertThat(fields(TrainingConfigJson.parse(EXAMPLE.replace("[\"Beak\",\"Island\"]", "[]"))))
                .containsExactly("features");
        assertThat(fields(TrainingConfigJson.parse(EXAMPLE.replace("[\"Beak\",\"Island\"]",
                "[\"Beak\",\"Island\",\"Species\"]")))).containsExactly("features[2]");
        assertThat(fields(TrainingConfigJson.parse(EXAMPLE.replace("[\"Beak\",\"Island\"]",
                "[\"Beak\",\"Ghost\"]")))).containsExactly("features[1]");
        assertThat(fields(TrainingConfigJson.parse(EXAMPLE.replace("\"type\":\"mlp\"", "\"type\":\"xgboost\""))))
                .containsExactly("model.type");
        assertThat(fields(TrainingConfigJson.parse(EXAMPLE.replace("\"type\":\"adamw\"", "\"type\":\"lion\""))))
                .containsExactly("optimizer.type");
        assertThat(fields(TrainingConfigJson.parse(EXAMPLE.replace("\"type\":\"cosine\"", "\"type\":\"cyclic\""))))
                .containsExactly("schedule.type");
        assertThat(fields(TrainingConfigJson.parse(EXAMPLE.replace("\"learningRate\":0.001", "\"learningRate\":0"))))
                .containsExactly("optimizer.learningRate");
        assertThat(fields(TrainingConfigJson.parse(EXAMPLE.replace("\"learningRate\":0.001",
                "\"learningRate\":-1")))).containsExactly("optimizer.learningRate");
        assertThat(fields(TrainingConfigJson.parse(EXAMPLE.replace("\"epochs\":50", "\"epochs\":0"))))
                .containsExactly("epochs");
        // 300 rows * 0.7 = 210 train rows
        assertThat(fields(TrainingConfigJson.parse(EXAMPLE.replace("\"batchSize\":64", "\"batchSize\":256"))))
                .containsExactly("batchSize");
        assertThat(fields(TrainingConfigJson.parse(EXAMPLE.replace("\"task\":\"classification\"",
                "\"task\":\"regression\"")))).containsExactly("target");
        assertThat(fields(TrainingConfigJson.parse(EXAMPLE.replace("\"task\":\"classification\"",
                "\"task\":\"ranking\"")))).containsExactly("task");
        assertThat(TrainingConfigJson.parse(EXAMPLE.replace("\"learningRate\":0.001", "\"learningRate\":0"))
                .validate(SCHEMA).get(0).message()).contains("> 0");
    }

    @Test
    void severalProblemsAreAllReported() {
        TrainingConfig c = TrainingConfigJson.parse(EXAMPLE.replace("\"epochs\":50", "\"epochs\":-1")
                .replace("\"learningRate\":0.001", "\"learningRate\":0"));
        assertThat(fields(c)).containsExactlyInAnyOrder("epochs", "optimizer.learningRate");
    }
}
