package io.trainyard.server.security;

/**
 * Records who did what, when, from where. Call it inside the transaction of the change it describes, so a
 * rolled-back change leaves no record. The actor and client address come from the current request.
 */
public interface AuditLog {

    /**
     * @param action  a dotted verb, e.g. {@code token.created}, {@code dataset.version.created}
     * @param target  what it was done to, e.g. {@code user:alice}, {@code project:default}
     * @param details short free text; never secrets
     */
    void record(String action, String target, String details);

    /** For events with no authenticated caller (failed logins): actor named explicitly. */
    void recordFor(String actor, String action, String target, String details);
}
