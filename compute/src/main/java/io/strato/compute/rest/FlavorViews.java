package io.strato.compute.rest;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.strato.compute.api.Flavor;
import io.strato.platform.http.Microversion;
import io.strato.platform.json.Json;
import java.util.Map;

/** Flavor JSON as Nova's flavors view builder writes it, by microversion. */
final class FlavorViews {
    private FlavorViews() {
    }

    static ObjectNode basic(Flavor flavor, Microversion version, String baseUrl) {
        ObjectNode node = Json.object();
        node.put("id", flavor.id()).put("name", flavor.name());
        if (version.isAtLeast("2.55")) {
            node.put("description", flavor.description());
        }
        links(node.putArray("links"), flavor, baseUrl);
        return node;
    }

    /** The detailed view; extra_specs (2.61+) only when the caller may read them. */
    static ObjectNode detail(Flavor flavor, Microversion version, String baseUrl, boolean withExtraSpecs) {
        ObjectNode node = Json.object();
        node.put("id", flavor.id()).put("name", flavor.name()).put("ram", flavor.memoryMb())
                .put("disk", flavor.rootGb());
        if (flavor.swapMb() == 0 && !version.isAtLeast("2.75")) {
            node.put("swap", "");
        } else {
            node.put("swap", flavor.swapMb());
        }
        node.put("OS-FLV-EXT-DATA:ephemeral", flavor.ephemeralGb())
                .put("OS-FLV-DISABLED:disabled", flavor.disabled())
                .put("vcpus", flavor.vcpus())
                .put("os-flavor-access:is_public", flavor.isPublic())
                .put("rxtx_factor", flavor.rxtxFactor());
        links(node.putArray("links"), flavor, baseUrl);
        if (version.isAtLeast("2.55")) {
            node.put("description", flavor.description());
        }
        if (version.isAtLeast("2.61") && withExtraSpecs) {
            ObjectNode specs = node.putObject("extra_specs");
            for (Map.Entry<String, String> spec : flavor.extraSpecs().entrySet()) {
                specs.put(spec.getKey(), spec.getValue());
            }
        }
        return node;
    }

    private static void links(ArrayNode links, Flavor flavor, String baseUrl) {
        links.addObject().put("rel", "self").put("href", baseUrl + "/v2.1/flavors/" + flavor.id());
        links.addObject().put("rel", "bookmark").put("href", baseUrl + "/flavors/" + flavor.id());
    }
}
