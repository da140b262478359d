package io.strato.compute.core;

import io.strato.compute.api.Flavor;
import io.strato.compute.store.FlavorStore;
import io.strato.platform.db.Database;
import io.strato.platform.db.DatabaseException;
import io.strato.platform.http.ApiException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Flavors: visibility by project access, create and delete by admins, access lists and extra specs. */
public final class FlavorManager {
    /** Nova's sort keys for flavor listings and how each orders flavors. */
    private static final Map<String, Comparator<Flavor>> SORT_KEYS = Map.ofEntries(
            Map.entry("flavorid", Comparator.comparing(Flavor::id)),
            Map.entry("id", Comparator.comparing(Flavor::createdAt).thenComparing(Flavor::id)),
            Map.entry("created_at", Comparator.comparing(Flavor::createdAt).thenComparing(Flavor::id)),
            Map.entry("updated_at", Comparator.comparing(Flavor::updatedAt, Comparator.nullsFirst(Comparator.naturalOrder()))),
            Map.entry("name", Comparator.comparing(Flavor::name)),
            Map.entry("description", Comparator.comparing(Flavor::description, Comparator.nullsFirst(Comparator.naturalOrder()))),
            Map.entry("memory_mb", Comparator.comparingInt(Flavor::memoryMb)),
            Map.entry("vcpus", Comparator.comparingInt(Flavor::vcpus)),
            Map.entry("root_gb", Comparator.comparingInt(Flavor::rootGb)),
            Map.entry("ephemeral_gb", Comparator.comparingInt(Flavor::ephemeralGb)),
            Map.entry("swap", Comparator.comparingInt(Flavor::swapMb)),
            Map.entry("rxtx_factor", Comparator.comparingDouble(Flavor::rxtxFactor)),
            Map.entry("vcpu_weight", Comparator.comparing(Flavor::id)),
            Map.entry("is_public", Comparator.comparing(Flavor::isPublic)),
            Map.entry("disabled", Comparator.comparing(Flavor::disabled)));

    /** The usual flavors every cloud starts with, under the ids devstack gives them. */
    private static final List<FlavorSpec> DEFAULTS = List.of(
            new FlavorSpec("1", "m1.tiny", 512, 1, 1, 0, 0, 1.0, true, null),
            new FlavorSpec("2", "m1.small", 2048, 1, 20, 0, 0, 1.0, true, null),
            new FlavorSpec("3", "m1.medium", 4096, 2, 40, 0, 0, 1.0, true, null),
            new FlavorSpec("4", "m1.large", 8192, 4, 80, 0, 0, 1.0, true, null),
            new FlavorSpec("5", "m1.xlarge", 16384, 8, 160, 0, 0, 1.0, true, null));

    private final Database database;
    private final FlavorStore store;
    private final Clock clock;

    public FlavorManager(Database database, FlavorStore store, Clock clock) {
        this.database = database;
        this.store = store;
        this.clock = clock;
    }

    /** Creates the default flavors whose id and name are both free; returns how many it created. */
    public int bootstrapDefaults() {
        return database.transaction(session -> {
            int created = 0;
            for (FlavorSpec spec : DEFAULTS) {
                if (store.find(session, spec.id()).isEmpty() && !store.nameExists(session, spec.name())) {
                    store.insert(session, flavor(spec, now()));
                    created++;
                }
            }
            return created;
        });
    }

    public List<Flavor> list(ComputeCaller caller, FlavorQuery query) {
        Comparator<Flavor> order = SORT_KEYS.get(query.sortKey());
        if (order == null) {
            throw ApiException.badRequest("Invalid sort_key or sort_dir");
        }
        Boolean visibility = caller.isAdmin() ? query.isPublic() : Boolean.TRUE;
        List<Flavor> all = database.read(session -> store.list(session, visibility, caller.projectId(), caller.isAdmin()));
        List<Flavor> matching = new ArrayList<>();
        for (Flavor flavor : all) {
            if ((query.minRam() == null || flavor.memoryMb() >= query.minRam())
                    && (query.minDisk() == null || flavor.rootGb() >= query.minDisk())) {
                matching.add(flavor);
            }
        }
        Comparator<Flavor> sorted = order.thenComparing(Flavor::id);
        matching.sort(query.ascending() ? sorted : sorted.reversed());
        int start = 0;
        if (query.marker() != null) {
            start = -1;
            for (int i = 0; i < matching.size(); i++) {
                if (matching.get(i).id().equals(query.marker())) {
                    start = i + 1;
                    break;
                }
            }
            if (start < 0) {
                throw ApiException.badRequest("marker [" + query.marker() + "] not found");
            }
        }
        return List.copyOf(matching.subList(start, Math.min(matching.size(), start + query.limit())));
    }

