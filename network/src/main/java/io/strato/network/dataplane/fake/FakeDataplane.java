package io.strato.network.dataplane.fake;

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
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiFunction;

/**
 * An in-memory dataplane for tests: it keeps the bridges, taps, namespaces, veth pairs, addresses, routes and
 * nftables tables it was asked for, and answers commands through a function the test supplies. Never a default.
 */
public final class FakeDataplane implements Dataplane {
    private record Device(String name, String namespace, String kind, String peer) {
    }

    private final Capabilities capabilities;
    private final BiFunction<String, List<String>, CommandResult> commands;
    private final Map<String, BridgeState> bridges = new TreeMap<>();
    private final Map<String, TapState> taps = new TreeMap<>();
    private final Map<String, Namespace> namespaces = new TreeMap<>();
    /** Veth ends in the host namespace, by name. */
    private final Map<String, Device> hostVeths = new HashMap<>();
    private final List<String> commandLog = new ArrayList<>();

    private static final class Namespace {
        final Map<String, Device> devices = new HashMap<>();
        final Map<String, Set<IpCidr>> addresses = new HashMap<>();
        final Map<String, Route> routes = new TreeMap<>();
        final Map<String, NftablesTable> tables = new TreeMap<>();
        boolean forwarding;
    }

    /** Supports everything; every command exits 0 with no output. */
    public FakeDataplane() {
        this(Capabilities.everything(), (namespace, command) -> new CommandResult(0, "", ""));
    }

    public FakeDataplane(Capabilities capabilities, BiFunction<String, List<String>, CommandResult> commands) {
        this.capabilities = capabilities;
        this.commands = commands;
    }

    @Override
    public Capabilities capabilities() {
        return capabilities;
    }

    /** Every command run so far, as "namespace: command words". */
    public synchronized List<String> commandLog() {
        return List.copyOf(commandLog);
    }

    @Override
    public synchronized void ensureBridge(String name, int mtu) {
        Names.device(name);
        Mtu.check(mtu);
        requireFreeOr(name, "bridge", bridges.containsKey(name));
        bridges.put(name, new BridgeState(name, mtu, true));
    }

    @Override
    public synchronized void deleteBridge(String name) {
        Names.device(name);
        if (!bridges.containsKey(name) && taken(name)) {
            throw conflict(name, "bridge");
        }
        bridges.remove(name);
        taps.replaceAll((tap, state) -> state.bridge().equals(Optional.of(name))
                ? new TapState(tap, state.macAddress(), state.mtu(), Optional.empty(), state.up()) : state);
        new ArrayList<>(hostVeths.values()).stream().filter(device -> name.equals(device.kind()))
                .forEach(device -> hostVeths.put(device.name(), new Device(device.name(), null, "", device.peer())));
    }

    @Override
    public synchronized Optional<BridgeState> bridge(String name) {
        Names.device(name);
        return Optional.ofNullable(bridges.get(name));
    }

    @Override
    public synchronized List<String> listBridges(String prefix) {
        return bridges.keySet().stream().filter(name -> name.startsWith(prefix)).toList();
    }

    @Override
    public synchronized void ensureTap(TapSpec spec) {
        if (!bridges.containsKey(spec.bridge())) {
            throw DataplaneException.notFound("bridge " + spec.bridge() + " (for tap " + spec.name() + ")");
        }
        requireFreeOr(spec.name(), "tap", taps.containsKey(spec.name()));
        taps.put(spec.name(), new TapState(spec.name(), spec.macAddress(), spec.mtu(), Optional.of(spec.bridge()), true));
    }

    @Override
    public synchronized void deleteTap(String name) {
        Names.device(name);
        if (!taps.containsKey(name) && taken(name)) {
            throw conflict(name, "tap");
        }
        taps.remove(name);
    }

    @Override
    public synchronized Optional<TapState> tap(String name) {
        Names.device(name);
        return Optional.ofNullable(taps.get(name));
    }

    @Override
    public synchronized List<String> listTaps(String prefix) {
        return taps.keySet().stream().filter(name -> name.startsWith(prefix)).toList();
    }

    @Override
    public synchronized void ensureNamespace(String name) {
        Names.namespace(name);
        namespaces.computeIfAbsent(name, ignored -> new Namespace());
    }

    @Override
    public synchronized void deleteNamespace(String name) {
        Names.namespace(name);
        Namespace removed = namespaces.remove(name);
        if (removed != null) {
            removed.devices.values().forEach(this::removePeer);
        }
    }

    @Override
    public synchronized boolean namespaceExists(String name) {
        Names.namespace(name);
        return namespaces.containsKey(name);
    }

    @Override
    public synchronized List<String> listNamespaces(String prefix) {
        return namespaces.keySet().stream().filter(name -> name.startsWith(prefix)).toList();
    }

    @Override
    public synchronized void ensureVethPair(LinkEnd first, LinkEnd second) {
        requireLocation(first);
        requireLocation(second);
        if (find(first).isPresent()) {
            return;
        }
        for (LinkEnd end : List.of(first, second)) {
            if (end instanceof LinkEnd.OnBridge && taken(end.device())
                    || end instanceof LinkEnd.InNamespace inNamespace
                            && namespaces.get(inNamespace.namespace()).devices.containsKey(end.device())) {
                throw new DataplaneException(Reason.COMMAND_FAILED, "device " + end.device() + " already exists");
            }
        }
        place(first, second);
        place(second, first);
    }

