package io.strato.identity.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.strato.identity.api.ApplicationCredential;
import io.strato.identity.api.Credential;
import io.strato.identity.api.Role;
import io.strato.identity.api.Trust;
import io.strato.identity.core.DelegationManager;
import io.strato.identity.core.Ids;
import io.strato.identity.core.ResourceManager;
import io.strato.identity.core.RoleManager;
import io.strato.identity.core.UserManager;
import io.strato.platform.auth.AuthContext;
import io.strato.platform.http.ApiException;
import io.strato.platform.http.Request;
import io.strato.platform.http.Response;
import io.strato.platform.http.Router;
import io.strato.platform.json.Json;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Application credentials, trusts (OS-TRUST) and stored credentials. */
final class DelegationResource {
    private static final Set<String> CREDENTIAL_FIELDS = Set.of("id", "user_id", "project_id", "type", "blob", "links");

    private final DelegationManager delegations;
    private final RoleManager roles;
    private final UserManager users;
    private final ResourceManager resources;
    private final Authorizer authorizer;
    private final SecureRandom random = new SecureRandom();

    DelegationResource(DelegationManager delegations, RoleManager roles, UserManager users, ResourceManager resources,
            Authorizer authorizer) {
        this.delegations = delegations;
        this.roles = roles;
        this.users = users;
        this.resources = resources;
        this.authorizer = authorizer;
    }

    void register(Router router) {
        String base = "/v3/users/{user_id}/application_credentials";
        router.post(base, this::createApplicationCredential);
        router.get(base, this::listApplicationCredentials);
        router.get(base + "/{credential_id}", this::getApplicationCredential);
        router.delete(base + "/{credential_id}", this::deleteApplicationCredential);
        router.post("/v3/OS-TRUST/trusts", this::createTrust);
        router.get("/v3/OS-TRUST/trusts", this::listTrusts);
        router.get("/v3/OS-TRUST/trusts/{trust_id}", this::getTrust);
        router.delete("/v3/OS-TRUST/trusts/{trust_id}", this::deleteTrust);
        router.get("/v3/OS-TRUST/trusts/{trust_id}/roles", this::listTrustRoles);
        router.get("/v3/OS-TRUST/trusts/{trust_id}/roles/{role_id}", this::getTrustRole);
        router.head("/v3/OS-TRUST/trusts/{trust_id}/roles/{role_id}", this::getTrustRole);
        String ec2 = "/v3/users/{user_id}/credentials/OS-EC2";
        router.post(ec2, this::createEc2);
        router.get(ec2, this::listEc2);
        router.get(ec2 + "/{access}", this::getEc2);
        router.delete(ec2 + "/{access}", this::deleteEc2);
        router.post("/v3/credentials", this::createCredential);
        router.get("/v3/credentials", this::listCredentials);
        router.get("/v3/credentials/{credential_id}", this::getCredential);
        router.patch("/v3/credentials/{credential_id}", this::updateCredential);
        router.delete("/v3/credentials/{credential_id}", this::deleteCredential);
    }

    private Response createApplicationCredential(Request request) {
        String userId = request.pathParam("user_id");
        authorizer.enforce(request, "identity:create_application_credential", Authorizer.target("user_id", userId,
                "target.user.id", userId));
        AuthContext auth = request.auth();
        if (!auth.userId().equals(userId)) {
            throw ApiException.forbidden("You are not authorized to perform the requested action: "
                    + "identity:create_application_credential.");
        }
        if (auth.applicationCredentialId() != null && delegations.findApplicationCredential(auth.applicationCredentialId())
                .map(c -> !c.unrestricted()).orElse(true)) {
            throw ApiException.forbidden("Using method 'application_credential' is not allowed for managing "
                    + "additional application credentials.");
        }
        if (auth.trustId() != null) {
            throw ApiException.forbidden("Using trust-scoped tokens is not allowed for managing application credentials.");
        }
        if (auth.projectId() == null) {
            throw ApiException.badRequest("An application credential must be created with a project-scoped token.");
        }
        ObjectNode body = Bodies.entity(request, "application_credential");
        String name = Bodies.name(body, "name", true, 255);
        String secret = Bodies.string(body, "secret", false, 4096);
        if (secret == null || secret.isEmpty()) {
            byte[] bytes = new byte[64];
            random.nextBytes(bytes);
            secret = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        }
        Instant expiresAt = instant(Bodies.nullableString(body, "expires_at", 64), "expires_at");
        if (expiresAt != null && !expiresAt.isAfter(Instant.now())) {
            throw ApiException.badRequest("The expiration time of an application credential must be in the future.");
        }
        List<String> roleIds = roleIds(body.get("roles"), auth);
        Boolean unrestricted = Bodies.bool(body, "unrestricted");
        ApplicationCredential credential = new ApplicationCredential(Ids.newId(), name, userId, auth.projectId(),
                Bodies.nullableString(body, "description", 65535), expiresAt, Boolean.TRUE.equals(unrestricted), roleIds);
        ApplicationCredential created = delegations.createApplicationCredential(credential, secret);
        ObjectNode view = Views.applicationCredential(request, created, roles.roles());
        view.put("secret", secret);
        return Response.json(201, Views.wrap("application_credential", view));
    }

