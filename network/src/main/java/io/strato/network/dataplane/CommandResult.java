package io.strato.network.dataplane;

/** What a command run inside a namespace did. */
public record CommandResult(int exitCode, String output, String errorOutput) {
    public boolean succeeded() {
        return exitCode == 0;
    }
}
