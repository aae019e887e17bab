-- The claim as one statement and one round trip. A queue table's statistics are stale by nature (thousands
-- of rows arrive and leave between two autovacuum runs); with too low a row estimate the planner sorts every
-- queued job for each claim. The function's SET clauses leave the planner nothing but the ordered walk of the
-- jobs_claim_order index, for this function only (they used to be a SET LOCAL round trip before the claim).
-- PL/pgSQL rather than SQL: it keeps the statement's plan for the session, where PostgreSQL 17 plans a SQL
-- function's body again at every call.
create function queue_claim(p_executor bigint, p_gpus int, p_labels text[], p_max int, p_lease_millis bigint)
    returns table (id bigint, lease_token uuid, run_id uuid, kind varchar, spec text, attempt int,
                   lease_expires_at timestamptz, priority int)
    language plpgsql volatile
    set enable_seqscan = off
    set enable_bitmapscan = off
as $$
#variable_conflict use_column
begin
    return query
    with picked as materialized (
        select q.id from jobs q
        where q.state = 'queued' and q.not_before <= now()
          and q.gpus <= p_gpus and q.labels <@ p_labels
        order by q.priority desc, q.id
        limit p_max
        for update skip locked),
    claimed as (
        update jobs j set state = 'running', attempt = j.attempt + 1,
               lease_token = gen_random_uuid(),
               lease_expires_at = now() + p_lease_millis * interval '1 millisecond',
               executor_id = p_executor, started_at = now(), progress = null,
               progress_message = null
        from picked where j.id = picked.id
        returning j.id, j.lease_token, j.run_id, j.kind, j.spec::text as spec, j.attempt,
                  j.lease_expires_at, j.priority),
    e as (
        insert into job_events (job_id, from_state, to_state, attempt, actor)
        select c.id, 'queued', 'running', c.attempt, 'executor:' || p_executor from claimed c)
    select c.id, c.lease_token, c.run_id, c.kind, c.spec, c.attempt, c.lease_expires_at, c.priority
    from claimed c;
end
$$;