    private Response listApplicationCredentials(Request request) {
        String userId = request.pathParam("user_id");
        authorizer.enforce(request, "identity:list_application_credentials", Authorizer.target("user_id", userId,
                "target.user.id", userId));
        users.get(userId);
        List<ApplicationCredential> list = delegations.listApplicationCredentials(userId,
                request.queryParam("name").orElse(null));
        Map<String, Role> byId = roles.roles();
        return Response.ok(Views.collection(request, "application_credentials", list,
                c -> Views.applicationCredential(request, c, byId)));
    }

    private Response getApplicationCredential(Request request) {
        String userId = request.pathParam("user_id");
        authorizer.enforce(request, "identity:get_application_credential", Authorizer.target("user_id", userId,
                "target.user.id", userId, "target.application_credential.user_id", userId));
        ApplicationCredential credential = delegations.getApplicationCredential(userId, request.pathParam("credential_id"));
        return Response.ok(Views.wrap("application_credential",
                Views.applicationCredential(request, credential, roles.roles())));
    }

    private Response deleteApplicationCredential(Request request) {
        String userId = request.pathParam("user_id");
        authorizer.enforce(request, "identity:delete_application_credential", Authorizer.target("user_id", userId,
                "target.user.id", userId, "target.application_credential.user_id", userId));
        AuthContext auth = request.auth();
        if (auth.applicationCredentialId() != null && delegations.findApplicationCredential(auth.applicationCredentialId())
                .map(c -> !c.unrestricted()).orElse(true)) {
            throw ApiException.forbidden("Using method 'application_credential' is not allowed for managing "
                    + "additional application credentials.");
        }
        delegations.deleteApplicationCredential(userId, request.pathParam("credential_id"));
        return Response.empty(204);
    }

    private Response createTrust(Request request) {
        ObjectNode body = Bodies.entity(request, "trust");
        String trustor = Bodies.name(body, "trustor_user_id", true, 64);
        String trustee = Bodies.name(body, "trustee_user_id", true, 64);
        Boolean impersonation = Bodies.bool(body, "impersonation");
        if (impersonation == null) {
            throw ApiException.badRequest("'impersonation' is a required property");
        }
        authorizer.enforce(request, "identity:create_trust", Authorizer.target("target.trust.trustor_user_id", trustor,
                "trust.trustor_user_id", trustor));
        AuthContext auth = request.auth();
        if (!auth.userId().equals(trustor)) {
            throw ApiException.forbidden("The authenticated user should match the trustor.");
        }
        if (auth.trustId() != null || auth.applicationCredentialId() != null) {
            throw ApiException.forbidden("Trusts cannot be created with trust-scoped or application credential tokens.");
        }
        users.find(trustee).orElseThrow(() -> ApiException.notFound("Could not find user: " + trustee + "."));
        String projectId = Bodies.nullableString(body, "project_id", 64);
        List<String> roleIds = new ArrayList<>();
        if (projectId != null) {
            resources.findProject(projectId).orElseThrow(() -> ApiException.notFound("Could not find project: "
                    + projectId + "."));
            roleIds = trustRoles(body.get("roles"));
            Set<String> held = currentRoles(trustor, projectId);
            for (String roleId : roleIds) {
                if (!held.contains(roleId)) {
                    throw ApiException.forbidden("The trustor does not hold role " + roleId + " on project "
                            + projectId + ".");
                }
            }
        } else if (body.has("roles") && body.get("roles").size() > 0) {
            throw ApiException.forbidden("A trust without a project cannot delegate roles.");
        }
        Integer remaining = null;
        if (body.has("remaining_uses") && !body.get("remaining_uses").isNull()) {
            if (!body.get("remaining_uses").canConvertToInt() || body.get("remaining_uses").asInt() <= 0) {
                throw ApiException.badRequest("remaining_uses must be a positive integer or null.");
            }
            remaining = body.get("remaining_uses").asInt();
        }
        Instant expiresAt = instant(Bodies.nullableString(body, "expires_at", 64), "expires_at");
        Trust trust = new Trust(Ids.newId(), trustor, trustee, projectId, impersonation, expiresAt, remaining, null,
                null, roleIds, Map.of());
        return Response.json(201, Views.wrap("trust", Views.trust(request, delegations.createTrust(trust), roles.roles())));
    }

