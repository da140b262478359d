package io.strato.network.dataplane.linux;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.strato.network.dataplane.BridgeState;
import io.strato.network.dataplane.Capabilities;
import io.strato.network.dataplane.CommandResult;
import io.strato.network.dataplane.Dataplane;
import io.strato.network.dataplane.DataplaneException;
import io.strato.network.dataplane.DataplaneException.Reason;
import io.strato.network.dataplane.IpCidr;
import io.strato.network.dataplane.LinkEnd;
import io.strato.network.dataplane.Mtu;
import io.strato.network.dataplane.Names;
import io.strato.network.dataplane.NftablesTable;
import io.strato.network.dataplane.Route;
import io.strato.network.dataplane.TapSpec;
import io.strato.network.dataplane.TapState;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.StreamSupport;

/** The dataplane on a Linux host, through iproute2 ({@code ip}) and nftables ({@code nft}). */
public final class LinuxDataplane implements Dataplane {
    private final HostCommandRunner runner;
    private final KernelCapabilityProbe probe;
    private final ObjectMapper json = new ObjectMapper();
    private Capabilities capabilities;

    public LinuxDataplane(HostCommandRunner runner, KernelCapabilityProbe probe) {
        this.runner = runner;
        this.probe = probe;
    }

    /** A dataplane with a 30 s limit per tool run; the probe's scratch namespaces are named {@code strato-probe-*}. */
    public static LinuxDataplane withDefaults() {
        HostCommandRunner runner = new HostCommandRunner(Duration.ofSeconds(30));
        return new LinuxDataplane(runner, new KernelCapabilityProbe(runner, "strato-"));
    }

    @Override
    public synchronized Capabilities capabilities() {
        if (capabilities == null) {
            capabilities = probe.probe();
        }
        return capabilities;
    }

    // bridges

    @Override
    public void ensureBridge(String name, int mtu) {
        Names.device(name);
        Mtu.check(mtu);
        Optional<JsonNode> existing = link(null, name);
        if (existing.isPresent() && !"bridge".equals(kind(existing.get()))) {
            throw conflict(name, existing.get(), "bridge");
        }
        if (existing.isEmpty()) {
            ip(null, "link", "add", "name", name, "type", "bridge");
        }
        ip(null, "link", "set", "dev", name, "mtu", Integer.toString(mtu), "up");
    }

    @Override
    public void deleteBridge(String name) {
        Names.device(name);
        Optional<JsonNode> existing = link(null, name);
        if (existing.isEmpty()) {
            return;
        }
        if (!"bridge".equals(kind(existing.get()))) {
            throw conflict(name, existing.get(), "bridge");
        }
        ip(null, "link", "delete", "dev", name);
    }

    @Override
    public Optional<BridgeState> bridge(String name) {
        Names.device(name);
        return link(null, name).filter(node -> "bridge".equals(kind(node)))
                .map(node -> new BridgeState(name, node.path("mtu").asInt(), isUp(node)));
    }

    @Override
    public List<String> listBridges(String prefix) {
        return allLinks().stream().filter(node -> "bridge".equals(kind(node))).map(node -> node.path("ifname").asText())
                .filter(name -> name.startsWith(prefix)).sorted().toList();
    }

    // taps

    @Override
    public void ensureTap(TapSpec spec) {
        if (bridge(spec.bridge()).isEmpty()) {
            throw DataplaneException.notFound("bridge " + spec.bridge() + " (for tap " + spec.name() + ")");
        }
        Optional<JsonNode> existing = link(null, spec.name());
        if (existing.isPresent() && !isTap(existing.get())) {
            throw conflict(spec.name(), existing.get(), "tap");
        }
        if (existing.isEmpty()) {
            ip(null, "tuntap", "add", "dev", spec.name(), "mode", "tap");
        }
        ip(null, "link", "set", "dev", spec.name(), "address", spec.macAddress(), "mtu", Integer.toString(spec.mtu()),
                "master", spec.bridge(), "up");
    }

    @Override
    public void deleteTap(String name) {
        Names.device(name);
        Optional<JsonNode> existing = link(null, name);
        if (existing.isEmpty()) {
            return;
        }
        if (!isTap(existing.get())) {
            throw conflict(name, existing.get(), "tap");
        }
        ip(null, "link", "delete", "dev", name);
    }

    @Override
    public Optional<TapState> tap(String name) {
        Names.device(name);
        return link(null, name).filter(LinuxDataplane::isTap)
                .map(node -> new TapState(name, node.path("address").asText(), node.path("mtu").asInt(),
                        node.hasNonNull("master") ? Optional.of(node.get("master").asText()) : Optional.empty(),
                        isUp(node)));
    }

    @Override
    public List<String> listTaps(String prefix) {
        return allLinks().stream().filter(LinuxDataplane::isTap).map(node -> node.path("ifname").asText())
                .filter(name -> name.startsWith(prefix)).sorted().toList();
    }

    // namespaces

