package io.strato.compute.virt.qemu;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The {@code qemu-img} operations the driver needs. */
final class QemuImageTool {
    /** What {@code qemu-img info} says about an image. */
    record ImageInfo(String format, long virtualSize, String backingFile) {
    }

    private final Path binary;
    private final Duration timeout;
    private final ObjectMapper json;

    QemuImageTool(Path binary, Duration timeout, ObjectMapper json) {
        this.binary = binary;
        this.timeout = timeout;
        this.json = json;
    }

    /** Reads an image's header; {@code forceShare} reads one that a running QEMU holds locked. */
    ImageInfo info(Path image, boolean forceShare) {
        List<String> command = new ArrayList<>(List.of(binary.toString(), "info", "--output=json"));
        if (forceShare) {
            command.add("-U");
        }
        command.add(image.toString());
        try {
            JsonNode info = json.readTree(CommandRunner.run(command, timeout));
            return new ImageInfo(info.path("format").asText(), info.path("virtual-size").asLong(),
                    info.hasNonNull("backing-filename") ? info.path("backing-filename").asText() : null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Copies an image into a standalone one of another format. */
    void convert(Path source, String sourceFormat, Path target, String targetFormat, boolean forceShare) {
        List<String> command = new ArrayList<>(List.of(binary.toString(), "convert"));
        if (forceShare) {
            command.add("-U");
        }
        if (sourceFormat != null) {
            command.addAll(List.of("-f", sourceFormat));
        }
        command.addAll(List.of("-O", targetFormat, source.toString(), target.toString()));
        CommandRunner.run(command, timeout);
    }

    /** Creates a qcow2 overlay on a qcow2 backing file; {@code sizeBytes} 0 keeps the backing file's size. */
    void createOverlay(Path backing, Path overlay, long sizeBytes) {
        List<String> command = new ArrayList<>(List.of(binary.toString(), "create", "-q", "-f", "qcow2",
                "-F", "qcow2", "-b", backing.toString(), overlay.toString()));
        if (sizeBytes > 0) {
            command.add(Long.toString(sizeBytes));
        }
        CommandRunner.run(command, timeout);
    }

    /** Grows an image to the given virtual size. */
    void resize(Path image, long sizeBytes) {
        CommandRunner.run(List.of(binary.toString(), "resize", "-q", "-f", "qcow2", image.toString(),
                Long.toString(sizeBytes)), timeout);
    }

}
