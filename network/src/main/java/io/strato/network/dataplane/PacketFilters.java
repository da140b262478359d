package io.strato.network.dataplane;

import java.util.List;

/** nftables tables inside namespaces (security groups, NAT for routers). */
public interface PacketFilters {
    /** Replaces the whole table in the namespace in one transaction (see {@link NftablesTable#script()}). */
    void applyTable(String namespace, NftablesTable table);

    /** Deletes the table; a missing table is not an error. */
    void deleteTable(String namespace, NftablesTable.Family family, String name);

    /** The tables in the namespace as {@code family name}, e.g. {@code inet filter}, sorted. */
    List<String> listTables(String namespace);
}
