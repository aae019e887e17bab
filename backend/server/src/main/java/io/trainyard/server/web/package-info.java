/**
 * The UI shell: the model every page's layout needs (the caller's projects and the selected one), the
 * project switcher, the home dashboard and the error pages.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Web")
package io.trainyard.server.web;
