-- Ground truth for logged predictions (the serving module's table): one label per prediction, replaced when
-- corrected. Read by monitoring together with the prediction log, by model and prediction time.

create table prediction_feedback (
    -- feedback without its prediction means nothing: it goes when the log entry goes
    prediction_id uuid         primary key references prediction_log (id) on delete cascade,
    project_id    bigint       not null references projects (id) on delete cascade,
    -- the registry's model, as in prediction_log (no foreign key across modules)
    model_id      bigint       not null,
    -- copied from the log so that a window of labelled predictions is read from this table's index
    -- instead of probing every prediction of the window for feedback
    predicted_at  timestamptz  not null,
    -- a class label or a regression target, as text
    label         text         not null,
    received_at   timestamptz  not null,
    received_by   varchar(64)  not null
);
create index prediction_feedback_model_time on prediction_feedback (model_id, predicted_at);