    private Set<String> currentRoles(String userId, String projectId) {
        Trust probe = new Trust("probe", userId, userId, projectId, false, null, null, null, null,
                List.copyOf(roles.roles().keySet()), Map.of());
        return delegations.effectiveTrustRoles(probe);
    }

    private Response listTrusts(Request request) {
        String trustor = request.queryParam("trustor_user_id").orElse(null);
        String trustee = request.queryParam("trustee_user_id").orElse(null);
        AuthContext auth = request.auth();
        String action = trustor != null ? "identity:list_trusts_for_trustor"
                : trustee != null ? "identity:list_trusts_for_trustee" : "identity:list_trusts";
        if (!authorizer.allowed(auth, action, Authorizer.target("target.trust.trustor_user_id", trustor,
                "target.trust.trustee_user_id", trustee))) {
            if (trustor == null && trustee == null) {
                throw ApiException.forbidden("You are not authorized to perform the requested action: " + action + ".");
            }
            if (!auth.userId().equals(trustor) && !auth.userId().equals(trustee)) {
                throw ApiException.forbidden("You are not authorized to perform the requested action: " + action + ".");
            }
        }
        List<Trust> trusts = delegations.listTrusts(trustor, trustee);
        Map<String, Role> byId = roles.roles();
        return Response.ok(Views.collection(request, "trusts", trusts, t -> Views.trust(request, t, byId)));
    }

    private Response getTrust(Request request) {
        Trust trust = trustFor(request, "identity:get_trust");
        return Response.ok(Views.wrap("trust", Views.trust(request, trust, roles.roles())));
    }

    private Response deleteTrust(Request request) {
        Trust trust = trustFor(request, "identity:delete_trust");
        delegations.deleteTrust(trust.id());
        return Response.empty(204);
    }

    private Response listTrustRoles(Request request) {
        Trust trust = trustFor(request, "identity:list_roles_for_trust");
        Map<String, Role> byId = roles.roles();
        List<Role> list = trust.roleIds().stream().map(byId::get).filter(java.util.Objects::nonNull).toList();
        return Response.ok(Views.collection(request, "roles", list, r -> Views.role(request, r)));
    }

    private Response getTrustRole(Request request) {
        Trust trust = trustFor(request, "identity:get_role_for_trust");
        String roleId = request.pathParam("role_id");
        if (!trust.roleIds().contains(roleId)) {
            throw ApiException.notFound("Role " + roleId + " is not defined in trust " + trust.id() + ".");
        }
        return Response.ok(Views.wrap("role", Views.role(request, roles.get(roleId))));
    }

    private Trust trustFor(Request request, String action) {
        String id = request.pathParam("trust_id");
        Trust trust = delegations.findTrust(id).orElseThrow(() -> ApiException.notFound("Could not find trust: " + id + "."));
        AuthContext auth = request.auth();
        boolean party = auth.userId().equals(trust.trustorUserId()) || auth.userId().equals(trust.trusteeUserId());
        if (!party && !authorizer.allowed(auth, action, Authorizer.target("target.trust.trustor_user_id",
                trust.trustorUserId(), "target.trust.trustee_user_id", trust.trusteeUserId()))) {
            throw ApiException.forbidden("You are not authorized to perform the requested action: " + action + ".");
        }
        return trust;
    }

