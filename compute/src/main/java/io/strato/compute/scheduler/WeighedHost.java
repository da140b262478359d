package io.strato.compute.scheduler;

/**
 * A candidate host and its total weight (sum over weighers of multiplier times normalised raw weight).
 */
public record WeighedHost(HostState host, double weight) {
}
