package io.trainyard.server.datasets.ingest;

import java.io.IOException;
import java.io.InputStream;

/** Uploaded bytes that can be read more than once (a multipart part spooled to disk, a file in a test). */
@FunctionalInterface
public interface ReopenableSource {

    InputStream open() throws IOException;
}
