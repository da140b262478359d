package io.strato.compute.virt.qemu;

import java.nio.file.Path;

/** The files of one guest, all in {@code <instances-dir>/<id>/}. */
record InstanceFiles(Path directory) {
    /** The root disk, a qcow2 overlay of the cached base image. */
    Path disk() {
        return directory.resolve("disk.qcow2");
    }

    /** The serial console, appended to across boots. */
    Path console() {
        return directory.resolve("console.log");
    }

    Path qmpSocket() {
        return directory.resolve("qmp.sock");
    }

    Path pidFile() {
        return directory.resolve("qemu.pid");
    }

    /** QEMU's own messages (start-up errors). */
    Path qemuLog() {
        return directory.resolve("qemu.log");
    }

    /** The {@code InstanceSpec} the guest starts with, as JSON. */
    Path definition() {
        return directory.resolve("instance.json");
    }

    /** Memory and device state of a suspended guest. */
    Path suspendedState() {
        return directory.resolve("suspended.state");
    }
}
