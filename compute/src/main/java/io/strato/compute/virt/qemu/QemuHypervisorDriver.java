package io.strato.compute.virt.qemu;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.strato.compute.virt.Acceleration;
import io.strato.compute.virt.DriverCapability;
import io.strato.compute.virt.DriverException;
import io.strato.compute.virt.HostResources;
import io.strato.compute.virt.HypervisorDriver;
import io.strato.compute.virt.InstanceSpec;
import io.strato.compute.virt.PowerState;
import io.strato.compute.virt.RebootType;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Runs each guest as its own daemonized {@code qemu-system-x86_64} process (no libvirt),
 * controlled over QMP on a unix socket. Everything about a guest lives in
 * {@code <instances-dir>/<id>/} (see {@link InstanceFiles}), so guests outlive the driver and a
 * new driver on the same directory takes them over. Base images are converted once into
 * {@code <instances-dir>/_base/<image-id>.qcow2}; each root disk is a qcow2 overlay on that.
 * A guest exists once its {@code instance.json} is written; a directory that a crash left
 * without one is not listed, blocks its id for spawn, and is cleared by {@link #destroy}.
 */
public final class QemuHypervisorDriver implements HypervisorDriver {
    private static final System.Logger LOG = System.getLogger("strato.compute.qemu");
    private static final long GIB = 1L << 30;
    private static final String BASE_DIRECTORY = "_base";
    private static final int UNIX_SOCKET_PATH_LIMIT = 107;
    private static final Duration HARD_STOP = Duration.ofSeconds(10);
    private static final Duration POLL = Duration.ofMillis(100);
    private static final Pattern VERSION = Pattern.compile("version (\\d+\\.\\d+(\\.\\d+)?)");

    private final QemuSettings settings;
    private final Path instancesDirectory;
    private final Acceleration acceleration;
    private final QemuImageTool imageTool;
    private final ObjectMapper json = new ObjectMapper();
    private final ConcurrentHashMap<String, Object> locks = new ConcurrentHashMap<>();
    private volatile String version;

    /** Creates the instances directory if needed and settles KVM or TCG (probing when AUTO). */
    public QemuHypervisorDriver(QemuSettings settings) {
        this.settings = settings;
        try {
            this.instancesDirectory = Files.createDirectories(settings.instancesDirectory()).toAbsolutePath();
            Files.createDirectories(instancesDirectory.resolve(BASE_DIRECTORY));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the instances directory " + settings.instancesDirectory(), e);
        }
        this.imageTool = new QemuImageTool(settings.qemuImageBinary(), settings.commandTimeout(), json);
        this.acceleration = switch (settings.accelerationMode()) {
            case KVM -> Acceleration.KVM;
            case TCG -> Acceleration.TCG;
            case AUTO -> {
                AccelerationProbe.Result result = new AccelerationProbe(settings.qemuBinary(), Path.of("/dev/kvm")).probe();
                LOG.log(System.Logger.Level.INFO, "guests run under {0}: {1}",
                        result.acceleration() == Acceleration.KVM ? "KVM" : "software emulation (TCG)", result.reason());
                yield result.acceleration();
            }
        };
    }

    /** KVM or TCG, as settled at construction. */
    public Acceleration acceleration() {
        return acceleration;
    }

    @Override
    public Set<DriverCapability> capabilities() {
        return Set.copyOf(EnumSet.allOf(DriverCapability.class));
    }

    @Override
    public HostResources host() {
        long memoryMib = 0;
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    memoryMib = Long.parseLong(line.replaceAll("\\D", "")) / 1024;
                }
            }
            long freeGib = Files.getFileStore(instancesDirectory).getUsableSpace() / GIB;
            return new HostResources(Runtime.getRuntime().availableProcessors(), memoryMib, freeGib, "QEMU",
                    qemuVersion(), acceleration);
        } catch (IOException e) {
            throw failure("cannot read the host's resources: " + e.getMessage(), e);
        }
    }

    @Override
    public void spawn(InstanceSpec spec) {
        InstanceFiles files = filesOf(spec.instanceId());
        if (files.qmpSocket().toString().getBytes(StandardCharsets.UTF_8).length > UNIX_SOCKET_PATH_LIMIT) {
            throw new DriverException(DriverException.Reason.INVALID_SPEC, "the instances directory "
                    + instancesDirectory + " is too long a path for the guest's QMP unix socket");
        }
        checkFile(spec.kernel(), "kernel");
        checkFile(spec.ramdisk(), "ramdisk");
        checkFile(spec.configDrive(), "config drive");
        synchronized (lockFor(spec.instanceId())) {
            try {
                Files.createDirectory(files.directory());
            } catch (FileAlreadyExistsException e) {
                throw DriverException.exists(spec.instanceId());
            } catch (IOException e) {
                throw failure("cannot create the directory of instance " + spec.instanceId() + ": " + e.getMessage(), e);
            }
            try {
                Path base = cachedBaseImage(spec);
                long imageSize = imageTool.info(base, false).virtualSize();
                long rootSize = spec.rootDiskGib() * GIB;
                if (rootSize > 0 && rootSize < imageSize) {
                    throw new DriverException(DriverException.Reason.INVALID_SPEC, "the flavor's root disk ("
                            + spec.rootDiskGib() + " GiB) is smaller than image " + spec.baseImageId()
                            + " (" + gibibytes(imageSize) + " GiB virtual size)");
                }
                imageTool.createOverlay(base, files.disk(), rootSize);
                writeDefinition(files, spec);
                start(files, spec, null);
                LOG.log(System.Logger.Level.INFO, "spawned instance {0} ({1} vCPU, {2} MiB, {3})", spec.instanceId(),
                        spec.vcpus(), spec.memoryMib(), acceleration);
            } catch (RuntimeException e) {
                stop(files, Duration.ZERO);
                deleteTree(files.directory());
                throw e;
            }
        }
    }

    @Override
    public void destroy(String instanceId) {
        InstanceFiles files = filesOf(instanceId);
        if (!Files.isDirectory(files.directory())) {
            throw DriverException.notFound(instanceId);
        }
        synchronized (lockFor(instanceId)) {
            stop(files, Duration.ZERO);
            deleteTree(files.directory());
        }
        locks.remove(instanceId);
    }

    @Override
    public void powerOff(String instanceId, Duration grace) {
        InstanceFiles files = existing(instanceId);
        synchronized (lockFor(instanceId)) {
            PowerState state = powerStateOf(files);
            switch (state) {
                case SHUTDOWN -> {
                }
                case SUSPENDED -> throw DriverException.invalidState(instanceId, state, "power off");
                case RUNNING -> stop(files, grace);
                default -> stop(files, Duration.ZERO);
            }
        }
    }

    @Override
    public void powerOn(String instanceId) {
        InstanceFiles files = existing(instanceId);
        synchronized (lockFor(instanceId)) {
            PowerState state = powerStateOf(files);
            switch (state) {
                case RUNNING, PAUSED -> {
                }
                case SUSPENDED -> throw new DriverException(DriverException.Reason.INVALID_STATE,
                        "cannot power on instance " + instanceId + " while it is SUSPENDED; resume it instead");
                default -> {
                    stop(files, Duration.ZERO);
                    start(files, readDefinition(files), null);
                }
            }
        }
    }

    /**
     * HARD: ends the QEMU process and starts a new one from the stored definition (so a resized
     * flavor takes effect). SOFT: presses the ACPI power button, waits up to the soft-reboot
     * timeout for the guest to power off, then starts it; a guest that does not react gets a
     * HARD reboot. (QMP {@code system_reset} is not used: it resets without telling the guest
     * and keeps the old process and its flavor.)
     */
    @Override
    public void reboot(String instanceId, RebootType type) {
        InstanceFiles files = existing(instanceId);
        synchronized (lockFor(instanceId)) {
            PowerState state = powerStateOf(files);
            if (state == PowerState.SUSPENDED) {
                throw DriverException.invalidState(instanceId, state, "reboot");
            }
            if (type == RebootType.SOFT && state == PowerState.RUNNING) {
                if (!powerDownAndWait(files, settings.softRebootTimeout())) {
                    LOG.log(System.Logger.Level.INFO, "instance {0} did not shut down within {1} s; rebooting it hard",
                            instanceId, settings.softRebootTimeout().toSeconds());
                }
            }
            stop(files, Duration.ZERO);
            start(files, readDefinition(files), null);
        }
    }

    @Override
    public void pause(String instanceId) {
        runningCommand(instanceId, PowerState.RUNNING, "pause", "stop");
    }

    @Override
    public void unpause(String instanceId) {
        runningCommand(instanceId, PowerState.PAUSED, "unpause", "cont");
    }

    /**
     * Stops the CPUs, streams the VM state with QMP {@code migrate} to
     * {@code exec:cat > suspended.state.partial && mv ... suspended.state} (so the file appears
     * only once complete) and quits QEMU.
     */
    @Override
    public void suspend(String instanceId) {
        InstanceFiles files = existing(instanceId);
        synchronized (lockFor(instanceId)) {
            PowerState state = powerStateOf(files);
            if (state != PowerState.RUNNING && state != PowerState.PAUSED) {
                throw DriverException.invalidState(instanceId, state, "suspend");
            }
            Path partial = files.directory().resolve("suspended.state.partial");
            Duration timeout = stateTransferTimeout(readDefinition(files));
            try (QmpClient qmp = connect(files)) {
                qmp.execute("stop", null);
                qmp.execute("migrate-set-parameters", json.createObjectNode().put("max-bandwidth", Long.MAX_VALUE / 2));
                String uri = "exec:cat > " + shellQuote(partial) + " && mv " + shellQuote(partial) + " "
                        + shellQuote(files.suspendedState());
                qmp.execute("migrate", json.createObjectNode().put("uri", uri));
                awaitMigration(qmp, instanceId, timeout);
                long deadline = System.nanoTime() + timeout.toNanos();
                while (!Files.exists(files.suspendedState())) {
                    if (System.nanoTime() > deadline) {
                        throw failure("the saved state of instance " + instanceId + " did not appear on disk", null);
                    }
                    QemuProcesses.sleep(POLL);
                }
            } catch (IOException | RuntimeException e) {
                cont(files, state);
                deleteQuietly(partial);
                deleteQuietly(files.suspendedState());
                throw e instanceof DriverException driverException ? driverException
                        : failure("cannot suspend instance " + instanceId + ": " + e.getMessage(), e);
            }
            stop(files, Duration.ZERO);
        }
    }

    /** Starts QEMU with {@code -incoming exec:cat suspended.state}, continues the guest and drops the file. */
    @Override
    public void resume(String instanceId) {
        InstanceFiles files = existing(instanceId);
        synchronized (lockFor(instanceId)) {
            PowerState state = powerStateOf(files);
            if (state != PowerState.SUSPENDED) {
                throw DriverException.invalidState(instanceId, state, "resume");
            }
            InstanceSpec spec = readDefinition(files);
            start(files, spec, "exec:cat " + shellQuote(files.suspendedState()));
            long deadline = System.nanoTime() + stateTransferTimeout(spec).toNanos();
            while (true) {
                Optional<ProcessHandle> process = QemuProcesses.alive(files.pidFile());
                if (process.isEmpty()) {
                    throw failure("qemu-system-x86_64 exited while restoring instance " + instanceId + ": "
                            + CommandRunner.tail(readQuietly(files.qemuLog()), 5), null);
                }
                String status = queryStatus(files);
                if (!"inmigrate".equals(status) && status != null) {
                    if (!"running".equals(status)) {
                        execute(files, "cont");
                    }
                    break;
                }
                if (System.nanoTime() > deadline) {
                    stop(files, Duration.ZERO);
                    throw failure("restoring instance " + instanceId + " did not finish in time", null);
                }
                QemuProcesses.sleep(POLL);
            }
            deleteQuietly(files.suspendedState());
        }
    }

    @Override
    public PowerState powerState(String instanceId) {
        return powerStateOf(existing(instanceId));
    }

    @Override
    public List<String> instances() {
        try (Stream<Path> entries = Files.list(instancesDirectory)) {
            return entries.filter(path -> !path.getFileName().toString().startsWith("_"))
                    .filter(path -> Files.exists(new InstanceFiles(path).definition()))
                    .map(path -> path.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw failure("cannot list " + instancesDirectory + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String consoleOutput(String instanceId, int maxLines) {
        InstanceFiles files = existing(instanceId);
        if (!Files.exists(files.console()) || maxLines <= 0) {
            return "";
        }
        try (RandomAccessFile file = new RandomAccessFile(files.console().toFile(), "r")) {
            long length = file.length();
            int window = (int) Math.min(length, 1 << 20);
            byte[] bytes = new byte[window];
            file.seek(length - window);
            file.readFully(bytes);
            List<String> lines = new String(bytes, StandardCharsets.UTF_8).replace("\r", "").lines().toList();
            List<String> tail = lines.subList(Math.max(0, lines.size() - maxLines), lines.size());
            return tail.isEmpty() ? "" : String.join("\n", tail) + "\n";
        } catch (IOException e) {
            throw failure("cannot read the console of instance " + instanceId + ": " + e.getMessage(), e);
        }
    }

    /**
     * Pauses a running guest (QEMU flushes its disk on stop), copies the overlay and its base into
     * one standalone qcow2 with {@code qemu-img convert -U}, and lets the guest run on.
     */
    @Override
    public void snapshot(String instanceId, Path target) {
        InstanceFiles files = existing(instanceId);
        synchronized (lockFor(instanceId)) {
            PowerState state = powerStateOf(files);
            boolean live = QemuProcesses.alive(files.pidFile()).isPresent();
            if (state == PowerState.RUNNING) {
                execute(files, "stop");
            }
            Path partial = target.resolveSibling(target.getFileName() + ".partial");
            try {
                imageTool.convert(files.disk(), "qcow2", partial, "qcow2", live);
                Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                throw failure("cannot write the snapshot of instance " + instanceId + " to " + target + ": "
                        + e.getMessage(), e);
            } finally {
                deleteQuietly(partial);
                cont(files, state);
            }
        }
    }

    @Override
    public void resize(String instanceId, InstanceSpec newSpec) {
        InstanceFiles files = existing(instanceId);
        if (!newSpec.instanceId().equals(instanceId)) {
            throw new DriverException(DriverException.Reason.INVALID_SPEC,
                    "resize spec is for " + newSpec.instanceId() + ", not " + instanceId);
        }
        synchronized (lockFor(instanceId)) {
            PowerState state = powerStateOf(files);
            if (state != PowerState.SHUTDOWN) {
                throw DriverException.invalidState(instanceId, state, "resize");
            }
            long current = imageTool.info(files.disk(), false).virtualSize();
            long wanted = newSpec.rootDiskGib() * GIB;
            if (wanted > 0 && wanted < current) {
                throw new DriverException(DriverException.Reason.INVALID_SPEC, "cannot shrink the root disk of "
                        + instanceId + " from " + gibibytes(current) + " GiB to " + newSpec.rootDiskGib() + " GiB");
            }
            if (wanted > current) {
                imageTool.resize(files.disk(), wanted);
            }
            writeDefinition(files, newSpec);
        }
    }

    private PowerState powerStateOf(InstanceFiles files) {
        if (QemuProcesses.alive(files.pidFile()).isEmpty()) {
            return Files.exists(files.suspendedState()) ? PowerState.SUSPENDED : PowerState.SHUTDOWN;
        }
        String status = queryStatus(files);
        return status == null ? PowerState.NOSTATE : powerStateOf(status);
    }

    /** QEMU's {@code RunState} names to Nova's power states. */
    static PowerState powerStateOf(String runState) {
        return switch (runState) {
            case "running" -> PowerState.RUNNING;
            case "paused", "prelaunch", "inmigrate", "postmigrate", "finish-migrate", "suspended", "save-vm",
                 "restore-vm", "debug", "colo" -> PowerState.PAUSED;
            case "guest-panicked", "internal-error", "io-error", "watchdog" -> PowerState.CRASHED;
            case "shutdown" -> PowerState.SHUTDOWN;
            default -> PowerState.NOSTATE;
        };
    }

    private String queryStatus(InstanceFiles files) {
        try (QmpClient qmp = connect(files)) {
            return qmp.execute("query-status", null).path("status").asText();
        } catch (IOException | DriverException e) {
            return null;
        }
    }

    private void runningCommand(String instanceId, PowerState required, String operation, String command) {
        InstanceFiles files = existing(instanceId);
        synchronized (lockFor(instanceId)) {
            PowerState state = powerStateOf(files);
            if (state != required) {
                throw DriverException.invalidState(instanceId, state, operation);
            }
            execute(files, command);
        }
    }

    private void execute(InstanceFiles files, String command) {
        try (QmpClient qmp = connect(files)) {
            qmp.execute(command, null);
        } catch (IOException e) {
            throw failure("QEMU of instance " + files.directory().getFileName() + " does not answer " + command
                    + ": " + e.getMessage(), e);
        }
    }

    /** Lets the guest run again if it ran before an operation that stopped it. */
    private void cont(InstanceFiles files, PowerState before) {
        if (before == PowerState.RUNNING && QemuProcesses.alive(files.pidFile()).isPresent()) {
            try {
                execute(files, "cont");
            } catch (DriverException e) {
                LOG.log(System.Logger.Level.WARNING, "cannot continue instance {0}: {1}",
                        files.directory().getFileName(), e.getMessage());
            }
        }
    }

    private QmpClient connect(InstanceFiles files) throws IOException {
        return QmpClient.connect(files.qmpSocket(), json, settings.commandTimeout());
    }

    private void awaitMigration(QmpClient qmp, String instanceId, Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            JsonNode info = qmp.execute("query-migrate", null);
            String status = info.path("status").asText();
            switch (status) {
                case "completed" -> {
                    return;
                }
                case "failed", "cancelled" -> throw failure("saving the state of instance " + instanceId + " failed: "
                        + info.path("error-desc").asText(status), null);
                default -> {
                    if (System.nanoTime() > deadline) {
                        qmp.execute("migrate_cancel", null);
                        throw failure("saving the state of instance " + instanceId + " did not finish within "
                                + timeout.toSeconds() + " s", null);
                    }
                    QemuProcesses.sleep(POLL);
                }
            }
        }
    }

    /** Generous time to write or read the guest's RAM: the command timeout plus 1 s per 50 MiB. */
    private Duration stateTransferTimeout(InstanceSpec spec) {
        return settings.commandTimeout().plusSeconds(spec.memoryMib() / 50);
    }

    /** Presses the ACPI power button and waits for QEMU to exit; true when it did. */
    private boolean powerDownAndWait(InstanceFiles files, Duration grace) {
        Optional<ProcessHandle> process = QemuProcesses.alive(files.pidFile());
        if (process.isEmpty()) {
            return true;
        }
        try {
            execute(files, "system_powerdown");
        } catch (DriverException e) {
            return false;
        }
        return QemuProcesses.awaitExit(process.get(), grace);
    }

    /**
     * Ends the guest's process: ACPI power button and up to {@code grace} for the guest, then QMP
     * {@code quit}, then SIGKILL. Removes the pidfile and socket.
     */
    private void stop(InstanceFiles files, Duration grace) {
        Optional<ProcessHandle> found = QemuProcesses.alive(files.pidFile());
        if (found.isPresent()) {
            ProcessHandle process = found.get();
            boolean gone = !grace.isZero() && powerDownAndWait(files, grace);
            if (!gone) {
                try (QmpClient qmp = connect(files)) {
                    qmp.execute("quit", null);
                } catch (IOException | DriverException e) {
                    // QEMU may close the socket before answering; the wait below decides
                }
                gone = QemuProcesses.awaitExit(process, HARD_STOP);
            }
            if (!gone) {
                process.destroyForcibly();
                if (!QemuProcesses.awaitExit(process, HARD_STOP)) {
                    throw failure("cannot stop QEMU process " + process.pid() + " of instance "
                            + files.directory().getFileName(), null);
                }
            }
        }
        deleteQuietly(files.pidFile());
        deleteQuietly(files.qmpSocket());
    }

    /** Starts a daemonized QEMU for the guest and waits until its QMP socket answers. */
    private void start(InstanceFiles files, InstanceSpec spec, String incomingUri) {
        deleteQuietly(files.pidFile());
        deleteQuietly(files.qmpSocket());
        List<String> command = QemuCommandLine.build(settings, acceleration, spec, files, incomingUri);
        String name = settings.qemuBinary().getFileName().toString();
        long logStart;
        Process launcher;
        try {
            logStart = Files.exists(files.qemuLog()) ? Files.size(files.qemuLog()) : 0;
            launcher = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(files.qemuLog().toFile())).start();
        } catch (IOException e) {
            throw failure("cannot run " + name + ": " + e.getMessage(), e);
        }
        try {
            if (!launcher.waitFor(settings.commandTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
                launcher.destroyForcibly();
                throw failure(name + " did not start within " + settings.commandTimeout().toSeconds() + " s", null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure("interrupted while starting " + name, e);
        }
        if (launcher.exitValue() != 0) {
            String output = readQuietly(files.qemuLog());
            output = output.length() > logStart ? output.substring((int) logStart) : output;
            throw failure(name + " exited with status " + launcher.exitValue() + ": " + CommandRunner.tail(output, 5), null);
        }
        long deadline = System.nanoTime() + settings.commandTimeout().toNanos();
        while (true) {
            try (QmpClient qmp = connect(files)) {
                return;
            } catch (IOException e) {
                if (System.nanoTime() > deadline || QemuProcesses.alive(files.pidFile()).isEmpty()) {
                    throw failure(name + " started but its QMP socket does not answer: " + e.getMessage() + " "
                            + CommandRunner.tail(readQuietly(files.qemuLog()), 3), e);
                }
                QemuProcesses.sleep(POLL);
            }
        }
    }

    /** The base image as a qcow2 in {@code _base/<image-id>.qcow2}, converted on first use. */
    private Path cachedBaseImage(InstanceSpec spec) {
        Path cached = instancesDirectory.resolve(BASE_DIRECTORY).resolve(spec.baseImageId() + ".qcow2");
        synchronized (lockFor(BASE_DIRECTORY + "/" + spec.baseImageId())) {
            if (Files.exists(cached)) {
                return cached;
            }
            if (!Files.isRegularFile(spec.baseImage())) {
                throw new DriverException(DriverException.Reason.INVALID_SPEC,
                        "the file of image " + spec.baseImageId() + " does not exist: " + spec.baseImage());
            }
            Path partial = cached.resolveSibling(cached.getFileName() + ".partial");
            try {
                imageTool.convert(spec.baseImage(), spec.baseImageFormat(), partial, "qcow2", false);
                Files.move(partial, cached, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                throw failure("cannot cache image " + spec.baseImageId() + ": " + e.getMessage(), e);
            } finally {
                deleteQuietly(partial);
            }
            return cached;
        }
    }

    private void writeDefinition(InstanceFiles files, InstanceSpec spec) {
        Path partial = files.definition().resolveSibling("instance.json.partial");
        try {
            json.writerWithDefaultPrettyPrinter().writeValue(partial.toFile(), spec);
            Files.move(partial, files.definition(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw failure("cannot write the definition of instance " + spec.instanceId() + ": " + e.getMessage(), e);
        }
    }

    private InstanceSpec readDefinition(InstanceFiles files) {
        try {
            return json.readValue(files.definition().toFile(), InstanceSpec.class);
        } catch (IOException e) {
            throw failure("cannot read the definition of instance " + files.directory().getFileName() + ": "
                    + e.getMessage(), e);
        }
    }

    private InstanceFiles filesOf(String instanceId) {
        try {
            InstanceSpec.checkId(instanceId);
        } catch (IllegalArgumentException e) {
            throw DriverException.notFound(instanceId);
        }
        return new InstanceFiles(instancesDirectory.resolve(instanceId));
    }

    private InstanceFiles existing(String instanceId) {
        InstanceFiles files = filesOf(instanceId);
        if (!Files.exists(files.definition())) {
            throw DriverException.notFound(instanceId);
        }
        return files;
    }

    private Object lockFor(String key) {
        return locks.computeIfAbsent(key, ignored -> new Object());
    }

    private String qemuVersion() {
        String known = version;
        if (known == null) {
            String output = CommandRunner.run(List.of(settings.qemuBinary().toString(), "--version"),
                    settings.commandTimeout());
            Matcher matcher = VERSION.matcher(output);
            known = matcher.find() ? matcher.group(1) : "unknown";
            version = known;
        }
        return known;
    }

    private static void checkFile(Path file, String what) {
        if (file != null && !Files.isRegularFile(file)) {
            throw new DriverException(DriverException.Reason.INVALID_SPEC, "the " + what + " file does not exist: " + file);
        }
    }

    private static String shellQuote(Path path) {
        String text = path.toString();
        if (text.contains("'")) {
            throw new DriverException(DriverException.Reason.INVALID_SPEC, "path contains a quote: " + text);
        }
        return "'" + text + "'";
    }

    private static long gibibytes(long bytes) {
        return (bytes + GIB - 1) / GIB;
    }

    private static DriverException failure(String message, Throwable cause) {
        return new DriverException(DriverException.Reason.HYPERVISOR_FAILURE, message, cause);
    }

    private static String readQuietly(Path file) {
        try {
            return Files.readString(file, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            return "";
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot delete {0}: {1}", file, e.getMessage());
        }
    }

    private static void deleteTree(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw failure("cannot remove " + directory + ": " + e.getMessage(), e);
        }
    }
}
