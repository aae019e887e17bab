/**
 * Drift statistics on a reference and a current sample per feature, and the dataset-level verdict. Plain
 * Java: the server's monitoring module and the benchmarks use it directly.
 */
package io.trainyard.drift;
