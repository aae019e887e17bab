package io.trainyard.server.serving.log;

import java.sql.Timestamp;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Writes a batch of log entries in one statement (arrays through unnest). */
@Repository
class PredictionLogStore {

    private final JdbcClient jdbc;

    PredictionLogStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(List<LoggedPrediction> batch) {
        int n = batch.size();
        java.util.UUID[] ids = new java.util.UUID[n];
        Long[] projects = new Long[n];
        Long[] models = new Long[n];
        String[] names = new String[n];
        Integer[] versions = new Integer[n];
        String[] features = new String[n];
        String[] outputs = new String[n];
        Timestamp[] times = new Timestamp[n];
        for (int i = 0; i < n; i++) {
            LoggedPrediction p = batch.get(i);
            ids[i] = p.id();
            projects[i] = p.projectId();
            models[i] = p.modelId();
            names[i] = p.modelName();
            versions[i] = p.version();
            features[i] = p.featuresJson();
            outputs[i] = p.outputJson();
            times[i] = Timestamp.from(p.predictedAt());
        }
        jdbc.sql("""
                        insert into prediction_log (id, project_id, model_id, model_name, version, features, output,
                                                    predicted_at)
                        select id, project_id, model_id, model_name, version, cast(features as jsonb),
                               cast(output as jsonb), predicted_at
                        from unnest(cast(? as uuid[]), cast(? as bigint[]), cast(? as bigint[]), cast(? as text[]),
                                    cast(? as int[]), cast(? as text[]), cast(? as text[]), cast(? as timestamptz[]))
                             as t(id, project_id, model_id, model_name, version, features, output, predicted_at)
                        on conflict (id) do nothing""")
                .params(ids, projects, models, names, versions, features, outputs, times).update();
    }

    long count(long modelId) {
        return jdbc.sql("select count(*) from prediction_log where model_id = ?").param(modelId).query(Long.class)
                .single();
    }
}
