-- The model registry: registered models, their versions (each from a succeeded run with a model bundle),
-- aliases with promotion requests and the history of every alias change (the registry module's tables).

create table registered_models (
    id          bigint generated always as identity primary key,
    project_id  bigint        not null references projects (id) on delete cascade,
    name        varchar(200)  not null check (name ~ '^[A-Za-z0-9][A-Za-z0-9._-]*$'),
    description varchar(5000),
    -- the model card: Markdown, rendered without raw HTML
    model_card  text,
    -- per alias: gates, mustBeat, maxSubgroupGap, requiresApproval (validated by the registry)
    policy      jsonb         not null default '{"aliases": {}}',
    created_by  varchar(64)   not null,
    created_at  timestamptz   not null default now(),
    updated_at  timestamptz   not null default now(),
    unique (project_id, name)
);

create table registered_model_tags (
    model_id bigint        not null references registered_models (id) on delete cascade,
    key      varchar(250)  not null,
    value    varchar(5000) not null,
    primary key (model_id, key)
);

create table model_versions (
    id            bigint generated always as identity primary key,
    model_id      bigint        not null references registered_models (id) on delete cascade,
    version       int           not null check (version >= 1),
    -- the tracking run it came from (owned by the tracking module; no foreign key across modules)
    run_id        uuid          not null,
    -- the bundle as it was when registered: a later upload to the run does not change a version
    bundle_sha256 char(64)      not null,
    bundle_size   bigint        not null,
    -- the run's latest metrics when registered, so gates compare what was registered
    metrics       jsonb         not null default '{}',
    -- evaluation/subgroups.json's largest gap per metric, when the run had a subgroup evaluation
    subgroup_gaps jsonb,
    description   varchar(5000),
    created_by    varchar(64)   not null,
    created_at    timestamptz   not null default now(),
    unique (model_id, version)
);
create index model_versions_run on model_versions (run_id);

create table model_version_tags (
    version_id bigint        not null references model_versions (id) on delete cascade,
    key        varchar(250)  not null,
    value      varchar(5000) not null,
    primary key (version_id, key)
);

create table model_aliases (
    model_id   bigint      not null references registered_models (id) on delete cascade,
    alias      varchar(64) not null check (alias ~ '^[a-z0-9-]+$' and alias <> 'latest'),
    version_id bigint      not null references model_versions (id) on delete cascade,
    set_by     varchar(64) not null,
    set_at     timestamptz not null default now(),
    primary key (model_id, alias)
);

-- a promotion waiting for a project owner's approval; at most one pending request per alias
create table alias_requests (
    id           bigint generated always as identity primary key,
    model_id     bigint        not null references registered_models (id) on delete cascade,
    alias        varchar(64)   not null,
    version_id   bigint        not null references model_versions (id) on delete cascade,
    requested_by varchar(64)   not null,
    requested_at timestamptz   not null default now(),
    comment      varchar(2000),
    gate_results jsonb         not null,
    state        varchar(16)   not null default 'pending'
        check (state in ('pending', 'approved', 'rejected', 'superseded')),
    decided_by   varchar(64),
    decided_at   timestamptz,
    decision     varchar(2000)
);
create unique index alias_requests_one_pending on alias_requests (model_id, alias) where state = 'pending';

-- every alias change and request, append-only
create table alias_history (
    id           bigint generated always as identity primary key,
    model_id     bigint        not null references registered_models (id) on delete cascade,
    alias        varchar(64)   not null,
    action       varchar(16)   not null
        check (action in ('set', 'refused', 'requested', 'approved', 'rejected', 'superseded', 'deleted')),
    from_version int,
    to_version   int,
    actor        varchar(64)   not null,
    approver     varchar(64),
    gate_results jsonb,
    comment      varchar(2000),
    occurred_at  timestamptz   not null default now()
);
create index alias_history_alias on alias_history (model_id, alias, id desc);
