package io.strato.compute.core;

/**
 * A flavor listing: visibility ({@code isPublic} null means all, admins only), the minRam/minDisk
 * filters, sort key and direction (Nova's names), and a page after {@code marker}.
 */
public record FlavorQuery(Boolean isPublic, Integer minRam, Integer minDisk, String sortKey, boolean ascending,
        int limit, String marker) {
}
