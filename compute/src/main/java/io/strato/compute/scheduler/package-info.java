/**
 * The compute scheduler's placement logic, as Nova's filter scheduler and placement do it, in pure Java
 * with no I/O. {@link io.strato.compute.scheduler.Scheduler#select} takes a
 * {@link io.strato.compute.scheduler.RequestSpec} and the current
 * {@link io.strato.compute.scheduler.HostState}s, runs the {@link io.strato.compute.scheduler.HostFilter}s,
 * weighs the survivors with the {@link io.strato.compute.scheduler.HostWeigher}s (Nova's normalisation) and
 * returns a {@link io.strato.compute.scheduler.Selection}: a host plus alternates per instance, or a
 * {@link io.strato.compute.scheduler.Selection.NoValidHost} that says which filter removed how many hosts
 * and why. The chosen hosts are then claimed in the {@link io.strato.compute.scheduler.Claims} ledger,
 * which never lets concurrent builds overcommit a host.
 */
package io.strato.compute.scheduler;
