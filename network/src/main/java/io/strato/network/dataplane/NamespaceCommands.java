package io.strato.network.dataplane;

import java.time.Duration;
import java.util.List;

/** Runs programs inside a namespace ({@code ip netns exec}). */
public interface NamespaceCommands {
    /**
     * Runs the command in the namespace and returns its exit code and output; a non-zero exit is a result, not an
     * exception. Fails when the namespace does not exist or the command does not finish within {@code timeout}.
     */
    CommandResult execute(String namespace, List<String> command, Duration timeout);
}
