/**
 * The network agent's dataplane primitives: bridges, tap devices, namespaces, veth pairs,
 * addresses and routes, commands inside namespaces and nftables rulesets, behind the small
 * role interfaces that {@link io.strato.network.dataplane.Dataplane} combines. Every "ensure"
 * operation is idempotent and every "delete" tolerates a missing object, so the agent can
 * rebuild from the database after a restart and remove stale objects it finds by name prefix.
 */
package io.strato.network.dataplane;
