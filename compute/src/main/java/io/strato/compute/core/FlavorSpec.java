package io.strato.compute.core;

/** What a flavor create asks for; a null id means a generated UUID. */
public record FlavorSpec(String id, String name, int memoryMb, int vcpus, int rootGb, int ephemeralGb, int swapMb,
        double rxtxFactor, boolean isPublic, String description) {
}