    private Response createCredential(Request request) {
        ObjectNode body = Bodies.entity(request, "credential");
        String userId = Bodies.name(body, "user_id", true, 64);
        String type = Bodies.name(body, "type", true, 255);
        String blob = Bodies.name(body, "blob", true, 65535);
        String projectId = Bodies.nullableString(body, "project_id", 64);
        authorizer.enforce(request, "identity:create_credential", Authorizer.target("target.credential.user_id", userId));
        users.find(userId).orElseThrow(() -> ApiException.notFound("Could not find user: " + userId + "."));
        String id = Ids.newId();
        if (type.equals("ec2")) {
            JsonNode parsed;
            try {
                parsed = Json.parse(blob);
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("Invalid blob in credential: an ec2 blob must be a JSON object.");
            }
            if (!parsed.isObject() || !parsed.path("access").isTextual()) {
                throw ApiException.badRequest("Invalid blob in credential: an ec2 blob must have an 'access' key.");
            }
            if (projectId == null) {
                throw ApiException.badRequest("Invalid blob in credential: an ec2 credential needs a project_id.");
            }
            id = sha256(parsed.path("access").asText());
        }
        Credential credential = new Credential(id, userId, projectId, type, blob,
                Bodies.extra(body, CREDENTIAL_FIELDS, null));
        return Response.json(201, Views.wrap("credential", Views.credential(request, delegations.createCredential(credential))));
    }

    private Response listCredentials(Request request) {
        AuthContext auth = request.auth();
        String userId = request.queryParam("user_id").orElse(null);
        String type = request.queryParam("type").orElse(null);
        boolean listAll = authorizer.allowed(auth, "identity:list_credentials", Authorizer.target("target.credential.user_id",
                userId));
        List<Credential> list = delegations.listCredentials(userId, type).stream()
                .filter(c -> listAll || c.userId().equals(auth.userId())
                        || authorizer.allowed(auth, "identity:get_credential",
                                Authorizer.target("target.credential.user_id", c.userId())))
                .toList();
        return Response.ok(Views.collection(request, "credentials", list, c -> Views.credential(request, c)));
    }

    private Response getCredential(Request request) {
        Credential credential = credentialFor(request, "identity:get_credential");
        return Response.ok(Views.wrap("credential", Views.credential(request, credential)));
    }

    private Response updateCredential(Request request) {
        Credential before = credentialFor(request, "identity:update_credential");
        ObjectNode body = Bodies.entity(request, "credential");
        if (body.has("id")) {
            throw ApiException.badRequest("Cannot change a credential's ID.");
        }
        String userId = Bodies.name(body, "user_id", false, 64);
        String type = Bodies.name(body, "type", false, 255);
        String blob = Bodies.name(body, "blob", false, 65535);
        String projectId = body.has("project_id") ? Bodies.nullableString(body, "project_id", 64) : before.projectId();
        if (userId != null && !userId.equals(before.userId())) {
            authorizer.enforce(request, "identity:update_credential", Authorizer.target("target.credential.user_id", userId));
        }
        Credential after = new Credential(before.id(), userId == null ? before.userId() : userId, projectId,
                type == null ? before.type() : type, blob == null ? before.blob() : blob,
                Bodies.extra(body, CREDENTIAL_FIELDS, before.extra()));
        return Response.ok(Views.wrap("credential", Views.credential(request, delegations.updateCredential(after))));
    }

    private Response deleteCredential(Request request) {
        Credential credential = credentialFor(request, "identity:delete_credential");
        delegations.deleteCredential(credential.id());
        return Response.empty(204);
    }

    private Response createEc2(Request request) {
        String userId = request.pathParam("user_id");
        authorizer.enforce(request, "identity:ec2_create_credential", Authorizer.target("user_id", userId,
                "target.credential.user_id", userId));
        users.get(userId);
        ObjectNode body = request.jsonObject();
        String projectId = Bodies.name(body, "tenant_id", true, 64);
        resources.findProject(projectId).orElseThrow(() -> ApiException.notFound("Could not find project: "
                + projectId + "."));
        String access = Ids.newId();
        String secret = Ids.newId();
        ObjectNode blob = Json.object();
        blob.put("access", access).put("secret", secret).put("trust_id", request.auth().trustId());
        Credential credential = delegations.createCredential(new Credential(sha256(access), userId, projectId, "ec2",
                Json.text(blob), Map.of()));
        return Response.json(201, Views.wrap("credential", ec2View(request, credential)));
    }

