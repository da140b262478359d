package io.strato.image.format;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * VHDX: the identifier {@code vhdxfile} at offset 0. The virtual size comes from the metadata region,
 * followed while streaming by {@link VhdxLocator}; it is unknown when that region could not be read.
 */
final class VhdxHeader {

    private VhdxHeader() {
    }

    static Optional<FormatMatch> inspect(StreamSnapshot stream, VhdxLocator locator) {
        if (!stream.headMatches(0, VhdxLocator.SIGNATURE)) {
            return Optional.empty();
        }
        List<String> problems = new ArrayList<>();
        if (locator.problem() != null) {
            problems.add(locator.problem());
        }
        return Optional.of(FormatMatch.of(DiskFormat.VHDX, locator.virtualSize(), problems));
    }
}
