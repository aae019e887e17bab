package io.trainyard.server.storage;

import io.trainyard.server.common.ApiException;

/** 413: the content grew past the limit the caller set; nothing was stored. */
public class BlobTooLargeException extends ApiException.PayloadTooLarge {

    private final long maxBytes;

    public BlobTooLargeException(long maxBytes) {
        super("The content is larger than the limit of " + maxBytes + " bytes");
        this.maxBytes = maxBytes;
    }

    public long maxBytes() {
        return maxBytes;
    }
}
