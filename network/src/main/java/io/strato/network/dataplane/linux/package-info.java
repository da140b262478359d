/** The dataplane on a Linux host through iproute2 and nftables, and the kernel capability probe. */
package io.strato.network.dataplane.linux;
