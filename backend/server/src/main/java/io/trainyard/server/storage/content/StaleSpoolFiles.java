package io.trainyard.server.storage.content;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Spool files that a crashed or killed server left half-written. Only files untouched for a day are removed:
 * another server sharing the directory may still be writing younger ones (a put keeps touching its file).
 */
public final class StaleSpoolFiles {

    public static final Duration MAX_AGE = Duration.ofDays(1);
    private static final Logger log = LoggerFactory.getLogger(StaleSpoolFiles.class);

    private StaleSpoolFiles() {
    }

    public static void removeFrom(Path spoolDirectory) throws IOException {
        FileTime cutoff = FileTime.from(Instant.now().minus(MAX_AGE));
        int removed = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(spoolDirectory, SpooledContent.FILE_GLOB)) {
            for (Path file : files) {
                if (isOlderThan(file, cutoff) && Files.deleteIfExists(file)) {
                    removed++;
                }
            }
        }
        if (removed > 0) {
            log.info("Removed {} unfinished upload(s) older than {} from {}", removed, MAX_AGE, spoolDirectory);
        }
    }

    private static boolean isOlderThan(Path file, FileTime cutoff) throws IOException {
        try {
            return Files.getLastModifiedTime(file).compareTo(cutoff) < 0;
        } catch (NoSuchFileException e) {
            return false;
        }
    }
}
