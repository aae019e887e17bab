-- Datasets and their immutable, content-addressed versions (the datasets module's tables).

create table datasets (
    id          bigint generated always as identity primary key,
    project_id  bigint       not null references projects (id),
    name        varchar(100) not null check (name ~ '^[A-Za-z0-9][A-Za-z0-9._-]*$'),
    description text,
    created_by  varchar(64),
    created_at  timestamptz  not null default now(),
    unique (project_id, name)
);

create table dataset_versions (
    id                bigint generated always as identity primary key,
    dataset_id        bigint       not null references datasets (id) on delete cascade,
    version           integer      not null check (version > 0),
    parent_version    integer,
    -- the uploaded bytes and the sorted row hashes (for diffs) in the blob store
    sha256            varchar(64)  not null,
    row_hashes_sha256 varchar(64)  not null,
    size_bytes        bigint       not null,
    row_count         bigint       not null,
    delimiter         varchar(1)   not null,
    columns           jsonb        not null,
    quality           jsonb        not null,
    original_filename varchar(255),
    message           text,
    created_by        varchar(64),
    created_at        timestamptz  not null default now(),
    unique (dataset_id, version),
    -- the same bytes twice are the same version
    unique (dataset_id, sha256)
);
create index dataset_versions_sha256 on dataset_versions (sha256);
create index dataset_versions_row_hashes on dataset_versions (row_hashes_sha256);
