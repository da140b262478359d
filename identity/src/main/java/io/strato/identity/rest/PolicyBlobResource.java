package io.strato.identity.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.strato.identity.api.PolicyBlob;
import io.strato.identity.core.Ids;
import io.strato.identity.core.PolicyBlobManager;
import io.strato.platform.http.Request;
import io.strato.platform.http.Response;
import io.strato.platform.http.Router;
import java.util.List;
import java.util.Set;

/** {@code /v3/policies}: Keystone's deprecated store of policy documents. */
final class PolicyBlobResource {
    private static final Set<String> FIELDS = Set.of("id", "type", "blob", "links");

    private final PolicyBlobManager policies;
    private final Authorizer authorizer;

    PolicyBlobResource(PolicyBlobManager policies, Authorizer authorizer) {
        this.policies = policies;
        this.authorizer = authorizer;
    }

    void register(Router router) {
        router.post("/v3/policies", this::create);
        router.get("/v3/policies", this::list);
        router.get("/v3/policies/{policy_id}", this::get);
        router.patch("/v3/policies/{policy_id}", this::update);
        router.delete("/v3/policies/{policy_id}", this::delete);
    }

    private Response create(Request request) {
        authorizer.enforce(request, "identity:create_policy");
        ObjectNode body = Bodies.entity(request, "policy");
        PolicyBlob policy = new PolicyBlob(Ids.newId(), Bodies.name(body, "type", true, 255),
                Bodies.string(body, "blob", true, 65535), Bodies.extra(body, FIELDS, null));
        return Response.json(201, Views.wrap("policy", view(request, policies.create(policy))));
    }

    private Response list(Request request) {
        authorizer.enforce(request, "identity:list_policies");
        String type = request.queryParam("type").orElse(null);
        List<PolicyBlob> list = policies.list().stream().filter(p -> type == null || p.type().equals(type)).toList();
        return Response.ok(Views.collection(request, "policies", list, p -> view(request, p)));
    }

    private Response get(Request request) {
        authorizer.enforce(request, "identity:get_policy");
        return Response.ok(Views.wrap("policy", view(request, policies.get(request.pathParam("policy_id")))));
    }

    private Response update(Request request) {
        authorizer.enforce(request, "identity:update_policy");
        PolicyBlob before = policies.get(request.pathParam("policy_id"));
        ObjectNode body = Bodies.entity(request, "policy");
        String type = Bodies.name(body, "type", false, 255);
        String blob = Bodies.string(body, "blob", false, 65535);
        PolicyBlob after = new PolicyBlob(before.id(), type == null ? before.type() : type,
                blob == null ? before.blob() : blob, Bodies.extra(body, FIELDS, before.extra()));
        return Response.ok(Views.wrap("policy", view(request, policies.update(after))));
    }

    private Response delete(Request request) {
        authorizer.enforce(request, "identity:delete_policy");
        policies.delete(request.pathParam("policy_id"));
        return Response.empty(204);
    }

    private static ObjectNode view(Request request, PolicyBlob policy) {
        ObjectNode node = Views.extraNode(policy.extra());
        node.put("id", policy.id()).put("type", policy.type()).put("blob", policy.blob());
        node.set("links", Views.links(request, "/v3/policies/" + policy.id()));
        return node;
    }
}