    @Override
    public synchronized void deleteVethPair(LinkEnd end) {
        if (end instanceof LinkEnd.InNamespace inNamespace && !namespaces.containsKey(inNamespace.namespace())) {
            return;
        }
        find(end).ifPresent(device -> {
            remove(device);
            removePeer(device);
        });
    }

    @Override
    public synchronized void addAddress(String namespace, String device, IpCidr address) {
        requireDevice(namespace, device).addresses.computeIfAbsent(device, ignored -> new LinkedHashSet<>()).add(address);
    }

    @Override
    public synchronized List<IpCidr> addresses(String namespace, String device) {
        return List.copyOf(requireDevice(namespace, device).addresses.getOrDefault(device, Set.of()));
    }

    @Override
    public synchronized void addRoute(String namespace, Route route) {
        Namespace space = requireNamespace(namespace);
        route.device().ifPresent(device -> requireDevice(namespace, device));
        space.routes.put(route.destination().toString(), route);
    }

    /** The routes in the namespace, by destination (the fake's view; the real one asks {@code ip route}). */
    public synchronized List<Route> routes(String namespace) {
        return List.copyOf(requireNamespace(namespace).routes.values());
    }

    @Override
    public synchronized void enableForwarding(String namespace) {
        requireNamespace(namespace).forwarding = true;
    }

    @Override
    public synchronized boolean forwardingEnabled(String namespace) {
        return requireNamespace(namespace).forwarding;
    }

    @Override
    public synchronized CommandResult execute(String namespace, List<String> command, Duration timeout) {
        requireNamespace(namespace);
        if (command.isEmpty()) {
            throw DataplaneException.invalid("no command to run in namespace " + namespace);
        }
        commandLog.add(namespace + ": " + String.join(" ", command));
        return commands.apply(namespace, command);
    }

    @Override
    public synchronized void applyTable(String namespace, NftablesTable table) {
        requireNamespace(namespace).tables.put(table.family().keyword() + " " + table.name(), table);
    }

    @Override
    public synchronized void deleteTable(String namespace, NftablesTable.Family family, String name) {
        requireNamespace(namespace).tables.remove(family.keyword() + " " + name);
    }

    @Override
    public synchronized List<String> listTables(String namespace) {
        return List.copyOf(requireNamespace(namespace).tables.keySet());
    }

    private void place(LinkEnd end, LinkEnd peer) {
        switch (end) {
            case LinkEnd.InNamespace inNamespace -> namespaces.get(inNamespace.namespace()).devices.put(end.device(),
                    new Device(end.device(), inNamespace.namespace(), "veth", peerKey(peer)));
            case LinkEnd.OnBridge onBridge -> hostVeths.put(end.device(),
                    new Device(end.device(), null, onBridge.bridge(), peerKey(peer)));
        }
    }

    private static String peerKey(LinkEnd end) {
        return end instanceof LinkEnd.InNamespace inNamespace ? inNamespace.namespace() + "/" + end.device()
                : "/" + end.device();
    }

    private Optional<Device> find(LinkEnd end) {
        return switch (end) {
            case LinkEnd.InNamespace inNamespace -> Optional.ofNullable(namespaces.get(inNamespace.namespace()))
                    .map(space -> space.devices.get(end.device()));
            case LinkEnd.OnBridge onBridge -> Optional.ofNullable(hostVeths.get(end.device()));
        };
    }

    private void remove(Device device) {
        if (device.namespace() == null) {
            hostVeths.remove(device.name());
        } else {
            Namespace space = namespaces.get(device.namespace());
            if (space != null) {
                space.devices.remove(device.name());
                space.addresses.remove(device.name());
                space.routes.values().removeIf(route -> route.device().equals(Optional.of(device.name())));
            }
        }
    }

    private void removePeer(Device device) {
        String namespace = device.peer().substring(0, device.peer().indexOf('/'));
        String name = device.peer().substring(device.peer().indexOf('/') + 1);
        if (namespace.isEmpty()) {
            hostVeths.remove(name);
        } else if (namespaces.containsKey(namespace)) {
            Device peer = namespaces.get(namespace).devices.get(name);
            if (peer != null) {
                remove(peer);
            }
        }
    }

    private void requireLocation(LinkEnd end) {
        switch (end) {
            case LinkEnd.InNamespace inNamespace -> requireNamespace(inNamespace.namespace());
            case LinkEnd.OnBridge onBridge -> {
                if (!bridges.containsKey(onBridge.bridge())) {
                    throw DataplaneException.notFound("bridge " + onBridge.bridge() + " (for veth " + end.device() + ")");
                }
            }
        }
    }

    private Namespace requireNamespace(String namespace) {
        Names.namespace(namespace);
        Namespace space = namespaces.get(namespace);
        if (space == null) {
            throw DataplaneException.notFound("network namespace " + namespace);
        }
        return space;
    }

    private Namespace requireDevice(String namespace, String device) {
        Names.device(device);
        Namespace space = requireNamespace(namespace);
        if (!space.devices.containsKey(device)) {
            throw new DataplaneException(Reason.NOT_FOUND, "device " + device + " does not exist in namespace " + namespace);
        }
        return space;
    }

    private boolean taken(String name) {
        return bridges.containsKey(name) || taps.containsKey(name) || hostVeths.containsKey(name);
    }

    private void requireFreeOr(String name, String kind, boolean alreadyThatKind) {
        if (!alreadyThatKind && taken(name)) {
            throw conflict(name, kind);
        }
    }

    private static DataplaneException conflict(String name, String wanted) {
        return new DataplaneException(Reason.CONFLICT, "device " + name + " exists but is not a " + wanted);
    }
}
