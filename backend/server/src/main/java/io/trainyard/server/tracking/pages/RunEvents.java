package io.trainyard.server.tracking.pages;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Live updates for open run pages: every {@value #TICK_MILLIS} ms one query per open page (the run's status
 * and each metric's latest point), sent as an {@code update} event when something changed. The stream ends
 * when the run reaches a terminal status. At most {@value #MAX_STREAMS} streams are open at once; pages
 * beyond that simply do not update live.
 */
@Component
class RunEvents implements SmartLifecycle {

    static final int MAX_STREAMS = 200;
    static final long TICK_MILLIS = 2000;
    /** The browser reconnects after this; it bounds what a forgotten tab holds. */
    static final long STREAM_TIMEOUT_MILLIS = 30 * 60 * 1000L;
    /** Without changes, a comment this often finds streams whose browser has gone. */
    private static final int PING_EVERY_TICKS = 10;

    private static final Logger LOG = LoggerFactory.getLogger(RunEvents.class);

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final Set<Stream> streams = ConcurrentHashMap.newKeySet();
    private volatile ScheduledExecutorService ticker;

    RunEvents(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** A stream for the run (the caller's access is already checked), or empty when too many are open. */
    java.util.Optional<SseEmitter> subscribe(UUID runId) {
        if (streams.size() >= MAX_STREAMS || ticker == null) {
            return java.util.Optional.empty();
        }
        SseEmitter emitter = new SseEmitter(STREAM_TIMEOUT_MILLIS);
        Stream stream = new Stream(runId, emitter);
        emitter.onCompletion(() -> streams.remove(stream));
        emitter.onTimeout(() -> streams.remove(stream));
        emitter.onError(e -> streams.remove(stream));
        streams.add(stream);
        send(stream, true);
        return java.util.Optional.of(emitter);
    }

    int open() {
        return streams.size();
    }

    private void tick() {
        for (Stream stream : List.copyOf(streams)) {
            try {
                send(stream, false);
            } catch (RuntimeException e) {
                LOG.debug("run event stream for {} failed", stream.runId, e);
                close(stream);
            }
        }
    }

    private void send(Stream stream, boolean first) {
        Snapshot snapshot = snapshot(stream.runId);
        try {
            if (snapshot == null) {
                close(stream);
                return;
            }
            String data = json.writeValueAsString(snapshot);
            if (first || !data.equals(stream.last)) {
                stream.last = data;
                stream.quietTicks = 0;
                stream.emitter.send(SseEmitter.event().name("update").data(data));
            } else if (++stream.quietTicks >= PING_EVERY_TICKS) {
                stream.quietTicks = 0;
                stream.emitter.send(SseEmitter.event().comment("ping"));
            }
            if (snapshot.terminal()) {
                close(stream);
            }
        } catch (IOException | IllegalStateException e) {
            close(stream);
        }
    }

    private void close(Stream stream) {
        streams.remove(stream);
        try {
            stream.emitter.complete();
        } catch (RuntimeException ignored) {
            // already completed or the connection is gone
        }
    }

    /** One query: the status and every metric's latest point; null when the run is gone. */
    private Snapshot snapshot(UUID runId) {
        List<Object[]> rows = jdbc.sql("""
                select r.status, ms.key, ms.latest_value, ms.latest_step, ms.latest_ts, ms.point_count
                from runs r left join metric_series ms on ms.run_id = r.id where r.id = ? order by ms.key""")
                .param(runId)
                .query((rs, n) -> new Object[] {rs.getString(1), rs.getString(2),
                        rs.getObject(3) == null ? null : rs.getDouble(3),
                        rs.getObject(4) == null ? null : rs.getLong(4),
                        rs.getObject(5) == null ? null : rs.getLong(5),
                        rs.getObject(6) == null ? null : rs.getLong(6)})
                .list();
        if (rows.isEmpty()) {
            return null;
        }
        String status = (String) rows.get(0)[0];
        List<Latest> metrics = new ArrayList<>();
        for (Object[] row : rows) {
            if (row[1] != null) {
                metrics.add(new Latest((String) row[1], (Double) row[2], (Long) row[3], (Long) row[4],
                        (Long) row[5]));
            }
        }
        boolean terminal = !"running".equals(status) && !"queued".equals(status);
        return new Snapshot(status, terminal, metrics);
    }

    record Latest(String key, Double value, Long step, Long timestamp, Long points) {
    }

    record Snapshot(String status, boolean terminal, List<Latest> metrics) {
    }

    private static final class Stream {
        final UUID runId;
        final SseEmitter emitter;
        volatile String last;
        volatile int quietTicks;

        Stream(UUID runId, SseEmitter emitter) {
            this.runId = runId;
            this.emitter = emitter;
        }
    }

    @Override
    public synchronized void start() {
        if (ticker == null) {
            ticker = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "run-events");
                thread.setDaemon(true);
                return thread;
            });
            ticker.scheduleWithFixedDelay(this::tick, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    /** Ends every stream before the web server's graceful shutdown would wait for them. */
    @Override
    public synchronized void stop() {
        if (ticker != null) {
            ticker.shutdownNow();
            ticker = null;
        }
        List.copyOf(streams).forEach(this::close);
    }

    @Override
    public boolean isRunning() {
        return ticker != null;
    }

    @Override
    public int getPhase() {
        return Integer.MAX_VALUE;
    }
}