    /** The flavor if the caller may see it; private flavors need access unless the caller is an admin. */
    public Optional<Flavor> find(ComputeCaller caller, String id) {
        return database.read(session -> {
            Optional<Flavor> flavor = store.find(session, id);
            if (flavor.isPresent() && !flavor.get().isPublic() && !caller.isAdmin()
                    && (caller.projectId() == null || !store.hasAccess(session, id, caller.projectId()))) {
                return Optional.empty();
            }
            return flavor;
        });
    }

    public Flavor get(ComputeCaller caller, String id) {
        return find(caller, id).orElseThrow(() -> notFound(id));
    }

    public Flavor create(FlavorSpec spec) {
        String id = spec.id() == null ? UUID.randomUUID().toString() : spec.id();
        Flavor flavor = flavor(new FlavorSpec(id, spec.name(), spec.memoryMb(), spec.vcpus(), spec.rootGb(),
                spec.ephemeralGb(), spec.swapMb(), spec.rxtxFactor(), spec.isPublic(), spec.description()), now());
        try {
            return database.transaction(session -> {
                if (store.nameExists(session, flavor.name())) {
                    throw ApiException.conflict("Flavor with name " + flavor.name() + " already exists.");
                }
                if (store.find(session, id).isPresent()) {
                    throw ApiException.conflict("Flavor with ID " + id + " already exists.");
                }
                store.insert(session, flavor);
                return flavor;
            });
        } catch (DatabaseException e) {
            if (e.isUniqueViolation()) {
                throw ApiException.conflict("Flavor with name " + flavor.name() + " or ID " + id + " already exists.");
            }
            throw e;
        }
    }

    public Flavor updateDescription(String id, String description) {
        return database.transaction(session -> {
            if (store.find(session, id).isEmpty()) {
                throw notFound(id);
            }
            store.updateDescription(session, id, description, now());
            return store.find(session, id).orElseThrow();
        });
    }

    public void delete(String id) {
        if (!database.transaction(session -> store.delete(session, id))) {
            throw notFound(id);
        }
    }

    /** The projects a private flavor is shared with; 404 for public flavors, as Nova answers. */
    public List<String> access(ComputeCaller caller, String id) {
        Flavor flavor = get(caller, id);
        if (flavor.isPublic()) {
            throw ApiException.notFound("Access list not available for public flavors.");
        }
        return database.read(session -> store.projects(session, id));
    }

    public List<String> addAccess(ComputeCaller caller, String id, String projectId) {
        Flavor flavor = get(caller, id);
        if (flavor.isPublic()) {
            throw ApiException.conflict("Can not add access to a public flavor.");
        }
        return database.transaction(session -> {
            if (store.hasAccess(session, id, projectId)) {
                throw ApiException.conflict("Flavor access already exists for flavor " + id + " and project "
                        + projectId + " combination.");
            }
            store.addProject(session, id, projectId);
            return store.projects(session, id);
        });
    }

    public List<String> removeAccess(ComputeCaller caller, String id, String projectId) {
        get(caller, id);
        return database.transaction(session -> {
            if (!store.removeProject(session, id, projectId)) {
                throw ApiException.notFound("Flavor access not found for " + id + " / " + projectId + " combination.");
            }
            return store.projects(session, id);
        });
    }

    public Map<String, String> extraSpecs(ComputeCaller caller, String id) {
        return get(caller, id).extraSpecs();
    }

    public String extraSpec(ComputeCaller caller, String id, String key) {
        String value = extraSpecs(caller, id).get(key);
        if (value == null) {
            throw specNotFound(id, key);
        }
        return value;
    }

    public Map<String, String> putExtraSpecs(ComputeCaller caller, String id, Map<String, String> specs) {
        get(caller, id);
        return database.transaction(session -> {
            for (Map.Entry<String, String> spec : specs.entrySet()) {
                store.putSpec(session, id, spec.getKey(), spec.getValue());
            }
            return specs;
        });
    }

    public void deleteExtraSpec(ComputeCaller caller, String id, String key) {
        get(caller, id);
        if (!database.transaction(session -> store.deleteSpec(session, id, key))) {
            throw specNotFound(id, key);
        }
    }

    private Flavor flavor(FlavorSpec spec, Instant now) {
        return new Flavor(spec.id(), spec.name(), spec.memoryMb(), spec.vcpus(), spec.rootGb(), spec.ephemeralGb(),
                spec.swapMb(), spec.rxtxFactor(), spec.isPublic(), false, spec.description(), Map.of(), now, null);
    }

    private Instant now() {
        return clock.instant();
    }

    static ApiException notFound(String id) {
        return ApiException.notFound("Flavor " + id + " could not be found.");
    }

    private static ApiException specNotFound(String id, String key) {
        return ApiException.notFound("Flavor " + id + " has no extra specs with key " + key + ".");
    }

}
