package io.strato.compute.metadata;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The metadata HTTP service's view of one instance (Nova's {@code InstanceMetadata.lookup} and
 * handler): {@code /} and {@code /ec2} list the EC2 versions, {@code /openstack} the OpenStack
 * ones, {@code /openstack/VERSION/FILE} serves {@link MetadataDocuments}, and any other path is
 * an EC2 path ({@code /latest/meta-data/...}, {@code /2009-04-04/user-data}) answered with EC2's
 * text listings: keys one per line, sorted, directories with a trailing {@code /}, no final newline.
 * Paths are normalised like {@code posixpath.normpath} (a trailing slash does not matter).
 * Like Nova, {@code /openstack} hides versions dated in the future; they can still be requested.
 */
public final class MetadataTree {
    private static final String OPENSTACK = "openstack";
    private static final String EC2 = "ec2";

    private final MetadataDocuments documents;
    private final Clock clock;

    /**
     * @param documents the instance's documents
     * @param clock today's date decides which OpenStack versions {@code /openstack} lists
     */
    public MetadataTree(MetadataDocuments documents, Clock clock) {
        this.documents = Objects.requireNonNull(documents, "documents");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** A tree that lists versions by the system clock. */
    public MetadataTree(MetadataDocuments documents) {
        this(documents, Clock.systemUTC());
    }

    /** The answer for a request path, or empty for a 404. */
    public Optional<MetadataResponse> get(String path) {
        List<String> tokens = normalise(path == null ? "" : path);
        if (tokens.isEmpty()) {
            return Optional.of(text(listing(MetadataVersions.EC2)));
        }
        if (!tokens.getFirst().equals(EC2) && !tokens.getFirst().equals(OPENSTACK)) {
            tokens.addFirst(EC2);
        }
        if (tokens.size() == 1) {
            return Optional.of(text(listing(tokens.getFirst().equals(OPENSTACK)
                    ? publishedOpenstackVersions() : MetadataVersions.EC2)));
        }
        return tokens.getFirst().equals(OPENSTACK)
                ? openstack(tokens.subList(1, tokens.size()))
                : ec2(tokens.subList(1, tokens.size()));
    }

    private Optional<MetadataResponse> openstack(List<String> tokens) {
        String version = tokens.getFirst();
        Optional<String> resolved = MetadataVersions.resolveOpenstack(version);
        if (resolved.isEmpty()) {
            return Optional.empty();
        }
        if (tokens.size() == 1) {
            return Optional.of(text(String.join("\n", documents.openstackListing(version))));
        }
        String file = String.join("/", tokens.subList(1, tokens.size()));
        String actual = resolved.get();
        return switch (file) {
            case MetadataDocuments.META_DATA -> Optional.of(json(documents.metaData(version, false)));
            case MetadataDocuments.NETWORK_DATA -> Optional.of(json(documents.networkData()));
            case MetadataDocuments.USER_DATA -> documents.userData().map(bytes -> new MetadataResponse(bytes,
                    MetadataResponse.TEXT));
            case MetadataDocuments.PASSWORD -> MetadataVersions.openstackAtLeast(MetadataVersions.GRIZZLY, actual)
                    ? Optional.of(new MetadataResponse(documents.password(), MetadataResponse.TEXT))
                    : Optional.empty();
            case MetadataDocuments.VENDOR_DATA -> MetadataVersions.openstackAtLeast(MetadataVersions.HAVANA, actual)
                    ? Optional.of(json(documents.vendorData())) : Optional.empty();
            case MetadataDocuments.VENDOR_DATA2 -> MetadataVersions.openstackAtLeast(MetadataVersions.NEWTON_TWO, actual)
                    ? Optional.of(json(documents.vendorData2())) : Optional.empty();
            default -> Optional.empty();
        };
    }

    private Optional<MetadataResponse> ec2(List<String> tokens) {
        if (MetadataVersions.resolveEc2(tokens.getFirst()).isEmpty()) {
            return Optional.empty();
        }
        Object node = documents.ec2Version(tokens.getFirst());
        for (String token : tokens.subList(1, tokens.size())) {
            if (node instanceof Ec2Directory directory) {
                node = directory.entries();
            }
            if (!(node instanceof Map<?, ?> map) || !map.containsKey(token)) {
                return Optional.empty();
            }
            node = map.get(token);
        }
        return Optional.of(new MetadataResponse(Ec2MetaData.listing(node), MetadataResponse.TEXT));
    }

    private List<String> publishedOpenstackVersions() {
        String today = LocalDate.now(clock).toString();
        return MetadataVersions.OPENSTACK.stream().filter(version -> version.compareTo(today) <= 0).toList();
    }

    /** posixpath.normpath split into names: no empty or {@code .} names, {@code ..} applied. */
    private static List<String> normalise(String path) {
        List<String> tokens = new ArrayList<>();
        for (String token : path.split("/")) {
            if (token.isEmpty() || token.equals(".")) {
                continue;
            }
            if (token.equals("..")) {
                if (!tokens.isEmpty()) {
                    tokens.removeLast();
                }
                continue;
            }
            tokens.add(token);
        }
        return tokens;
    }

    private static String listing(List<String> versions) {
        return String.join("\n", versions) + "\n" + MetadataVersions.LATEST;
    }

    private static MetadataResponse text(String body) {
        return new MetadataResponse(body.getBytes(StandardCharsets.UTF_8), MetadataResponse.TEXT);
    }

    private static MetadataResponse json(byte[] body) {
        return new MetadataResponse(body, MetadataResponse.JSON);
    }
}
