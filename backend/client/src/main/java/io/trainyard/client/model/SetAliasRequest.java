package io.trainyard.client.model;

/** Points an alias at a version (or asks for it, when the alias needs an approval). */
public record SetAliasRequest(Integer version, String comment) {
}
