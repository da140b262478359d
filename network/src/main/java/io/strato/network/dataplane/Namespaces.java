package io.strato.network.dataplane;

import java.util.List;

/** Network namespaces (for DHCP servers, routers and test guests). */
public interface Namespaces {
    /** Creates the namespace if missing, with its loopback up. */
    void ensureNamespace(String name);

    /** Deletes the namespace and every device inside it; a missing namespace is not an error. */
    void deleteNamespace(String name);

    boolean namespaceExists(String name);

    /** The names of the namespaces whose names start with {@code prefix}, sorted. */
    List<String> listNamespaces(String prefix);
}
