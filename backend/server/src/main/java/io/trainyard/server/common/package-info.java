/**
 * Shared kernel: configuration properties, the API error model (exceptions rendered as RFC 9457
 * problem+json), pagination tokens and the embedded PostgreSQL for one-machine installs.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Common")
package io.trainyard.server.common;
