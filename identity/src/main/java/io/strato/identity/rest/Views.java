package io.strato.identity.rest;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.strato.identity.api.ApplicationCredential;
import io.strato.identity.api.Credential;
import io.strato.identity.api.Domain;
import io.strato.identity.api.Endpoint;
import io.strato.identity.api.Group;
import io.strato.identity.api.Project;
import io.strato.identity.api.Region;
import io.strato.identity.api.Role;
import io.strato.identity.api.Service;
import io.strato.identity.api.Trust;
import io.strato.identity.api.User;
import io.strato.platform.http.Request;
import io.strato.platform.json.Json;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** JSON views of identity resources, shaped as Keystone answers them. */
final class Views {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'")
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter LOCAL_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS")
            .withZone(ZoneOffset.UTC);

    private Views() {
    }

    static String time(Instant instant) {
        return instant == null ? null : TIME.format(instant);
    }

    /** Keystone's format for application credential expiry: microseconds, no zone designator. */
    static String localTime(Instant instant) {
        return instant == null ? null : LOCAL_TIME.format(instant);
    }

    static String url(Request request, String path) {
        return request.baseUrl() + path;
    }

    static ObjectNode links(Request request, String path) {
        ObjectNode links = Json.object();
        links.put("self", url(request, path));
        return links;
    }

    /** {@code {"<key>": [...], "links": {"self", "previous", "next"}}}. */
    static <T> ObjectNode collection(Request request, String key, List<T> items, Function<T, ObjectNode> view) {
        ObjectNode body = Json.object();
        ArrayNode array = body.putArray(key);
        items.forEach(item -> array.add(view.apply(item)));
        ObjectNode links = body.putObject("links");
        String query = request.query().isEmpty() ? "" : "?" + rawQuery(request);
        links.put("self", url(request, request.path()) + query);
        links.putNull("previous");
        links.putNull("next");
        return body;
    }

    static ObjectNode wrap(String key, ObjectNode entity) {
        ObjectNode body = Json.object();
        body.set(key, entity);
        return body;
    }

    static ObjectNode domain(Request request, Domain d) {
        ObjectNode node = extra(d.extra());
        node.put("id", d.id()).put("name", d.name()).put("description", d.description() == null ? "" : d.description())
                .put("enabled", d.enabled());
        node.putArray("tags");
        node.set("links", links(request, "/v3/domains/" + d.id()));
        return node;
    }

    static ObjectNode project(Request request, Project p) {
        ObjectNode node = extra(p.extra());
        node.put("id", p.id()).put("name", p.name()).put("domain_id", p.domainId())
                .put("description", p.description() == null ? "" : p.description()).put("enabled", p.enabled())
                .put("parent_id", p.parentId() == null ? p.domainId() : p.parentId()).put("is_domain", false);
        ArrayNode tags = node.putArray("tags");
        p.tags().forEach(tags::add);
        node.putObject("options");
        node.set("links", links(request, "/v3/projects/" + p.id()));
        return node;
    }

    /** A domain seen through the projects API, as a project acting as a domain. */
    static ObjectNode domainAsProject(Request request, Domain d) {
        ObjectNode node = extra(d.extra());
        node.put("id", d.id()).put("name", d.name()).putNull("domain_id")
                .put("description", d.description() == null ? "" : d.description()).put("enabled", d.enabled())
                .putNull("parent_id").put("is_domain", true);
        node.putArray("tags");
        node.putObject("options");
        node.set("links", links(request, "/v3/projects/" + d.id()));
        return node;
    }

    static ObjectNode user(Request request, User u) {
        ObjectNode node = extra(u.extra());
        node.put("id", u.id()).put("name", u.name()).put("domain_id", u.domainId()).put("enabled", u.enabled())
                .put("password_expires_at", time(u.passwordExpiresAt()));
        if (u.defaultProjectId() != null) {
            node.put("default_project_id", u.defaultProjectId());
        }
        if (u.description() != null) {
            node.put("description", u.description());
        }
        node.set("options", Json.tree(u.options()));
        node.set("links", links(request, "/v3/users/" + u.id()));
        return node;
    }

    static ObjectNode group(Request request, Group g) {
        ObjectNode node = extra(g.extra());
        node.put("id", g.id()).put("name", g.name()).put("domain_id", g.domainId())
                .put("description", g.description() == null ? "" : g.description());
        node.set("links", links(request, "/v3/groups/" + g.id()));
        return node;
    }

    static ObjectNode role(Request request, Role r) {
        ObjectNode node = extra(r.extra());
        node.put("id", r.id()).put("name", r.name()).put("domain_id", r.domainId());
        if (r.description() != null) {
            node.put("description", r.description());
        }
        node.set("options", Json.tree(r.options()));
        node.set("links", links(request, "/v3/roles/" + r.id()));
        return node;
    }

