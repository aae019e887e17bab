package io.trainyard.server.storage.filesystem;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Forces a directory's entries to disk, so a rename into it survives a power cut. Works where the server runs
 * (Linux, and macOS for development); Windows cannot open a directory this way.
 */
final class Fsync {

    private Fsync() {
    }

    static void directory(Path directory) throws IOException {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }
}
