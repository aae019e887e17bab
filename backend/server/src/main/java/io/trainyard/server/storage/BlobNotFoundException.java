package io.trainyard.server.storage;

import io.trainyard.server.common.ApiException;

/** 404: no blob is stored under this hash (never stored, or deleted). */
public class BlobNotFoundException extends ApiException.NotFound {

    private final String sha256;

    public BlobNotFoundException(String sha256) {
        super("Blob " + sha256);
        this.sha256 = sha256;
    }

    public String sha256() {
        return sha256;
    }
}
