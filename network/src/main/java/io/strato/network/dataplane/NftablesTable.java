package io.strato.network.dataplane;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One whole nftables table: its family, name and body (the chains, sets and rules between the braces).
 * Applying it replaces whatever table of that name existed, in one transaction.
 */
public record NftablesTable(Family family, String name, String body) {
    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_-]{0,63}");

    public enum Family {
        IP, IP6, INET, BRIDGE, ARP, NETDEV;

        public String keyword() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public NftablesTable {
        Objects.requireNonNull(family);
        Objects.requireNonNull(body);
        if (name == null || !NAME.matcher(name).matches()) {
            throw DataplaneException.invalid("nftables table name '" + name + "' is not valid: use letters, digits, '_' or '-'");
        }
    }

    /**
     * The {@code nft -f} script: create the table if missing, delete it (dropping every old chain and rule) and
     * define it anew. nft runs a file as one transaction, so the namespace never sees a half-applied ruleset.
     */
    public String script() {
        String header = "table " + family.keyword() + " " + name;
        return header + " {}\n" + "delete " + header + "\n" + header + " {\n" + body.strip() + "\n}\n";
    }
}
