/**
 * DJL training and inference on tabular data: configs, preprocessing, model templates, the training loop
 * and metrics. Plain Java, no Spring. Filled in by the training work; the module exists now so the build,
 * the BOMs and the dependency direction (executor and server depend on it, never the reverse) are fixed.
 */
package io.trainyard.training;
