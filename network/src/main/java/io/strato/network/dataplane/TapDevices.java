package io.strato.network.dataplane;

import java.util.List;
import java.util.Optional;

/** Tap devices for QEMU guest NICs, plugged into bridges. */
public interface TapDevices {
    /**
     * Creates the persistent tap if missing, sets its MAC and MTU, plugs it into the bridge and brings it up.
     * Fails with {@link DataplaneException.Reason#NOT_FOUND} when the bridge does not exist.
     */
    void ensureTap(TapSpec spec);

    /** Deletes the tap; a missing tap is not an error. */
    void deleteTap(String name);

    Optional<TapState> tap(String name);

    /** The names of the taps whose names start with {@code prefix}, sorted. */
    List<String> listTaps(String prefix);
}
