package io.strato.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The token benchmark: issue (password auth, project scope) and validate ({@code GET /v3/auth/tokens})
 * against any number of Keystone v3 endpoints and floor servers, at several concurrencies, bounded in
 * count and time; then, per Keystone-like target, 10,000 tokens are issued and revoked and validation
 * is measured again, next to a fresh "before" figure taken just ahead of the revocations.
 *
 * <p>Validate phases of a fast target that finish their count in less than {@code --min-phase-seconds}
 * go on until then (at most 20 times the count), so that they are not measured over a fraction of
 * a second; the table gives the requests actually measured.
 *
 * <p>Each target first gets an unmeasured warm-up of up to {@code --warmup-seconds} (validate, then
 * issue, at concurrency 4) so that JIT compilation and pools are settled before the first phase;
 * each phase then has its own short warm-up. Phases run level by level, the targets in turn, so
 * that a change in the machine's load hits every target alike.
 *
 * <pre>
 * java -cp strato-bench.jar io.strato.bench.TokenBench \
 *     --target strato --openrc /tmp/strato/admin-openrc.sh \
 *     --target keystone --openrc /var/lib/strato-bench-keystone/admin-openrc.sh \
 *     --target floor --floor http://127.0.0.1:18999/v3 \
 *     [--concurrency 1,4,16] [--validate-requests 2000] [--issue-requests 150] [--warmup 500]
 *     [--issue-warmup 10] [--warmup-seconds 8] [--min-phase-seconds 3] [--revoked 10000]
 *     [--revoke-concurrency 16] [--revoked-validate-requests 600] [--request-timeout 30]
 *     [--no-revocation] [--phase-seconds 120] [--revoke-seconds 300] [--catalog-size 10]
 *     [--subject strato] [--reference keystone] [--floor-name floor] [--csv results.csv]
 * </pre>
 *
 * A target given by {@code --openrc FILE} (or {@code --url URL --user U --password-env VAR --project P})
 * is set up as admin: a domain-default user {@code bench} with a password, a project {@code bench},
 * role {@code member} granted, and services with public/internal/admin endpoints added until the
 * token's catalog has {@code --catalog-size} entries. A {@code --floor URL} target gets the same
 * requests without any set-up. Every non-2xx answer is an error; the exit status is 3 when any
 * phase had errors or a target could not be set up (the others are still measured), 2 on bad
 * usage, 1 when no target could be set up.
 */
public final class TokenBench {
    static final String BENCH_NAME = "bench";
    static final String BENCH_ROLE = "member";

    /** How to reach one target and, unless it is a floor, its admin. */
    record TargetSpec(String name, String url, boolean floor, String adminUser, String adminPassword,
            String adminProject, String userDomain, String projectDomain) {
    }

    /** A target after set-up: the tokens and request bodies the phases use. */
    static final class Target {
        final TargetSpec spec;
        final KeystoneApi api;
        String adminToken;
        String benchToken;
        String projectId;
        byte[] issueBody;
        int catalogSize = -1;
        int validateBytes = -1;
        int revokedCount;

        Target(TargetSpec spec, KeystoneApi api) {
            this.spec = spec;
            this.api = api;
        }
    }

    // ---- options ----
    private final List<TargetSpec> specs = new ArrayList<>();
    private int[] concurrency = {1, 4, 16};
    private int validateRequests = 2000;
    private int issueRequests = 150;
    private int warmup = 500;
    private int issueWarmup = 10;
    private int revoked = 10_000;
    private int revokeConcurrency = 16;
    private int revokedValidateRequests = 600;
    private long warmupSeconds = 8;
    private double minPhaseSeconds = 3;
    private boolean revocation = true;
    private long phaseSeconds = 120;
    private long revokeSeconds = 300;
    private int catalogSize = 10;
    private String subject = "strato";
    private String reference = "keystone";
    private String floorName = "floor";
    private String benchPassword = "bench-Secret-0123";
    private Path csv;
    private Duration requestTimeout = Duration.ofSeconds(30);

    private final PrintStream out = System.out;
    private final List<LoadPhase.Result> results = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    public static void main(String[] args) {
        TokenBench bench = new TokenBench();
        try {
            bench.parse(args);
        } catch (IllegalArgumentException | IOException e) {
            System.err.println("token-bench: " + e.getMessage());
            System.err.println("usage: TokenBench --target NAME (--openrc FILE | --url URL --user U --password-env VAR "
                    + "--project P | --floor URL) ... [options; see the class comment or bench/README.md]");
            System.exit(2);
        }
        System.exit(bench.run());
    }

