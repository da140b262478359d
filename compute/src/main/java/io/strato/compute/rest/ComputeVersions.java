package io.strato.compute.rest;

import io.strato.platform.http.Microversion;

/**
 * The compute API's microversions. The maximum is Nova 2024.1's (Caracal), 2.96: above what the
 * Debian clients ask for (novaclient 18.1 caps "latest" at 2.92; openstacksdk 0.101 resources stop
 * at 2.89), so they always negotiate a version Strato serves.
 */
public final class ComputeVersions {
    public static final Microversion MINIMUM = Microversion.parse("2.1");
    public static final Microversion MAXIMUM = Microversion.parse("2.96");
    public static final Microversion.Range RANGE = new Microversion.Range("compute", "X-OpenStack-Nova-API-Version",
            MINIMUM, MAXIMUM);

    private ComputeVersions() {
    }
}
