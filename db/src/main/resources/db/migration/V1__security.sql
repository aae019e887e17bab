-- Users, projects, memberships, API tokens and the audit log: the security module's tables.

create table users (
    id            bigint generated always as identity primary key,
    username      varchar(64)  not null unique check (username ~ '^[a-z0-9][a-z0-9._-]*$'),
    display_name  varchar(200) not null,
    password_hash varchar(200) not null,
    admin         boolean      not null default false,
    enabled       boolean      not null default true,
    created_at    timestamptz  not null default now()
);

create table projects (
    id         bigint generated always as identity primary key,
    key        varchar(64)  not null unique check (key ~ '^[a-z0-9][a-z0-9-]*$'),
    name       varchar(200) not null,
    created_at timestamptz  not null default now()
);

create table project_members (
    project_id bigint      not null references projects (id) on delete cascade,
    user_id    bigint      not null references users (id) on delete cascade,
    role       varchar(16) not null check (role in ('VIEWER', 'EDITOR', 'OWNER')),
    primary key (project_id, user_id)
);
create index project_members_user on project_members (user_id);

create table api_tokens (
    id           bigint generated always as identity primary key,
    user_id      bigint       not null references users (id) on delete cascade,
    name         varchar(100) not null,
    -- the first characters of the token, shown in lists so a user can tell tokens apart
    token_prefix varchar(16)  not null,
    -- sha256 of the whole token (hex); the token itself is never stored
    token_hash   varchar(64)  not null unique,
    scopes       varchar(100) not null,
    expires_at   timestamptz,
    created_at   timestamptz  not null default now(),
    last_used_at timestamptz,
    revoked_at   timestamptz
);
create index api_tokens_user on api_tokens (user_id);

create table audit_events (
    id             bigint generated always as identity primary key,
    occurred_at    timestamptz  not null default now(),
    actor          varchar(64),
    action         varchar(64)  not null,
    target         varchar(300),
    details        text,
    client_address varchar(64)
);
create index audit_events_occurred_at on audit_events (occurred_at desc);

insert into projects (key, name) values ('default', 'Default');
