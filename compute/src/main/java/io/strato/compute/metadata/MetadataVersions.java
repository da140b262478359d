package io.strato.compute.metadata;

import java.util.List;
import java.util.Optional;

/**
 * The metadata format versions Nova serves (nova/api/metadata/base.py): the EC2 ones and the
 * OpenStack ones, each plus {@code latest}, which means the newest.
 */
public final class MetadataVersions {
    /** The alias for the newest version. */
    public static final String LATEST = "latest";

    public static final String FOLSOM = "2012-08-10";
    public static final String GRIZZLY = "2013-04-04";
    public static final String HAVANA = "2013-10-17";
    public static final String LIBERTY = "2015-10-15";
    public static final String NEWTON_ONE = "2016-06-30";
    public static final String NEWTON_TWO = "2016-10-06";
    public static final String OCATA = "2017-02-22";
    public static final String ROCKY = "2018-08-27";
    public static final String VICTORIA = "2020-10-14";
    public static final String EPOXY = "2025-04-04";

    /** OpenStack versions, oldest first. */
    public static final List<String> OPENSTACK = List.of(FOLSOM, GRIZZLY, HAVANA, LIBERTY, NEWTON_ONE, NEWTON_TWO,
            OCATA, ROCKY, VICTORIA, EPOXY);

    /** EC2 versions, oldest first. */
    public static final List<String> EC2 = List.of("1.0", "2007-01-19", "2007-03-01", "2007-08-29", "2007-10-10",
            "2007-12-15", "2008-02-01", "2008-09-01", "2009-04-04");

    /** The EC2 versions Nova writes on a config drive (its default {@code config_drive_skip_versions}). */
    public static final List<String> EC2_ON_CONFIG_DRIVE = List.of("2009-04-04", LATEST);

    private MetadataVersions() {
    }

    /** The OpenStack version a requested one means ({@code latest} is the newest), if known. */
    public static Optional<String> resolveOpenstack(String requested) {
        return resolve(requested, OPENSTACK);
    }

    /** The EC2 version a requested one means ({@code latest} is the newest), if known. */
    public static Optional<String> resolveEc2(String requested) {
        return resolve(requested, EC2);
    }

    private static Optional<String> resolve(String requested, List<String> versions) {
        if (LATEST.equals(requested)) {
            return Optional.of(versions.getLast());
        }
        return versions.contains(requested) ? Optional.of(requested) : Optional.empty();
    }

    /** Whether a resolved OpenStack version is {@code required} or newer. */
    public static boolean openstackAtLeast(String required, String version) {
        return atLeast(required, version, OPENSTACK);
    }

    /** Whether a resolved EC2 version is {@code required} or newer. */
    public static boolean ec2AtLeast(String required, String version) {
        return atLeast(required, version, EC2);
    }

    private static boolean atLeast(String required, String version, List<String> versions) {
        int index = versions.indexOf(version);
        if (index < 0) {
            throw new IllegalArgumentException("unknown metadata version: " + version);
        }
        return index >= versions.indexOf(required);
    }
}
