package io.strato.network.dataplane.linux;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.strato.network.dataplane.CommandResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;

/**
 * Names and cleanup for tests on the real kernel. Every namespace and host device a test makes starts with
 * {@link #FAMILY} plus four random characters; cleanup removes only names with that family prefix.
 */
final class TestNetworks {
    /** The prefix shared by all runs, so leftovers of a crashed run are found and removed. */
    static final String FAMILY = "stnt";

    final HostCommandRunner runner = new HostCommandRunner(Duration.ofSeconds(30));
    final String prefix = FAMILY + UUID.randomUUID().toString().replace("-", "").substring(0, 4);

    /** Skips the calling tests unless this process is root and may create network namespaces. */
    void assumeNamespacesWork() {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "network tests need root");
        String probe = prefix + "-check";
        CommandResult added = runner.run(List.of("ip", "netns", "add", probe), null, Duration.ofSeconds(10));
        Assumptions.assumeTrue(added.succeeded(), () -> "ip netns add does not work here: " + added.errorOutput());
        runner.run(List.of("ip", "netns", "delete", probe), null, Duration.ofSeconds(10));
    }

    LinuxDataplane dataplane() {
        return new LinuxDataplane(runner, new KernelCapabilityProbe(runner, prefix));
    }

    /** Removes every namespace and host device whose name starts with {@code namePrefix}; best effort. */
    void removeAll(String namePrefix) {
        for (String namespace : namespaces(namePrefix)) {
            runner.run(List.of("ip", "netns", "delete", namespace), null, Duration.ofSeconds(10));
        }
        for (String device : hostDevices(namePrefix)) {
            runner.run(List.of("ip", "link", "delete", "dev", device), null, Duration.ofSeconds(10));
        }
    }

    List<String> namespaces(String namePrefix) {
        return names(runner.run(List.of("ip", "-j", "netns", "list"), null, Duration.ofSeconds(10)), "name", namePrefix);
    }

    List<String> hostDevices(String namePrefix) {
        return names(runner.run(List.of("ip", "-j", "link", "show"), null, Duration.ofSeconds(10)), "ifname", namePrefix);
    }

    private static List<String> names(CommandResult result, String field, String namePrefix) {
        if (!result.succeeded() || result.output().isBlank()) {
            return List.of();
        }
        try {
            List<String> names = new ArrayList<>();
            for (JsonNode node : new ObjectMapper().readTree(result.output())) {
                String name = node.path(field).asText();
                if (name.startsWith(namePrefix)) {
                    names.add(name);
                }
            }
            return names;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