    private void parse(String[] args) throws IOException {
        String name = null;
        Map<String, String> t = new LinkedHashMap<>();
        List<Map<String, String>> raw = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument " + a);
            }
            if (a.equals("--no-revocation")) {
                revocation = false;
                continue;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(a + " needs a value");
            }
            String v = args[++i];
            switch (a) {
                case "--target" -> {
                    t = new LinkedHashMap<>();
                    t.put("name", v);
                    raw.add(t);
                    name = v;
                }
                case "--openrc", "--url", "--user", "--password-env", "--project", "--floor", "--user-domain",
                        "--project-domain" -> {
                    if (name == null) {
                        throw new IllegalArgumentException(a + " must follow --target NAME");
                    }
                    t.put(a.substring(2), v);
                }
                case "--concurrency" -> concurrency = Arrays.stream(v.split(",")).map(String::trim)
                        .mapToInt(Integer::parseInt).toArray();
                case "--validate-requests" -> validateRequests = Integer.parseInt(v);
                case "--issue-requests" -> issueRequests = Integer.parseInt(v);
                case "--warmup" -> warmup = Integer.parseInt(v);
                case "--issue-warmup" -> issueWarmup = Integer.parseInt(v);
                case "--revoked" -> revoked = Integer.parseInt(v);
                case "--revoke-concurrency" -> revokeConcurrency = Integer.parseInt(v);
                case "--revoked-validate-requests" -> revokedValidateRequests = Integer.parseInt(v);
                case "--warmup-seconds" -> warmupSeconds = Long.parseLong(v);
                case "--min-phase-seconds" -> minPhaseSeconds = Double.parseDouble(v);
                case "--phase-seconds" -> phaseSeconds = Long.parseLong(v);
                case "--revoke-seconds" -> revokeSeconds = Long.parseLong(v);
                case "--request-timeout" -> requestTimeout = Duration.ofSeconds(Long.parseLong(v));
                case "--catalog-size" -> catalogSize = Integer.parseInt(v);
                case "--subject" -> subject = v;
                case "--reference" -> reference = v;
                case "--floor-name" -> floorName = v;
                case "--bench-password" -> benchPassword = v;
                case "--csv" -> csv = Path.of(v);
                default -> throw new IllegalArgumentException("unknown option " + a);
            }
        }
        if (raw.isEmpty()) {
            throw new IllegalArgumentException("no --target given");
        }
        for (Map<String, String> r : raw) {
            specs.add(spec(r));
        }
    }

    private static TargetSpec spec(Map<String, String> r) throws IOException {
        String name = r.get("name");
        if (r.containsKey("floor")) {
            return new TargetSpec(name, r.get("floor"), true, null, null, null, "Default", "Default");
        }
        Map<String, String> env = new LinkedHashMap<>();
        if (r.containsKey("openrc")) {
            env.putAll(readOpenrc(Path.of(r.get("openrc"))));
        }
        String url = r.getOrDefault("url", env.get("OS_AUTH_URL"));
        String user = r.getOrDefault("user", env.getOrDefault("OS_USERNAME", "admin"));
        String password = r.containsKey("password-env") ? System.getenv(r.get("password-env")) : env.get("OS_PASSWORD");
        String project = r.getOrDefault("project", env.getOrDefault("OS_PROJECT_NAME", "admin"));
        String userDomain = r.getOrDefault("user-domain", env.getOrDefault("OS_USER_DOMAIN_NAME", "Default"));
        String projectDomain = r.getOrDefault("project-domain", env.getOrDefault("OS_PROJECT_DOMAIN_NAME", "Default"));
        if (url == null || password == null) {
            throw new IllegalArgumentException("target " + name + ": no URL or admin password (use --openrc)");
        }
        url = url.replaceAll("/+$", "");
        if (!url.endsWith("/v3")) {
            url = url + "/v3";
        }
        return new TargetSpec(name, url, false, user, password, project, userDomain, projectDomain);
    }

    /** Reads {@code export KEY=VALUE} lines, with optional single or double quotes. */
    static Map<String, String> readOpenrc(Path file) throws IOException {
        Map<String, String> env = new LinkedHashMap<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String l = line.strip();
            if (l.startsWith("export ")) {
                l = l.substring(7).strip();
            }
            int eq = l.indexOf('=');
            if (l.startsWith("#") || eq <= 0) {
                continue;
            }
            String key = l.substring(0, eq).strip();
            String value = l.substring(eq + 1).strip();
            if (value.length() >= 2 && (value.startsWith("'") && value.endsWith("'")
                    || value.startsWith("\"") && value.endsWith("\""))) {
                value = value.substring(1, value.length() - 1);
            }
            env.put(key, value);
        }
        return env;
    }

    // ---- the run ----

    /** The 1-minute load average, or -1 where /proc/loadavg is not there. */
    static double loadAverage() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split("\\s+")[0]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private double loadAtStart;

    private int run() {
        Instant started = Instant.now();
        loadAtStart = loadAverage();
        out.printf(Locale.ROOT, "token-bench %s: concurrency %s, validate %d req/level (warm-up %d, at least %.0f s), "
                + "issue %d req/level (warm-up %d), revoked %s%n", started, Arrays.toString(concurrency), validateRequests,
                warmup, minPhaseSeconds, issueRequests, issueWarmup,
                revocation ? revoked + " (validate " + revokedValidateRequests + " req/level)" : "off");
        List<Target> targets = new ArrayList<>();
        for (TargetSpec spec : specs) {
            Target target = new Target(spec, new KeystoneApi(spec.url(), KeystoneApi.newClient(), requestTimeout));
            try {
                if (spec.floor()) {
                    setUpFloor(target);
                } else {
                    setUp(target);
                }
            } catch (RuntimeException e) {
                // The other targets are still worth measuring; the run ends marked as failed.
                notes.add("set-up of " + spec.name() + " at " + spec.url() + " failed, not measured: " + e.getMessage());
                out.println("!!! set-up of " + spec.name() + " at " + spec.url() + " failed: " + e.getMessage());
                continue;
            }
            targets.add(target);
        }
        if (targets.isEmpty()) {
            return 1;
        }

        long deadline = Duration.ofSeconds(phaseSeconds).toNanos();
        if (warmupSeconds > 0) {
            for (Target t : targets) {
                var validate = t.api.validateRequest(t.adminToken, t.benchToken);
                var issue = t.api.issueRequest(t.issueBody);
                long half = Duration.ofSeconds(warmupSeconds).toNanos() / 2;
                LoadPhase.Result w1 = LoadPhase.run(t.spec.name(), "warm-up", 4, 0, 20_000, half, () -> t.api.send(validate));
                LoadPhase.Result w2 = LoadPhase.run(t.spec.name(), "warm-up", 4, 0, 200, half, () -> t.api.send(issue));
                out.printf(Locale.ROOT, "  %-9s warm-up: %d validate, %d issue%s%n", t.spec.name(), w1.requests(),
                        w2.requests(), w1.errors() + w2.errors() > 0 ? " (" + (w1.errors() + w2.errors()) + " errors)" : "");
            }
        }
        for (int c : concurrency) {
            for (Target t : targets) {
                var validate = t.api.validateRequest(t.adminToken, t.benchToken);
                record(LoadPhase.run(t.spec.name(), "validate", c, warmup, validateRequests, deadline, minPhase(),
                        () -> t.api.send(validate)));
            }
        }
        for (int c : concurrency) {
            for (Target t : targets) {
                var issue = t.api.issueRequest(t.issueBody);
                record(LoadPhase.run(t.spec.name(), "issue", c, issueWarmup, issueRequests, deadline,
                        () -> t.api.send(issue)));
            }
        }
        if (revocation) {
            for (Target t : targets) {
                if (!t.spec.floor()) {
                    try {
                        revocationRun(t, deadline);
                    } catch (RuntimeException e) {
                        notes.add("revocation run on " + t.spec.name() + " failed: " + e.getMessage());
                        out.println("!!! revocation run on " + t.spec.name() + " failed: " + e.getMessage());
                    }
                }
            }
        }
        report(targets, started);
        return results.stream().anyMatch(r -> r.errors() > 0 || r.cutShort()) || !notes.isEmpty() ? 3 : 0;
    }

    private long minPhase() {
        return (long) (minPhaseSeconds * 1e9);
    }

    private void record(LoadPhase.Result r) {
        results.add(r);
        out.printf(Locale.ROOT, "  %-9s %-16s c=%-3d %6d req %8.1f rps  p50 %8.2f ms  p99 %8.2f ms%s%s%n",
                r.target(), r.operation(), r.concurrency(), r.requests(), r.rps(), r.percentileMs(50),
                r.percentileMs(99), r.errors() > 0 ? "  ERRORS " + r.errors() : "",
                r.cutShort() ? "  CUT SHORT at the phase deadline" : "");
        for (String e : r.errorSamples()) {
            out.println("      error: " + e);
        }
        out.flush();
    }

    private void setUpFloor(Target t) {
        t.adminToken = "floor-admin-token";
        t.benchToken = ConstantServer.TOKEN;
        t.issueBody = KeystoneApi.passwordAuthBody(BENCH_NAME, "Default", benchPassword, BENCH_NAME, "Default");
        KeystoneApi.Answer a = t.api.send(t.api.validateRequest(t.adminToken, t.benchToken));
        if (!a.ok()) {
            throw new KeystoneApi.BenchException("floor answered " + a.status());
        }
        t.validateBytes = a.body().length;
        out.printf("%s: floor at %s (constant %d-byte answer)%n", t.spec.name(), t.spec.url(), t.validateBytes);
    }

    /** Idempotent admin set-up of the bench user, project, role grant and catalog. */
    private void setUp(Target t) {
        TargetSpec s = t.spec;
        KeystoneApi api = t.api;
        KeystoneApi.Answer admin = api.authenticate(s.adminUser(), s.userDomain(), s.adminPassword(),
                s.adminProject(), s.projectDomain());
        if (!admin.ok() || admin.subjectToken() == null) {
            throw new KeystoneApi.BenchException("admin authentication -> " + admin.status() + " " + admin.text());
        }
        t.adminToken = admin.subjectToken();
        String token = t.adminToken;
        String domainId = api.domainId(token, "Default");
        String q = "name=" + BENCH_NAME + "&domain_id=" + KeystoneApi.enc(domainId);
        t.projectId = api.ensure(token, "projects", "project", q, Map.of("name", BENCH_NAME, "domain_id", domainId,
                "description", "token benchmark", "enabled", true));
        String userId = api.ensure(token, "users", "user", q, Map.of("name", BENCH_NAME, "domain_id", domainId,
                "password", benchPassword, "default_project_id", t.projectId, "enabled", true));
        String roleId = api.ensure(token, "roles", "role", "name=" + BENCH_ROLE, Map.of("name", BENCH_ROLE));
        KeystoneApi.Answer grant = api.call("PUT", "/projects/" + t.projectId + "/users/" + userId + "/roles/" + roleId,
                token, null);
        if (!grant.ok()) {
            throw new KeystoneApi.BenchException("role grant -> " + grant.status() + " " + grant.text());
        }
        t.issueBody = KeystoneApi.passwordAuthBody(BENCH_NAME, "Default", benchPassword, BENCH_NAME, "Default");
        KeystoneApi.Answer bench = api.send(api.issueRequest(t.issueBody));
        if (bench.status() == 401) { // the user exists from an earlier run with another password
            api.require("PATCH", "/users/" + userId, token, Map.of("user", Map.of("password", benchPassword)));
            bench = api.send(api.issueRequest(t.issueBody));
        }
        if (!bench.ok() || bench.subjectToken() == null) {
            throw new KeystoneApi.BenchException("bench user authentication -> " + bench.status() + " " + bench.text());
        }
        int catalog = bench.json().path("token").path("catalog").size();
        if (catalog < catalogSize) {
            addServices(t, catalogSize - catalog, bench.json().path("token").path("catalog"));
            bench = api.send(api.issueRequest(t.issueBody));
            if (!bench.ok()) {
                throw new KeystoneApi.BenchException("bench user authentication -> " + bench.status());
            }
            catalog = bench.json().path("token").path("catalog").size();
        }
        t.catalogSize = catalog;
        t.benchToken = bench.subjectToken();
        KeystoneApi.Answer v = api.send(api.validateRequest(t.adminToken, t.benchToken));
        if (!v.ok()) {
            throw new KeystoneApi.BenchException("validate -> " + v.status() + " " + v.text());
        }
        t.validateBytes = v.body().length;
        if (catalog != catalogSize) {
            notes.add(s.name() + " catalog has " + catalog + " services, not " + catalogSize);
        }
        out.printf("%s: %s ready: user %s, project %s, catalog %d services, validate answer %d bytes%n",
                s.name(), s.url(), userId, t.projectId, catalog, t.validateBytes);
    }

    /** Adds {@code missing} services named bench-NN, each with public, internal and admin endpoints. */
    private void addServices(Target t, int missing, JsonNode catalog) {
        KeystoneApi api = t.api;
        String region = null;
        Set<String> inCatalog = new HashSet<>();
        for (JsonNode entry : catalog) {
            inCatalog.add(entry.path("type").asText());
            for (JsonNode ep : entry.path("endpoints")) {
                if (region == null && ep.hasNonNull("region_id")) {
                    region = ep.path("region_id").asText();
                }
            }
        }
        Map<String, String> existing = new LinkedHashMap<>();
        for (JsonNode svc : api.list(t.adminToken, "services", null)) {
            existing.put(svc.path("type").asText(), svc.path("id").asText());
        }
        for (int n = 1; missing > 0 && n < 100; n++) {
            String type = String.format(Locale.ROOT, "bench-%02d", n);
            if (inCatalog.contains(type)) {
                continue;
            }
            String id = existing.get(type);
            if (id == null) {
                id = api.require("POST", "/services", t.adminToken, Map.of("service", Map.of("type", type, "name", type,
                        "description", "token benchmark filler", "enabled", true))).path("service").path("id").asText();
            }
            Set<String> have = new HashSet<>();
            for (JsonNode ep : api.list(t.adminToken, "endpoints", "service_id=" + KeystoneApi.enc(id))) {
                have.add(ep.path("interface").asText());
            }
            for (String iface : List.of("public", "internal", "admin")) {
                if (!have.contains(iface)) {
                    Map<String, Object> ep = new LinkedHashMap<>();
                    ep.put("service_id", id);
                    ep.put("interface", iface);
                    ep.put("url", "http://127.0.0.1:9/" + type + "/" + iface);
                    ep.put("enabled", true);
                    if (region != null) {
                        ep.put("region_id", region);
                    }
                    api.require("POST", "/endpoints", t.adminToken, Map.of("endpoint", ep));
                }
            }
            missing--;
        }
    }

    /** Issues and revokes {@link #revoked} tokens of the bench user, then measures validate again. */
    private void revocationRun(Target t, long deadline) {
        KeystoneApi api = t.api;
        out.printf("%s: revocation run: issuing and revoking %d tokens of user %s (concurrency %d)%n", t.spec.name(),
                revoked, BENCH_NAME, revokeConcurrency);
        KeystoneApi.Answer parent = api.send(api.issueRequest(t.issueBody));
        if (!parent.ok()) {
            throw new KeystoneApi.BenchException("parent token -> " + parent.status() + " " + parent.text());
        }
        // Tokens to revoke come from the token method (re-scoping a parent token): no password hash
        // per token, so 10,000 of them take seconds, not an hour of bcrypt. Password auth is the
        // fallback if the target refuses the token method.
        var byToken = api.issueRequest(KeystoneApi.tokenAuthBody(parent.subjectToken(), t.projectId));
        var byPassword = api.issueRequest(t.issueBody);
        KeystoneApi.Answer probe = api.send(byToken);
        var issue = probe.ok() && probe.subjectToken() != null ? byToken : byPassword;
        if (issue == byPassword) {
            notes.add(t.spec.name() + ": token-method auth answered " + probe.status()
                    + "; revoked tokens were issued with the password (slow)");
        }
        // A revoked token must stop validating: check once, that is also revocation number one.
        KeystoneApi.Answer child = api.send(issue);
        KeystoneApi.Answer del = child.ok() ? api.send(api.revokeRequest(t.adminToken, child.subjectToken())) : child;
        KeystoneApi.Answer after = child.ok() ? api.send(api.validateRequest(t.adminToken, child.subjectToken())) : child;
        if (!del.ok() || after.status() != 404) {
            notes.add(t.spec.name() + ": revoke check: DELETE -> " + del.status() + ", validate of revoked token -> "
                    + after.status() + " (expected 204/404)");
        }
        // "Before" figures taken now, next to the "after" ones, so that the ratio is not skewed by
        // whatever else changed since the main phases (JIT, caches, the machine's load).
        for (int c : concurrency) {
            var validate = api.validateRequest(t.adminToken, t.benchToken);
            record(LoadPhase.run(t.spec.name(), "validate-before", c, Math.min(warmup, revokedValidateRequests),
                    revokedValidateRequests, deadline, minPhase(), () -> api.send(validate)));
        }
        long t0 = System.nanoTime();
        LoadPhase.Result r = LoadPhase.run(t.spec.name(), "issue+revoke", revokeConcurrency, 0, revoked - 1,
                Duration.ofSeconds(revokeSeconds).toNanos(), () -> {
                    KeystoneApi.Answer a = api.send(issue);
                    if (!a.ok() || a.subjectToken() == null) {
                        return a.labelled("issue (POST)");
                    }
                    return api.send(api.revokeRequest(t.adminToken, a.subjectToken())).labelled("revoke (DELETE)");
                });
        record(r);
        int done = r.requests() - r.errors() + (del.ok() ? 1 : 0);
        t.revokedCount = done;
        out.printf(Locale.ROOT, "%s: %d tokens revoked in %.1f s%n", t.spec.name(), done, (System.nanoTime() - t0) / 1e9);
        KeystoneApi.Answer live = api.send(api.validateRequest(t.adminToken, t.benchToken));
        if (!live.ok()) {
            throw new KeystoneApi.BenchException("the live bench token no longer validates: " + live.status());
        }
        for (int c : concurrency) {
            var validate = api.validateRequest(t.adminToken, t.benchToken);
            record(LoadPhase.run(t.spec.name(), "validate-revoked", c, Math.min(warmup, revokedValidateRequests),
                    revokedValidateRequests, deadline, minPhase(), () -> api.send(validate)));
        }
    }

    // ---- report ----

    private LoadPhase.Result find(String target, String op, int c) {
        for (LoadPhase.Result r : results) {
            if (r.target().equals(target) && r.operation().equals(op) && r.concurrency() == c) {
                return r;
            }
        }
        return null;
    }

    private void report(List<Target> targets, Instant started) {
        StringBuilder b = new StringBuilder();
        int cpus = Runtime.getRuntime().availableProcessors();
        double loadAtEnd = loadAverage();
        b.append(String.format(Locale.ROOT, "%n== token benchmark, %s, %d s, java %s, %d cpus, load average %.2f at start, "
                + "%.2f at end ==%n", started, Duration.between(started, Instant.now()).toSeconds(),
                System.getProperty("java.version"), cpus, loadAtStart, loadAtEnd));
        if (loadAtStart > cpus * 0.75) {
            b.append(String.format(Locale.ROOT, "  (the machine was busy with other work when the run began: "
                    + "expect noisy figures)%n"));
        }
        for (Target t : targets) {
            b.append(String.format(Locale.ROOT, "  %-9s %s%s%n", t.spec.name(), t.spec.url(), t.spec.floor()
                    ? " (floor: constant 200)" : "  catalog " + t.catalogSize + " services, validate answer "
                            + t.validateBytes + " B"));
        }
        b.append(String.format(Locale.ROOT, "%n%-9s %-18s %5s %8s %6s %10s %9s %9s%n", "target", "operation", "conc",
                "requests", "errors", "rps", "p50 ms", "p99 ms"));
        for (LoadPhase.Result r : results) {
            b.append(String.format(Locale.ROOT, "%-9s %-18s %5d %8d %6d %10.1f %9.2f %9.2f%s%n", r.target(),
                    r.operation(), r.concurrency(), r.requests(), r.errors(), r.rps(), r.percentileMs(50),
                    r.percentileMs(99), r.cutShort() ? "  (cut short)" : ""));
        }
        boolean haveSubject = targets.stream().anyMatch(t -> t.spec.name().equals(subject));
        if (haveSubject) {
            b.append(String.format(Locale.ROOT, "%nratios %s/%s and %s/%s (rps: higher is better for %s; "
                    + "p50, p99: lower is better)%n", subject, reference, subject, floorName, subject));
            b.append(String.format(Locale.ROOT, "%-18s %5s %12s %12s %12s %12s %12s %12s%n", "operation", "conc",
                    "rps/" + cut(reference), "p50/" + cut(reference), "p99/" + cut(reference),
                    "rps/" + cut(floorName), "p50/" + cut(floorName), "p99/" + cut(floorName)));
            for (String op : List.of("validate", "issue")) {
                for (int c : concurrency) {
                    LoadPhase.Result s = find(subject, op, c);
                    if (s == null) {
                        continue;
                    }
                    LoadPhase.Result k = find(reference, op, c);
                    LoadPhase.Result f = find(floorName, op, c);
                    b.append(String.format(Locale.ROOT, "%-18s %5d %12s %12s %12s %12s %12s %12s%n", op, c,
                            ratio(s.rps(), k == null ? 0 : k.rps()),
                            ratio(s.percentileMs(50), k == null ? 0 : k.percentileMs(50)),
                            ratio(s.percentileMs(99), k == null ? 0 : k.percentileMs(99)),
                            ratio(s.rps(), f == null ? 0 : f.rps()),
                            ratio(s.percentileMs(50), f == null ? 0 : f.percentileMs(50)),
                            ratio(s.percentileMs(99), f == null ? 0 : f.percentileMs(99))));
                }
            }
        }
        if (revocation) {
            b.append(String.format(Locale.ROOT, "%nvalidate after the revocations / validate just before them (1.00 = no "
                    + "change; rps below 1 or p50 above 1 means revocations slow validation)%n"));
            b.append(String.format(Locale.ROOT, "%-9s %5s %10s %10s %10s %10s%n", "target", "conc", "revoked", "rps",
                    "p50", "p99"));
            for (Target t : targets) {
                if (t.spec.floor()) {
                    continue;
                }
                for (int c : concurrency) {
                    LoadPhase.Result before = find(t.spec.name(), "validate-before", c);
                    LoadPhase.Result after = find(t.spec.name(), "validate-revoked", c);
                    if (before == null || after == null) {
                        continue;
                    }
                    b.append(String.format(Locale.ROOT, "%-9s %5d %10d %10s %10s %10s%n", t.spec.name(), c, t.revokedCount,
                            ratio(after.rps(), before.rps()), ratio(after.percentileMs(50), before.percentileMs(50)),
                            ratio(after.percentileMs(99), before.percentileMs(99))));
                }
            }
        }
        long errors = results.stream().mapToLong(LoadPhase.Result::errors).sum();
        long cut = results.stream().filter(LoadPhase.Result::cutShort).count();
        if (errors > 0 || cut > 0 || !notes.isEmpty()) {
            b.append(String.format(Locale.ROOT, "%n!!!!!!!! THIS RUN HAD %d ERROR RESPONSES AND %d PHASES CUT SHORT: "
                    + "its figures are not clean !!!!!!!!%n", errors, cut));
            for (LoadPhase.Result r : results) {
                if (r.errors() > 0) {
                    b.append(String.format(Locale.ROOT, "  %s %s c=%d: %d errors, e.g. %s%n", r.target(), r.operation(),
                            r.concurrency(), r.errors(), r.errorSamples().isEmpty() ? "?" : r.errorSamples().get(0)));
                }
            }
            for (String n : notes) {
                b.append("  note: ").append(n).append('\n');
            }
        } else {
            b.append(String.format(Locale.ROOT, "%nno errors: every answer was 2xx%n"));
        }
        out.print(b);
        out.flush();
        if (csv != null) {
            writeCsv(started);
        }
    }

    private static String cut(String s) {
        return s.length() > 8 ? s.substring(0, 8) : s;
    }

    private static String ratio(double a, double b) {
        if (!(b > 0) || Double.isNaN(a)) {
            return "-";
        }
        return String.format(Locale.ROOT, "%.2f", a / b);
    }

    private void writeCsv(Instant started) {
        try {
            boolean fresh = !Files.exists(csv) || Files.size(csv) == 0;
            StringBuilder b = new StringBuilder();
            if (fresh) {
                b.append("run,target,operation,concurrency,requests,errors,rps,p50_ms,p99_ms,cut_short\n");
            }
            for (LoadPhase.Result r : results) {
                b.append(String.format(Locale.ROOT, "%s,%s,%s,%d,%d,%d,%.1f,%.3f,%.3f,%s%n", started, r.target(),
                        r.operation(), r.concurrency(), r.requests(), r.errors(), r.rps(), r.percentileMs(50),
                        r.percentileMs(99), r.cutShort()));
            }
            if (csv.getParent() != null) {
                Files.createDirectories(csv.getParent());
            }
            Files.writeString(csv, b, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            out.println("could not write " + csv + ": " + e.getMessage());
        }
    }
}
