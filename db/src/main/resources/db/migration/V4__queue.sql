-- The job queue: jobs, their event history and the executors that claim them (the queue module's tables).

create table executors (
    id             bigint generated always as identity primary key,
    name           varchar(100) not null,
    gpus           int          not null check (gpus between 0 and 64),
    -- sorted, lower-case; a job's labels must all be among them
    labels         text[]       not null default '{}',
    concurrency    int          not null default 1 check (concurrency between 1 and 64),
    -- what the executor reported about its devices (free text, e.g. "cpu(); gpu(0) NVIDIA A100")
    devices        varchar(1000),
    embedded       boolean      not null default false,
    registered_by  varchar(64),
    registered_at  timestamptz  not null default now(),
    last_seen_at   timestamptz  not null default now(),
    -- set when it stops gracefully; an executor that vanishes is only ever "offline"
    stopped_at     timestamptz
);
create index executors_last_seen on executors (last_seen_at desc);

create table jobs (
    -- identity order is submission order: FIFO within a priority
    id               bigint generated always as identity primary key,
    project_id       bigint       not null references projects (id) on delete cascade,
    -- a tracking run (owned by the tracking module; no foreign key across modules)
    run_id           uuid,
    kind             varchar(64)  not null,
    spec             jsonb        not null,
    priority         int          not null default 0,
    gpus             int          not null default 0 check (gpus between 0 and 8),
    labels           text[]       not null default '{}',
    state            varchar(16)  not null default 'queued'
        check (state in ('queued', 'running', 'succeeded', 'failed', 'cancelled')),
    -- claims so far; the next claim is attempt + 1
    attempt          int          not null default 0,
    max_attempts     int          not null default 3 check (max_attempts between 1 and 100),
    not_before       timestamptz  not null default now(),
    lease_token      uuid,
    lease_expires_at timestamptz,
    executor_id      bigint       references executors (id) on delete set null,
    cancel_requested boolean      not null default false,
    progress         double precision,
    progress_message varchar(500),
    last_error       text,
    idempotency_key  varchar(200),
    requested_by     varchar(64),
    created_at       timestamptz  not null default now(),
    started_at       timestamptz,
    finished_at      timestamptz,
    check ((state = 'running') = (lease_token is not null))
);
-- the claim scans queued jobs in claim order; the partial index stays small however long the history grows
create index jobs_claim_order on jobs (priority desc, id) where state = 'queued';
create index jobs_lease_expiry on jobs (lease_expires_at) where state = 'running';
create index jobs_state_id on jobs (state, id desc);
create index jobs_run on jobs (run_id) where run_id is not null;
create unique index jobs_idempotency on jobs (project_id, idempotency_key) where idempotency_key is not null;

create table job_events (
    id          bigint generated always as identity primary key,
    job_id      bigint      not null references jobs (id) on delete cascade,
    occurred_at timestamptz not null default now(),
    from_state  varchar(16),
    to_state    varchar(16) not null,
    attempt     int         not null,
    -- a username, "executor:<id>", or "system" (the rescuer)
    actor       varchar(100),
    reason      text
);
create index job_events_job on job_events (job_id, id);
