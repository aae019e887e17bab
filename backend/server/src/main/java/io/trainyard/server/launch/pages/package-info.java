/** The browser's training form: a run from a dataset version's schema, live validation, clone and edit, cancel. */
package io.trainyard.server.launch.pages;
