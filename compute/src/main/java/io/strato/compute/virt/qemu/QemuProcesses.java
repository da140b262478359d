package io.strato.compute.virt.qemu;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** Finds and stops daemonized QEMU processes by their pidfiles. */
final class QemuProcesses {
    private QemuProcesses() {
    }

    /** The live QEMU process named by the pidfile; a zombie or a reused pid counts as gone. */
    static Optional<ProcessHandle> alive(Path pidFile) {
        long pid;
        try {
            pid = Long.parseLong(Files.readString(pidFile).strip());
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).filter(QemuProcesses::notZombie)
                .filter(handle -> handle.info().command().map(command -> command.contains("qemu")).orElse(true));
    }

    /** Waits until the process is gone; true when it is. */
    static boolean awaitExit(ProcessHandle process, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (isRunning(process)) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            sleep(Duration.ofMillis(50));
        }
        return true;
    }

    static boolean isRunning(ProcessHandle process) {
        return process.isAlive() && notZombie(process);
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** A process that exited but was not reaped (its parent QEMU daemonized it away) is a zombie. */
    private static boolean notZombie(ProcessHandle process) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
            String afterName = stat.substring(stat.lastIndexOf(')') + 1).strip();
            return !(afterName.startsWith("Z") || afterName.startsWith("X"));
        } catch (IOException | RuntimeException e) {
            return !Files.isDirectory(Path.of("/proc/self")) && process.isAlive();
        }
    }
}
