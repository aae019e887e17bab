package io.trainyard.server.launch;

import io.trainyard.client.model.ColumnProfile;
import io.trainyard.client.model.ColumnType;
import io.trainyard.client.model.DatasetVersion;
import io.trainyard.training.data.Column;
import io.trainyard.training.data.Schema;

/** A dataset version's profile as the training library's schema: numeric columns stay numeric, the rest are categories. */
final class TrainingSchemas {

    private TrainingSchemas() {
    }

    static Schema of(DatasetVersion version) {
        return new Schema(version.columns().stream().map(TrainingSchemas::column).toList(), version.rowCount());
    }

    private static Column column(ColumnProfile profile) {
        io.trainyard.training.data.ColumnType type = profile.type() == ColumnType.NUMERIC
                ? io.trainyard.training.data.ColumnType.NUMERIC : io.trainyard.training.data.ColumnType.CATEGORICAL;
        return new Column(profile.name(), type, profile.distinct());
    }
}
