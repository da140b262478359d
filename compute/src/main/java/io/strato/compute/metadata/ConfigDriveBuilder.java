package io.strato.compute.metadata;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Writes a config drive as Nova does (nova/virt/configdrive.py): the files staged in a temporary
 * directory, then an ISO 9660 image with Joliet and Rock Ridge, volume label {@code config-2},
 * made by Debian's {@code genisoimage} or, if that is absent, {@code xorriso -as mkisofs}, with
 * the options Nova passes to mkisofs. The image is written next to the output and renamed into
 * place, so a reader never sees half an image.
 */
public final class ConfigDriveBuilder {
    /** The volume label cloud-init and friends look for. */
    public static final String VOLUME_LABEL = "config-2";

    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    private static final int MAXIMUM_ERROR_CHARACTERS = 2000;

    private final List<String> isoCommand;
    private final String publisher;

    /**
     * @param isoCommand the mkisofs-compatible command, e.g. {@code [genisoimage]} or {@code [xorriso, -as, mkisofs]}
     * @param publisher the ISO publisher field (Nova writes its product and version)
     */
    public ConfigDriveBuilder(List<String> isoCommand, String publisher) {
        if (isoCommand == null || isoCommand.isEmpty()) {
            throw new IllegalArgumentException("isoCommand must name a program");
        }
        this.isoCommand = List.copyOf(isoCommand);
        this.publisher = Objects.requireNonNull(publisher, "publisher");
    }

    /**
     * A builder using {@code genisoimage}, else {@code xorriso -as mkisofs}, found on {@code PATH}.
     *
     * @throws ConfigDriveException if neither is installed
     */
    public static ConfigDriveBuilder usingInstalledTool() {
        return findIsoCommand(System.getenv("PATH")).map(command -> new ConfigDriveBuilder(command, "Strato"))
                .orElseThrow(() -> new ConfigDriveException("cannot make a config drive: neither genisoimage nor "
                        + "xorriso is installed; install one (apt-get install genisoimage)"));
    }

    /** The ISO command found on a search path, if any. */
    public static Optional<List<String>> findIsoCommand(String searchPath) {
        if (onPath("genisoimage", searchPath)) {
            return Optional.of(List.of("genisoimage"));
        }
        if (onPath("xorriso", searchPath)) {
            return Optional.of(List.of("xorriso", "-as", "mkisofs"));
        }
        return Optional.empty();
    }

    private static boolean onPath(String program, String searchPath) {
        if (searchPath == null) {
            return false;
        }
        for (String directory : searchPath.split(File.pathSeparator)) {
            if (!directory.isEmpty() && Files.isExecutable(Path.of(directory, program))) {
                return true;
            }
        }
        return false;
    }

    public List<String> isoCommand() {
        return isoCommand;
    }

    /** Writes the config drive of an instance (every file of {@link MetadataDocuments#configDriveFiles()}). */
    public void build(MetadataDocuments documents, Path output) {
        build(documents.configDriveFiles(), output);
    }

    /**
     * Writes an ISO holding the given files.
     *
     * @param files relative {@code /}-separated paths to contents
     * @param output the image to write (replaced atomically if it exists)
     * @throws ConfigDriveException if the ISO tool fails or cannot run
     * @throws IllegalArgumentException for an absolute path or one with {@code ..}
     */
    public void build(Map<String, byte[]> files, Path output) {
        Path target = output.toAbsolutePath();
        Path staging = null;
        Path partial = null;
        try {
            staging = Files.createTempDirectory("strato-config-drive");
            stage(files, staging);
            Files.createDirectories(target.getParent());
            partial = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".partial");
            runIsoTool(staging, partial);
            moveIntoPlace(partial, target);
            partial = null;
        } catch (IOException e) {
            throw new ConfigDriveException("cannot write config drive " + target + ": " + e.getMessage(), e);
        } finally {
            deleteQuietly(partial);
            deleteTree(staging);
        }
    }

    private static void stage(Map<String, byte[]> files, Path staging) throws IOException {
        for (var file : files.entrySet()) {
            String name = file.getKey();
            Path relative = Path.of(name).normalize();
            if (name.startsWith("/") || relative.isAbsolute() || relative.startsWith("..") || name.isEmpty()) {
                throw new IllegalArgumentException("not a relative path inside the config drive: " + name);
            }
            Path path = staging.resolve(relative);
            Files.createDirectories(path.getParent());
            Files.write(path, file.getValue());
        }
    }

    private void runIsoTool(Path staging, Path partial) throws IOException {
        List<String> command = new ArrayList<>(isoCommand);
        command.addAll(List.of("-o", partial.toString(), "-ldots", "-allow-lowercase", "-allow-multidot", "-l",
                "-publisher", publisher, "-quiet", "-J", "-r", "-V", VOLUME_LABEL, staging.toString()));
        Path log = Files.createTempFile("strato-config-drive", ".log");
        try {
            Process process;
            try {
                process = new ProcessBuilder(command).redirectErrorStream(true)
                        .redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                        .start();
            } catch (IOException e) {
                throw new ConfigDriveException("cannot run " + isoCommand.getFirst() + " to make a config drive ("
                        + e.getMessage() + "); install genisoimage or xorriso", e);
            }
            boolean finished;
            try {
                finished = process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
                throw new ConfigDriveException("interrupted while making a config drive", e);
            }
            if (!finished) {
                process.destroyForcibly();
                throw new ConfigDriveException(isoCommand.getFirst() + " did not finish within "
                        + TIMEOUT.toSeconds() + " s");
            }
            if (process.exitValue() != 0) {
                String output = Files.readString(log, StandardCharsets.UTF_8).strip();
                if (output.length() > MAXIMUM_ERROR_CHARACTERS) {
                    output = output.substring(output.length() - MAXIMUM_ERROR_CHARACTERS);
                }
                throw new ConfigDriveException(String.join(" ", isoCommand) + " exited with status "
                        + process.exitValue() + " making a config drive: " + output);
            }
        } finally {
            Files.deleteIfExists(log);
        }
    }

    private static void moveIntoPlace(Path partial, Path target) throws IOException {
        try {
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void deleteQuietly(Path path) {
        if (path == null) {
            return;
        }
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            // best effort; the file is hidden and marked .partial
        }
    }

    private static void deleteTree(Path root) {
        if (root == null) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(ConfigDriveBuilder::deleteQuietly);
        } catch (IOException | UncheckedIOException e) {
            // best effort
        }
    }
}
