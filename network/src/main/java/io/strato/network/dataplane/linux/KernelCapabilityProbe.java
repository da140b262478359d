package io.strato.network.dataplane.linux;

import io.strato.network.dataplane.Capabilities;
import io.strato.network.dataplane.CommandResult;
import io.strato.network.dataplane.SegmentationType;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Finds out what the kernel supports by trying it: in a scratch namespace it creates a veth pair and then a
 * VLAN device on one end, a VXLAN device and a VLAN-filtering bridge, and deletes the namespace again. Nothing on the
 * host's own namespace is touched.
 */
public final class KernelCapabilityProbe {
    private final HostCommandRunner runner;
    private final String scratchPrefix;

    /** @param scratchPrefix the scratch namespace's name starts with this (so leftovers can be recognised) */
    public KernelCapabilityProbe(HostCommandRunner runner, String scratchPrefix) {
        this.runner = runner;
        this.scratchPrefix = scratchPrefix;
    }

    public Capabilities probe() {
        String namespace = scratchPrefix + "probe-" + UUID.randomUUID().toString().substring(0, 8);
        runner.check(List.of("ip", "netns", "add", namespace));
        try {
            // a veth end as the lower device: veth is always there, the dummy driver is not on every kernel
            runner.check(List.of("ip", "-n", namespace, "link", "add", "probe0", "type", "veth", "peer", "name", "probe1"));
            Map<SegmentationType, String> unsupported = new EnumMap<>(SegmentationType.class);
            attempt(namespace, List.of("link", "add", "link", "probe0", "name", "probe0.5", "type", "vlan", "id", "5"),
                    "ip link add type vlan").ifPresent(problem -> unsupported.put(SegmentationType.VLAN, problem));
            attempt(namespace, List.of("link", "add", "probevx", "type", "vxlan", "id", "42", "dstport", "4789", "dev",
                    "probe0"), "ip link add type vxlan").ifPresent(problem -> unsupported.put(SegmentationType.VXLAN, problem));
            Optional<String> filtering = attempt(namespace,
                    List.of("link", "add", "probebr", "type", "bridge", "vlan_filtering", "1"),
                    "ip link add type bridge vlan_filtering 1");
            return new Capabilities(unsupported, filtering.isEmpty(), filtering);
        } finally {
            runner.attempt(List.of("ip", "netns", "delete", namespace));
        }
    }

    /** Empty when the command worked, else "what failed: the kernel's words". */
    private Optional<String> attempt(String namespace, List<String> arguments, String what) {
        List<String> command = new java.util.ArrayList<>(List.of("ip", "-n", namespace));
        command.addAll(arguments);
        CommandResult result = runner.attempt(command);
        if (result.succeeded()) {
            return Optional.empty();
        }
        String words = result.errorOutput().isBlank() ? result.output() : result.errorOutput();
        return Optional.of(what + " failed: " + HostCommandRunner.tail(words));
    }
}
