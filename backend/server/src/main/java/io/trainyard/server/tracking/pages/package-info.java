/**
 * Tracking in the browser: the experiments of a project, an experiment's runs table (columns, sorting,
 * filter, pages, selection for comparing), a run's page (charts, live updates, artifacts) and the compare
 * view. The JSON and event-stream endpoints here use the browser session, as the pages do.
 */
package io.trainyard.server.tracking.pages;