    /** A role as an implication rule names it: id, name and link. */
    static ObjectNode roleReference(Request request, Role r) {
        ObjectNode node = Json.object();
        node.put("id", r.id()).put("name", r.name());
        node.set("links", links(request, "/v3/roles/" + r.id()));
        return node;
    }

    static ObjectNode region(Request request, Region r) {
        ObjectNode node = extra(r.extra());
        node.put("id", r.id()).put("description", r.description() == null ? "" : r.description())
                .put("parent_region_id", r.parentRegionId());
        node.set("links", links(request, "/v3/regions/" + r.id()));
        return node;
    }

    static ObjectNode service(Request request, Service s) {
        ObjectNode node = extra(s.extra());
        node.put("id", s.id()).put("type", s.type()).put("enabled", s.enabled());
        node.set("links", links(request, "/v3/services/" + s.id()));
        return node;
    }

    static ObjectNode endpoint(Request request, Endpoint e) {
        ObjectNode node = extra(e.extra());
        node.put("id", e.id()).put("service_id", e.serviceId()).put("interface", e.interfaceName()).put("url", e.url())
                .put("region_id", e.regionId()).put("region", e.regionId()).put("enabled", e.enabled());
        node.set("links", links(request, "/v3/endpoints/" + e.id()));
        return node;
    }

    static ObjectNode applicationCredential(Request request, ApplicationCredential c, Map<String, Role> roles) {
        ObjectNode node = Json.object();
        node.put("id", c.id()).put("name", c.name()).put("user_id", c.userId()).put("project_id", c.projectId())
                .put("description", c.description()).put("expires_at", localTime(c.expiresAt()))
                .put("unrestricted", c.unrestricted()).put("system", (String) null);
        ArrayNode roleArray = node.putArray("roles");
        for (String roleId : c.roleIds()) {
            Role role = roles.get(roleId);
            ObjectNode item = roleArray.addObject().put("id", roleId);
            if (role != null) {
                item.put("name", role.name()).put("domain_id", role.domainId());
            }
        }
        node.putArray("access_rules");
        node.set("links", links(request, "/v3/users/" + c.userId() + "/application_credentials/" + c.id()));
        return node;
    }

    static ObjectNode trust(Request request, Trust t, Map<String, Role> roles) {
        ObjectNode node = extra(t.extra());
        node.put("id", t.id()).put("trustor_user_id", t.trustorUserId()).put("trustee_user_id", t.trusteeUserId())
                .put("project_id", t.projectId()).put("impersonation", t.impersonation())
                .put("expires_at", time(t.expiresAt())).put("redelegated_trust_id", t.redelegatedTrustId());
        if (t.remainingUses() == null) {
            node.putNull("remaining_uses");
        } else {
            node.put("remaining_uses", t.remainingUses());
        }
        node.put("redelegation_count", t.redelegationCount() == null ? 0 : t.redelegationCount());
        ArrayNode roleArray = node.putArray("roles");
        for (String roleId : t.roleIds()) {
            Role role = roles.get(roleId);
            ObjectNode item = roleArray.addObject().put("id", roleId);
            if (role != null) {
                item.put("name", role.name()).put("domain_id", role.domainId());
                item.set("links", links(request, "/v3/roles/" + roleId));
            }
        }
        node.set("roles_links", links(request, "/v3/OS-TRUST/trusts/" + t.id() + "/roles"));
        node.set("links", links(request, "/v3/OS-TRUST/trusts/" + t.id()));
        return node;
    }

    static ObjectNode credential(Request request, Credential c) {
        ObjectNode node = extra(c.extra());
        node.put("id", c.id()).put("user_id", c.userId()).put("project_id", c.projectId()).put("type", c.type())
                .put("blob", c.blob());
        node.set("links", links(request, "/v3/credentials/" + c.id()));
        return node;
    }

    static ObjectNode extraNode(Map<String, Object> extra) {
        return extra(extra);
    }

    private static ObjectNode extra(Map<String, Object> extra) {
        ObjectNode node = Json.object();
        if (extra != null) {
            extra.forEach((k, v) -> node.set(k, Json.tree(v)));
        }
        return node;
    }

    private static String rawQuery(Request request) {
        StringBuilder query = new StringBuilder();
        request.query().forEach((k, values) -> values.forEach(v -> {
            if (!query.isEmpty()) {
                query.append('&');
            }
            query.append(java.net.URLEncoder.encode(k, java.nio.charset.StandardCharsets.UTF_8)).append('=')
                    .append(java.net.URLEncoder.encode(v, java.nio.charset.StandardCharsets.UTF_8));
        }));
        return query.toString();
    }
}