    @Override
    public void ensureNamespace(String name) {
        Names.namespace(name);
        if (!namespaceExists(name)) {
            CommandResult result = runner.attempt(List.of("ip", "netns", "add", name));
            if (!result.succeeded() && !namespaceExists(name)) {
                throw new DataplaneException(Reason.COMMAND_FAILED,
                        HostCommandRunner.failure(List.of("ip", "netns", "add", name), result));
            }
        }
        ip(name, "link", "set", "dev", "lo", "up");
    }

    @Override
    public void deleteNamespace(String name) {
        Names.namespace(name);
        if (namespaceExists(name)) {
            // The kernel tears a namespace's devices down asynchronously after "ip netns delete";
            // deleting its veth ends first removes their peers (on bridges) before we return.
            String links = runner.check(List.of("ip", "-n", name, "-j", "link", "show", "type", "veth"));
            if (!links.isBlank()) {
                for (var link : elements(parse(links))) {
                    String device = link.path("ifname").asText("");
                    if (!device.isEmpty()) {
                        runner.check(List.of("ip", "-n", name, "link", "delete", device));
                    }
                }
            }
            runner.check(List.of("ip", "netns", "delete", name));
        }
    }

    @Override
    public boolean namespaceExists(String name) {
        return listNamespaces("").contains(name);
    }

    @Override
    public List<String> listNamespaces(String prefix) {
        String output = runner.check(List.of("ip", "-j", "netns", "list"));
        if (output.isBlank()) {
            return List.of();
        }
        return elements(parse(output)).stream().map(node -> node.path("name").asText())
                .filter(name -> name.startsWith(prefix)).sorted().toList();
    }

    // veth pairs, addresses, routes, forwarding

    @Override
    public void ensureVethPair(LinkEnd first, LinkEnd second) {
        requireLocation(first);
        requireLocation(second);
        if (link(namespaceOf(first).orElse(null), first.device()).isEmpty()) {
            List<String> command = new ArrayList<>(List.of("ip", "link", "add", first.device()));
            namespaceOf(first).ifPresent(namespace -> command.addAll(List.of("netns", namespace)));
            command.addAll(List.of("type", "veth", "peer", "name", second.device()));
            namespaceOf(second).ifPresent(namespace -> command.addAll(List.of("netns", namespace)));
            runner.check(command);
        }
        bringUp(first);
        bringUp(second);
    }

    @Override
    public void deleteVethPair(LinkEnd end) {
        Optional<String> namespace = namespaceOf(end);
        if (namespace.isPresent() && !namespaceExists(namespace.get())) {
            return;
        }
        if (link(namespace.orElse(null), end.device()).isPresent()) {
            ip(namespace.orElse(null), "link", "delete", "dev", end.device());
        }
    }

    @Override
    public void addAddress(String namespace, String device, IpCidr address) {
        requireNamespace(namespace);
        Names.device(device);
        List<String> arguments = new ArrayList<>(List.of("address", "replace", address.toString(), "dev", device));
        if (address.isIpv6()) {
            arguments.add("nodad");
        }
        ip(namespace, arguments.toArray(String[]::new));
    }

    @Override
    public List<IpCidr> addresses(String namespace, String device) {
        requireNamespace(namespace);
        Names.device(device);
        JsonNode links = parse(ip(namespace, "-j", "address", "show", "dev", device));
        List<IpCidr> result = new ArrayList<>();
        for (JsonNode link : elements(links)) {
            for (JsonNode info : elements(link.path("addr_info"))) {
                if (!"link".equals(info.path("scope").asText())) {
                    result.add(IpCidr.parse(info.path("local").asText() + "/" + info.path("prefixlen").asInt()));
                }
            }
        }
        return result;
    }

    @Override
    public void addRoute(String namespace, Route route) {
        requireNamespace(namespace);
        List<String> arguments = new ArrayList<>(List.of("route", "replace", route.destination().toString()));
        route.gateway().ifPresent(gateway -> arguments.addAll(List.of("via", gateway.getHostAddress())));
        route.device().ifPresent(device -> arguments.addAll(List.of("dev", device)));
        ip(namespace, arguments.toArray(String[]::new));
    }

    @Override
    public void enableForwarding(String namespace) {
        requireNamespace(namespace);
        runner.check(List.of("ip", "netns", "exec", namespace, "sysctl", "-q", "-w", "net.ipv4.ip_forward=1",
                "net.ipv6.conf.all.forwarding=1"));
    }

    @Override
    public boolean forwardingEnabled(String namespace) {
        requireNamespace(namespace);
        return runner.check(List.of("ip", "netns", "exec", namespace, "sysctl", "-n", "net.ipv4.ip_forward")).strip()
                .equals("1");
    }

    // commands

    @Override
    public CommandResult execute(String namespace, List<String> command, Duration timeout) {
        requireNamespace(namespace);
        if (command.isEmpty()) {
            throw DataplaneException.invalid("no command to run in namespace " + namespace);
        }
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", namespace));
        full.addAll(command);
        return runner.run(full, null, timeout);
    }

    // nftables

