package io.trainyard.server.common.database;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * After the server process was killed (crash, OOM killer, kill -9) its embedded postmaster keeps running
 * and holds the data directory. Before starting a new one we ask the old one to shut down (SIGTERM: a
 * smart shutdown, it has no clients left); PostgreSQL then recovers from its WAL on the next start.
 */
final class StalePostmaster {

    private static final Logger log = LoggerFactory.getLogger(StalePostmaster.class);
    private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(60);

    private StalePostmaster() {
    }

    static void stopIfRunning(Path dataDirectory) throws IOException {
        Optional<ProcessHandle> postmaster = pidOf(dataDirectory).flatMap(ProcessHandle::of)
                .filter(ProcessHandle::isAlive)
                .filter(process -> isPostmasterOf(process, dataDirectory));
        if (postmaster.isEmpty()) {
            return;
        }
        ProcessHandle process = postmaster.get();
        log.warn("A postmaster (pid {}) from an earlier server process still runs on {}; stopping it",
                process.pid(), dataDirectory);
        process.destroy();
        try {
            process.onExit().get(SHUTDOWN_WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new IOException("The old postmaster (pid " + process.pid() + ") did not stop within "
                    + SHUTDOWN_WAIT.toSeconds() + " s; stop it by hand", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while waiting for the old postmaster to stop", e);
        } catch (ExecutionException e) {
            throw new IOException(e);
        }
    }

    /** A reused pid must not make us stop an unrelated process: the command line must name our data dir. */
    private static boolean isPostmasterOf(ProcessHandle process, Path dataDirectory) {
        ProcessHandle.Info info = process.info();
        return info.command().map(command -> command.endsWith("postgres")).orElse(false)
                && info.commandLine().map(line -> line.contains(dataDirectory.toString())).orElse(false);
    }

    private static Optional<Long> pidOf(Path dataDirectory) throws IOException {
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return Optional.empty();
        }
        List<String> lines = Files.readAllLines(pidFile);
        try {
            return lines.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(lines.get(0).trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
