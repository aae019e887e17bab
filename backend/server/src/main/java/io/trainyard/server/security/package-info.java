/**
 * Users, projects and memberships, API tokens, authentication (form login for the UI; Bearer tokens and
 * HTTP Basic for the API), login throttling and the audit log. Other modules use {@link
 * io.trainyard.server.security.CurrentUser}, {@link io.trainyard.server.security.ProjectAccess} and
 * {@link io.trainyard.server.security.AuditLog}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Security")
package io.trainyard.server.security;
