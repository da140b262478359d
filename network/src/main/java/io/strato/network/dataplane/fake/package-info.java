/** An in-memory dataplane for tests; it passes the same contract suite as the Linux one. */
package io.strato.network.dataplane.fake;
