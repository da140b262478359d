package io.strato.compute.core;

import io.strato.compute.api.ComputeUsage;
import io.strato.compute.store.QuotaStore;
import io.strato.platform.config.Config;
import io.strato.platform.db.Database;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Compute quotas: configured defaults ({@code compute.quota.<resource>}, Nova's defaults when unset)
 * overridden per project by admins, and the usage the limits API reports.
 */
public final class QuotaManager {
    public static final String INSTANCES = "instances";
    public static final String CORES = "cores";
    public static final String RAM = "ram";
    public static final String METADATA_ITEMS = "metadata_items";
    public static final String KEY_PAIRS = "key_pairs";
    public static final String SERVER_GROUPS = "server_groups";
    public static final String SERVER_GROUP_MEMBERS = "server_group_members";
    public static final String INJECTED_FILES = "injected_files";
    public static final String INJECTED_FILE_CONTENT_BYTES = "injected_file_content_bytes";
    public static final String INJECTED_FILE_PATH_BYTES = "injected_file_path_bytes";
    public static final String FLOATING_IPS = "floating_ips";
    public static final String FIXED_IPS = "fixed_ips";
    public static final String SECURITY_GROUPS = "security_groups";
    public static final String SECURITY_GROUP_RULES = "security_group_rules";

    /** Shown before 2.36 only: the network quotas Nova proxied to nova-network. */
    public static final List<String> NETWORK_RESOURCES = List.of(FLOATING_IPS, FIXED_IPS, SECURITY_GROUPS,
            SECURITY_GROUP_RULES);
    /** Shown before 2.57 only: personality files. */
    public static final List<String> FILE_RESOURCES = List.of(INJECTED_FILES, INJECTED_FILE_CONTENT_BYTES,
            INJECTED_FILE_PATH_BYTES);

    /** Nova's defaults (nova/conf/quota.py), in the order Nova shows them. */
    private static final Map<String, Integer> NOVA_DEFAULTS = ordered(
            INSTANCES, 10, CORES, 20, RAM, 51200, METADATA_ITEMS, 128, KEY_PAIRS, 100, SERVER_GROUPS, 10,
            SERVER_GROUP_MEMBERS, 10, INJECTED_FILES, 5, INJECTED_FILE_CONTENT_BYTES, 10240,
            INJECTED_FILE_PATH_BYTES, 255, FLOATING_IPS, 10, FIXED_IPS, -1, SECURITY_GROUPS, 10,
            SECURITY_GROUP_RULES, 20);

    private final Database database;
    private final QuotaStore store;
    private final Map<String, Integer> defaults;
    private final ComputeUsage usage;

    public QuotaManager(Config config, Database database, QuotaStore store, ComputeUsage usage) {
        this.database = database;
        this.store = store;
        this.usage = usage;
        Map<String, Integer> configured = new LinkedHashMap<>();
        NOVA_DEFAULTS.forEach((resource, value) -> configured.put(resource,
                config.getInt("compute.quota." + resource, value)));
        this.defaults = java.util.Collections.unmodifiableMap(configured);
    }

    /** Every resource name, in Nova's order. */
    public static List<String> resources() {
        return List.copyOf(NOVA_DEFAULTS.keySet());
    }

    public Map<String, Integer> defaults() {
        return defaults;
    }

    /** The project's limits: its overrides on top of the defaults. */
    public Map<String, Integer> limits(String projectId) {
        Map<String, Integer> limits = new LinkedHashMap<>(defaults);
        if (projectId != null) {
            limits.putAll(database.read(session -> store.limits(session, projectId)));
        }
        return limits;
    }

    public int limit(String projectId, String resource) {
        return limits(projectId).get(resource);
    }

    /** Sets the given limits (resource names already validated) and returns the project's limits. */
    public Map<String, Integer> update(String projectId, Map<String, Integer> changes) {
        database.transaction(session -> {
            for (Map.Entry<String, Integer> change : changes.entrySet()) {
                store.put(session, projectId, change.getKey(), change.getValue());
            }
            return null;
        });
        return limits(projectId);
    }

    /** Returns the project to the defaults. */
    public void reset(String projectId) {
        database.transaction(session -> {
            store.deleteAll(session, projectId);
            return null;
        });
    }

    /** What the project uses of each resource (zero where nothing is counted yet). */
    public Map<String, Integer> usage(String projectId) {
        Map<String, Integer> used = new LinkedHashMap<>();
        for (String resource : NOVA_DEFAULTS.keySet()) {
            used.put(resource, 0);
        }
        if (projectId != null) {
            used.putAll(usage.usage(projectId));
        }
        return used;
    }

    private static Map<String, Integer> ordered(Object... pairs) {
        Map<String, Integer> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], (Integer) pairs[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(map);
    }
}
