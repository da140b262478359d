package io.strato.compute.api;

import io.strato.platform.auth.AuthContext;
import java.util.Optional;

/** What the rest of compute (server create, resize) reads about flavors: one flavor the caller may use. */
public interface FlavorReader {
    /** The flavor with this id if it exists and the caller may see it (public, or private with access, or admin). */
    Optional<Flavor> find(AuthContext caller, String flavorId);
}
