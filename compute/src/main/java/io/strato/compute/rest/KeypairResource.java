package io.strato.compute.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.strato.compute.api.Keypair;
import io.strato.compute.core.ComputeCaller;
import io.strato.compute.core.ComputePolicy;
import io.strato.compute.core.KeypairManager;
import io.strato.platform.http.Microversion;
import io.strato.platform.http.Request;
import io.strato.platform.http.Response;
import io.strato.platform.json.Json;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** {@code /os-keypairs}: a user's keypairs; type from 2.2, admins name another user from 2.10, pages from 2.35. */
final class KeypairResource {
    private static final Pattern NAME = Pattern.compile("^[_\\- a-zA-Z0-9]+$");
    private static final Pattern NAME_V292 = Pattern.compile("^[_\\-@. a-zA-Z0-9]+$");
    private static final DateTimeFormatter NOVA_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS");

    private final ComputePolicy policy;
    private final KeypairManager keypairs;

    KeypairResource(ComputePolicy policy, KeypairManager keypairs) {
        this.policy = policy;
        this.keypairs = keypairs;
    }

    void register(ComputeRoutes.Routes routes) {
        routes.add("GET", "/os-keypairs", this::list);
        routes.add("POST", "/os-keypairs", this::create);
        routes.add("GET", "/os-keypairs/{name}", this::show);
        routes.add("DELETE", "/os-keypairs/{name}", this::delete);
    }

    /** The user whose keypairs are meant: user_id= (2.10+) or the caller; the policy decides who may name another. */
    private String user(Request request, Microversion version, ComputeCaller caller, String action) {
        String userId = caller.userId();
        if (version.isAtLeast("2.10") && request.queryParam("user_id").isPresent()) {
            userId = request.queryParam("user_id").get();
        }
        policy.enforce(caller, "os_compute_api:os-keypairs:" + action, Map.of("user_id", userId));
        return userId;
    }

    private Response create(Request request, Microversion version, ComputeCaller caller) {
        ObjectNode body = Inputs.wrapped(request, "keypair");
        Set<String> allowed = new HashSet<>(Set.of("name", "public_key"));
        if (version.isAtLeast("2.2")) {
            allowed.add("type");
        }
        if (version.isAtLeast("2.10")) {
            allowed.add("user_id");
        }
        Inputs.onlyKeys(body, allowed);
        String name = Inputs.name(Inputs.required(body, "name"), "name", 255);
        Pattern pattern = version.isAtLeast("2.92") ? NAME_V292 : NAME;
        if (!pattern.matcher(name).matches()) {
            throw Inputs.invalid("name", name, "'" + name + "' does not match '" + pattern.pattern() + "'");
        }
        String type = Keypair.SSH;
        if (body.has("type")) {
            JsonNode value = body.get("type");
            if (!value.isTextual() || !(value.textValue().equals(Keypair.SSH) || value.textValue().equals(Keypair.X509))) {
                throw Inputs.invalid("type", value, value + " is not one of ['ssh', 'x509']");
            }
            type = value.textValue();
        }
        String publicKey = null;
        if (version.isAtLeast("2.92")) {
            Inputs.required(body, "public_key");
        }
        if (body.has("public_key")) {
            JsonNode value = body.get("public_key");
            if (!value.isTextual()) {
                throw Inputs.invalid("public_key", value, value + " is not of type 'string'");
            }
            publicKey = value.textValue();
        }
        String userId = caller.userId();
        if (body.has("user_id")) {
            JsonNode value = body.get("user_id");
            if (!value.isTextual()) {
                throw Inputs.invalid("user_id", value, value + " is not of type 'string'");
            }
            userId = value.textValue();
        }
        policy.enforce(caller, "os_compute_api:os-keypairs:create", Map.of("user_id", userId));
        KeypairManager.Created created = keypairs.create(userId, caller.projectId(), name, type, publicKey);
        Keypair keypair = created.keypair();
        ObjectNode view = Json.object();
        view.put("name", keypair.name()).put("public_key", keypair.publicKey())
                .put("fingerprint", keypair.fingerprint()).put("user_id", keypair.userId());
        if (created.privateKey() != null) {
            view.put("private_key", created.privateKey());
        }
        if (version.isAtLeast("2.2")) {
            view.put("type", keypair.type());
        }
        ObjectNode response = Json.object();
        response.set("keypair", view);
        return Response.json(version.isAtLeast("2.2") ? 201 : 200, response);
    }

    private Response show(Request request, Microversion version, ComputeCaller caller) {
        String userId = user(request, version, caller, "show");
        Keypair keypair = keypairs.get(userId, request.pathParam("name"));
        ObjectNode view = Json.object();
        view.put("name", keypair.name()).put("public_key", keypair.publicKey())
                .put("fingerprint", keypair.fingerprint()).put("user_id", keypair.userId())
                .put("id", keypair.id()).put("deleted", false)
                .put("created_at", LocalDateTime.ofInstant(keypair.createdAt(), ZoneOffset.UTC).format(NOVA_TIME))
                .putNull("updated_at").putNull("deleted_at");
        if (version.isAtLeast("2.2")) {
            view.put("type", keypair.type());
        }
        ObjectNode response = Json.object();
        response.set("keypair", view);
        return Response.ok(response);
    }

    private Response list(Request request, Microversion version, ComputeCaller caller) {
        String userId = user(request, version, caller, "index");
        boolean paged = version.isAtLeast("2.35");
        int limit = paged ? FlavorResource.limit(request) : Integer.MAX_VALUE;
        String marker = paged ? request.queryParam("marker").orElse(null) : null;
        List<Keypair> page = keypairs.list(userId, marker, limit);
        ObjectNode response = Json.object();
        ArrayNode items = response.putArray("keypairs");
        for (Keypair keypair : page) {
            ObjectNode view = items.addObject().putObject("keypair");
            view.put("name", keypair.name()).put("public_key", keypair.publicKey())
                    .put("fingerprint", keypair.fingerprint());
            if (version.isAtLeast("2.2")) {
                view.put("type", keypair.type());
            }
        }
        if (paged && request.queryParam("limit").isPresent() && !page.isEmpty() && page.size() == limit) {
            response.putArray("keypairs_links").addObject().put("rel", "next")
                    .put("href", FlavorResource.nextLink(request, page.get(page.size() - 1).name()));
        }
        return Response.ok(response);
    }

    private Response delete(Request request, Microversion version, ComputeCaller caller) {
        String userId = user(request, version, caller, "delete");
        keypairs.delete(userId, request.pathParam("name"));
        return Response.empty(version.isAtLeast("2.2") ? 204 : 202);
    }
}
