package io.trainyard.server.registry;

/** An alias now points at {@code toVersion} (null: deleted); published in the changing transaction. */
public record AliasChanged(long projectId, String project, String model, String alias, Integer fromVersion,
                           Integer toVersion, String actor, String approver) {
}
