-- The prediction log: every prediction the scoring endpoint made (the serving module's table). Written in
-- batches by one writer; read by drift monitoring by model and time.

create table prediction_log (
    id           uuid         primary key,
    project_id   bigint       not null references projects (id) on delete cascade,
    -- the registry's model (no foreign key across modules: the log outlives a deleted model)
    model_id     bigint       not null,
    model_name   varchar(200) not null,
    version      int          not null,
    features     jsonb        not null,
    -- {"label", "probabilities"} or {"value"}
    output       jsonb        not null,
    predicted_at timestamptz  not null
);
create index prediction_log_model_time on prediction_log (model_id, predicted_at);