    private Response listEc2(Request request) {
        String userId = request.pathParam("user_id");
        authorizer.enforce(request, "identity:ec2_list_credentials", Authorizer.target("user_id", userId,
                "target.credential.user_id", userId));
        users.get(userId);
        List<Credential> list = delegations.listCredentials(userId, "ec2");
        return Response.ok(Views.collection(request, "credentials", list, c -> ec2View(request, c)));
    }

    private Response getEc2(Request request) {
        Credential credential = ec2For(request, "identity:ec2_get_credential");
        return Response.ok(Views.wrap("credential", ec2View(request, credential)));
    }

    private Response deleteEc2(Request request) {
        Credential credential = ec2For(request, "identity:ec2_delete_credential");
        delegations.deleteCredential(credential.id());
        return Response.empty(204);
    }

    private Credential ec2For(Request request, String action) {
        String userId = request.pathParam("user_id");
        String access = request.pathParam("access");
        authorizer.enforce(request, action, Authorizer.target("user_id", userId, "target.credential.user_id", userId));
        return delegations.findCredential(sha256(access))
                .filter(c -> c.type().equals("ec2") && c.userId().equals(userId))
                .orElseThrow(() -> ApiException.notFound("Could not find credential: " + access + "."));
    }

    private static ObjectNode ec2View(Request request, Credential credential) {
        JsonNode blob = Json.parse(credential.blob());
        ObjectNode node = Json.object();
        node.put("user_id", credential.userId()).put("tenant_id", credential.projectId())
                .put("access", blob.path("access").asText()).put("secret", blob.path("secret").asText())
                .put("trust_id", blob.path("trust_id").isTextual() ? blob.path("trust_id").asText() : null);
        node.set("links", Views.links(request, "/v3/users/" + credential.userId() + "/credentials/OS-EC2/"
                + blob.path("access").asText()));
        return node;
    }

    private Credential credentialFor(Request request, String action) {
        String id = request.pathParam("credential_id");
        Credential credential = delegations.findCredential(id).orElse(null);
        if (credential == null || !authorizer.allowed(request.auth(), action,
                Authorizer.target("target.credential.user_id", credential.userId()))) {
            // Keystone hides other users' credentials: not found rather than forbidden.
            throw ApiException.notFound("Could not find credential: " + id + ".");
        }
        return credential;
    }

    private List<String> roleIds(JsonNode node, AuthContext auth) {
        if (node == null || node.isNull()) {
            return auth.roleIds();
        }
        if (!node.isArray()) {
            throw ApiException.badRequest("Invalid input for field 'roles': it must be a list.");
        }
        Set<String> ids = new LinkedHashSet<>();
        for (JsonNode item : node) {
            String id = resolveRole(item);
            if (!auth.roleIds().contains(id)) {
                throw ApiException.forbidden("The application credential cannot have role " + id
                        + " that the user does not hold on the project.");
            }
            ids.add(id);
        }
        return List.copyOf(ids);
    }

    private List<String> trustRoles(JsonNode node) {
        if (node == null || node.isNull() || !node.isArray()) {
            return List.of();
        }
        List<String> ids = new ArrayList<>();
        for (JsonNode item : node) {
            ids.add(resolveRole(item));
        }
        return ids;
    }

    private String resolveRole(JsonNode item) {
        if (!item.isObject()) {
            throw ApiException.badRequest("Invalid input for field 'roles': each role must be an object with id or name.");
        }
        if (item.hasNonNull("id")) {
            String id = item.get("id").asText();
            roles.find(id).orElseThrow(() -> ApiException.notFound("Could not find role: " + id + "."));
            return id;
        }
        if (item.hasNonNull("name")) {
            String name = item.get("name").asText();
            String domainId = item.path("domain_id").asText(null);
            return roles.findByName(name, domainId).map(Role::id)
                    .orElseThrow(() -> ApiException.notFound("Could not find role: " + name + "."));
        }
        throw ApiException.badRequest("Invalid input for field 'roles': each role needs an id or a name.");
    }

    private static Instant instant(String value, String field) {
        if (value == null) {
            return null;
        }
        try {
            String normalized = value.endsWith("Z") || value.matches(".*[+-]\\d\\d:\\d\\d$") ? value : value + "Z";
            return OffsetDateTime.parse(normalized).toInstant();
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest("Invalid input for field '" + field + "': '" + value
                    + "' is not an ISO 8601 time.");
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
