-- Webhooks: per-project subscriptions to platform events, and the deliveries (an outbox written in the
-- event's transaction, sent and retried by the dispatcher). The webhooks module's tables.

create table webhooks (
    id         bigint generated always as identity primary key,
    project_id bigint        not null references projects (id) on delete cascade,
    url        varchar(2000) not null,
    events     text[]        not null,
    -- the HMAC key; write-only over the API (never returned)
    secret     varchar(200)  not null,
    active     boolean       not null default true,
    created_by varchar(64)   not null,
    created_at timestamptz   not null default now()
);
create index webhooks_project on webhooks (project_id);

create table webhook_deliveries (
    id              bigint generated always as identity primary key,
    webhook_id      bigint        not null references webhooks (id) on delete cascade,
    -- the event's id: the same for every webhook that receives it (X-Trainyard-Delivery)
    event_id        uuid          not null,
    event           varchar(64)   not null,
    payload         text          not null,
    state           varchar(16)   not null default 'pending' check (state in ('pending', 'delivered', 'failed')),
    attempts        int           not null default 0,
    next_attempt_at timestamptz   not null default now(),
    last_status     int,
    last_error      varchar(1000),
    created_at      timestamptz   not null default now(),
    delivered_at    timestamptz
);
create index webhook_deliveries_due on webhook_deliveries (next_attempt_at) where state = 'pending';
create index webhook_deliveries_webhook on webhook_deliveries (webhook_id, id desc);