    @Override
    public void applyTable(String namespace, NftablesTable table) {
        requireNamespace(namespace);
        List<String> command = List.of("ip", "netns", "exec", namespace, "nft", "-f", "-");
        CommandResult result = runner.run(command, table.script(), Duration.ofSeconds(30));
        if (!result.succeeded()) {
            throw new DataplaneException(Reason.INVALID_ARGUMENT, "nftables rejected table " + table.family().keyword()
                    + " " + table.name() + " in namespace " + namespace + ": " + HostCommandRunner.tail(result.errorOutput()));
        }
    }

    @Override
    public void deleteTable(String namespace, NftablesTable.Family family, String name) {
        requireNamespace(namespace);
        if (listTables(namespace).contains(family.keyword() + " " + name)) {
            runner.check(List.of("ip", "netns", "exec", namespace, "nft", "delete", "table", family.keyword(), name));
        }
    }

    @Override
    public List<String> listTables(String namespace) {
        requireNamespace(namespace);
        String output = runner.check(List.of("ip", "netns", "exec", namespace, "nft", "list", "tables"));
        return output.lines().map(String::strip).filter(line -> line.startsWith("table "))
                .map(line -> line.substring("table ".length())).sorted().toList();
    }

    // helpers

    private void requireLocation(LinkEnd end) {
        switch (end) {
            case LinkEnd.InNamespace inNamespace -> requireNamespace(inNamespace.namespace());
            case LinkEnd.OnBridge onBridge -> {
                if (bridge(onBridge.bridge()).isEmpty()) {
                    throw DataplaneException.notFound("bridge " + onBridge.bridge() + " (for veth " + end.device() + ")");
                }
            }
        }
    }

    private void bringUp(LinkEnd end) {
        switch (end) {
            case LinkEnd.InNamespace inNamespace -> ip(inNamespace.namespace(), "link", "set", "dev", end.device(), "up");
            case LinkEnd.OnBridge onBridge -> ip(null, "link", "set", "dev", end.device(), "master", onBridge.bridge(), "up");
        }
    }

    private static Optional<String> namespaceOf(LinkEnd end) {
        return end instanceof LinkEnd.InNamespace inNamespace ? Optional.of(inNamespace.namespace()) : Optional.empty();
    }

    private void requireNamespace(String namespace) {
        Names.namespace(namespace);
        if (!namespaceExists(namespace)) {
            throw DataplaneException.notFound("network namespace " + namespace);
        }
    }

    /** The device's {@code ip -j -d link show} record, empty when there is no such device. */
    private Optional<JsonNode> link(String namespace, String device) {
        List<String> command = ipCommand(namespace, "-j", "-d", "link", "show", "dev", device);
        CommandResult result = runner.attempt(command);
        if (!result.succeeded()) {
            if (result.errorOutput().contains("does not exist") || result.errorOutput().contains("Cannot find device")) {
                return Optional.empty();
            }
            throw new DataplaneException(Reason.COMMAND_FAILED, HostCommandRunner.failure(command, result));
        }
        List<JsonNode> nodes = elements(parse(result.output()));
        return nodes.isEmpty() ? Optional.empty() : Optional.of(nodes.getFirst());
    }

    private List<JsonNode> allLinks() {
        return elements(parse(ip(null, "-j", "-d", "link", "show")));
    }

    private String ip(String namespace, String... arguments) {
        List<String> command = ipCommand(namespace, arguments);
        CommandResult result = runner.attempt(command);
        if (!result.succeeded()) {
            String words = result.errorOutput();
            Reason reason = words.contains("Cannot find device") || words.contains("does not exist") ? Reason.NOT_FOUND
                    : Reason.COMMAND_FAILED;
            throw new DataplaneException(reason, HostCommandRunner.failure(command, result)
                    + (namespace == null ? "" : " (in namespace " + namespace + ")"));
        }
        return result.output();
    }

    private static List<String> ipCommand(String namespace, String... arguments) {
        List<String> command = new ArrayList<>(List.of("ip"));
        if (namespace != null) {
            command.addAll(List.of("-n", namespace));
        }
        command.addAll(List.of(arguments));
        return command;
    }

    private JsonNode parse(String output) {
        try {
            return json.readTree(output.isBlank() ? "[]" : output);
        } catch (IOException e) {
            throw new DataplaneException(Reason.COMMAND_FAILED, "cannot read ip's JSON output: " + e.getMessage(), e);
        }
    }

    private static List<JsonNode> elements(JsonNode node) {
        return StreamSupport.stream(node.spliterator(), false).toList();
    }

    private static String kind(JsonNode link) {
        return link.path("linkinfo").path("info_kind").asText("");
    }

    private static boolean isTap(JsonNode link) {
        return "tun".equals(kind(link)) && "tap".equals(link.path("linkinfo").path("info_data").path("type").asText());
    }

    private static boolean isUp(JsonNode link) {
        return elements(link.path("flags")).stream().anyMatch(flag -> "UP".equals(flag.asText()));
    }

    private static DataplaneException conflict(String name, JsonNode existing, String wanted) {
        String kind = kind(existing);
        return new DataplaneException(Reason.CONFLICT, "device " + name + " exists but is " + (kind.isEmpty()
                ? "a plain device" : "a " + kind + " device") + ", not a " + wanted);
    }
}
