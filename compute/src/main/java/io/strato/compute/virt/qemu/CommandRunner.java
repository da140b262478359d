package io.strato.compute.virt.qemu;

import io.strato.compute.virt.DriverException;
import io.strato.platform.process.HostCommand;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** Runs a host tool to completion with a deadline; failures become {@link DriverException}s with its output. */
final class CommandRunner {
    private static final int TAIL_LINES = 8;

    private CommandRunner() {
    }

    /** Runs the command and returns its standard output. */
    static String run(List<String> command, Duration timeout) {
        HostCommand.Result result;
        try {
            result = HostCommand.run(command, null, timeout);
        } catch (HostCommand.Failure e) {
            String message = switch (e.kind()) {
                case CANNOT_START -> e.getMessage();
                case TIMED_OUT -> name(command) + " did not finish within " + timeout.toSeconds() + " s";
                case INTERRUPTED -> name(command) + " was interrupted";
                case UNREADABLE_OUTPUT -> "cannot read the output of " + name(command);
            };
            throw new DriverException(DriverException.Reason.HYPERVISOR_FAILURE, message, e);
        }
        if (!result.succeeded()) {
            throw new DriverException(DriverException.Reason.HYPERVISOR_FAILURE, name(command) + " exited with status "
                    + result.exitCode() + ": " + tail(result.diagnostics(), TAIL_LINES));
        }
        return result.output();
    }

    /** The last lines of a text, trimmed, joined with " | " so they fit a one-line fault. */
    static String tail(String text, int lines) {
        return HostCommand.tail(text, lines);
    }

    private static String name(List<String> command) {
        String program = Path.of(command.getFirst()).getFileName().toString();
        return command.size() > 1 && !command.get(1).startsWith("-") ? program + " " + command.get(1) : program;
    }
}
