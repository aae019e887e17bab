-- Drift monitoring (the monitoring module's tables): monitors on a model alias, their reports, and the
-- transitions of their state (alerts).

create table monitors (
    id                bigint generated always as identity primary key,
    project_id        bigint        not null references projects (id) on delete cascade,
    name              varchar(100)  not null check (name ~ '^[A-Za-z0-9][A-Za-z0-9._-]*$'),
    -- the registry's model and alias, by name: the alias holder is resolved at each evaluation
    model_name        varchar(200)  not null,
    alias             varchar(64)   not null,
    -- {"dataset","version"}; null: the training split of the holder's dataset version
    reference         jsonb,
    -- {"duration"} | {"last"} | {"dataset","version"}
    window_spec       jsonb         not null,
    -- seconds between scheduled evaluations; null: on request only
    schedule_seconds  int           check (schedule_seconds is null or schedule_seconds >= 60),
    thresholds        jsonb         not null default '{}',
    action            varchar(16)   not null default 'none' check (action in ('none', 'retrain')),
    retrain           jsonb,
    state             varchar(20)   not null default 'unknown'
        check (state in ('unknown', 'ok', 'drifting', 'not_enough_data', 'failed')),
    -- the end of the next scheduled window; claimed with FOR UPDATE SKIP LOCKED and advanced in the same
    -- transaction as the report, so each window is evaluated once however many servers run
    next_run_at       timestamptz,
    last_evaluated_at timestamptz,
    created_by        varchar(64)   not null,
    created_at        timestamptz   not null default now(),
    unique (project_id, name)
);
create index monitors_due on monitors (next_run_at) where next_run_at is not null;

create table monitor_reports (
    id             bigint generated always as identity primary key,
    monitor_id     bigint        not null references monitors (id) on delete cascade,
    -- 'schedule' or 'request'
    trigger        varchar(16)   not null check (trigger in ('schedule', 'request')),
    status         varchar(20)   not null check (status in ('ok', 'drifting', 'not_enough_data', 'failed')),
    model_version  int,
    window_start   timestamptz,
    window_end     timestamptz   not null,
    drifted_share  double precision,
    -- the whole DriftReport as the API returns it
    report         jsonb         not null,
    created_at     timestamptz   not null default now()
);
create index monitor_reports_monitor on monitor_reports (monitor_id, id desc);
-- a second server that got past the lock anyway cannot store the same scheduled window twice
create unique index monitor_reports_one_per_window on monitor_reports (monitor_id, window_end)
    where trigger = 'schedule';

create table monitor_transitions (
    id              bigint generated always as identity primary key,
    monitor_id      bigint        not null references monitors (id) on delete cascade,
    report_id       bigint        not null references monitor_reports (id) on delete cascade,
    from_state      varchar(20)   not null,
    to_state        varchar(20)   not null,
    retrain_run_id  uuid,
    at              timestamptz   not null default now()
);
create index monitor_transitions_monitor on monitor_transitions (monitor_id, id desc);
