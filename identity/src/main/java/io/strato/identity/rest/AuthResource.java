package io.strato.identity.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.strato.identity.api.ApplicationCredential;
import io.strato.identity.api.Assignment;
import io.strato.identity.api.Domain;
import io.strato.identity.api.Endpoint;
import io.strato.identity.api.Project;
import io.strato.identity.api.Trust;
import io.strato.identity.core.AuthRequest;
import io.strato.identity.core.AuthRequest.ScopeRequest;
import io.strato.identity.core.CatalogManager;
import io.strato.identity.core.DelegationManager;
import io.strato.identity.core.IdentityErrors;
import io.strato.identity.core.ResourceManager;
import io.strato.identity.core.RoleAssignments;
import io.strato.identity.core.RoleManager;
import io.strato.identity.core.TokenManager;
import io.strato.platform.auth.AuthContext;
import io.strato.platform.http.ApiException;
import io.strato.platform.http.Request;
import io.strato.platform.http.Response;
import io.strato.platform.http.Router;
import io.strato.platform.json.Json;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** {@code /v3/auth}: issuing, validating and revoking tokens, and what a token may scope to. */
final class AuthResource {
    private final TokenManager tokens;
    private final CatalogManager catalog;
    private final ResourceManager resources;
    private final RoleManager roles;
    private final DelegationManager delegations;
    private final Authorizer authorizer;
    private final RoleAssignments assignments;

    AuthResource(TokenManager tokens, CatalogManager catalog, ResourceManager resources, RoleManager roles,
            DelegationManager delegations, Authorizer authorizer, RoleAssignments assignments) {
        this.assignments = assignments;
        this.tokens = tokens;
        this.catalog = catalog;
        this.resources = resources;
        this.roles = roles;
        this.delegations = delegations;
        this.authorizer = authorizer;
    }

    void register(Router router) {
        router.add("POST", "/v3/auth/tokens", this::issue, true);
        router.get("/v3/auth/tokens", request -> validate(request, false));
        router.head("/v3/auth/tokens", request -> validate(request, true));
        router.delete("/v3/auth/tokens", this::revoke);
        router.get("/v3/auth/catalog", this::catalog);
        router.get("/v3/auth/projects", this::projects);
        router.get("/v3/auth/domains", this::domains);
        router.get("/v3/auth/system", this::system);
        router.get("/v3/auth/tokens/OS-PKI/revoked", request -> {
            throw new ApiException(410, "The revocation list is not available with Fernet tokens.");
        });
    }

    private Response issue(Request request) {
        AuthRequest auth = parse(request);
        AuthContext context = tokens.authenticate(auth);
        boolean noCatalog = request.queryParam("nocatalog").isPresent();
        return Response.json(201, tokenBody(request, context, !noCatalog)).header("X-Subject-Token", context.token());
    }

    private Response validate(Request request, boolean head) {
        AuthContext subject = subject(request);
        authorizer.enforce(request, head ? "identity:check_token" : "identity:validate_token",
                Authorizer.target("target.token.user_id", subject.userId()));
        boolean noCatalog = request.queryParam("nocatalog").isPresent();
        Response response = head ? Response.empty(200) : Response.ok(tokenBody(request, subject, !noCatalog));
        return response.header("X-Subject-Token", subject.token());
    }

    private Response revoke(Request request) {
        AuthContext subject = subject(request);
        authorizer.enforce(request, "identity:revoke_token", Authorizer.target("target.token.user_id", subject.userId()));
        tokens.revoke(subject);
        return Response.empty(204);
    }

    private Response catalog(Request request) {
        AuthContext auth = request.auth();
        if (auth.projectId() == null && auth.domainId() == null && !auth.systemScope()) {
            throw ApiException.forbidden("The authenticated token must be scoped to get a catalog.");
        }
        ObjectNode body = Json.object();
        body.set("catalog", catalogJson());
        body.set("links", Views.links(request, "/v3/auth/catalog"));
        return Response.ok(body);
    }

    private Response projects(Request request) {
        String userId = request.auth().userId();
        Set<String> projectIds = new LinkedHashSet<>();
        for (Assignment a : userAssignments(userId, Assignment.TargetType.PROJECT)) {
            projectIds.add(a.targetId());
        }
        List<Project> projects = new ArrayList<>();
        for (String id : projectIds) {
            resources.findProject(id).filter(Project::enabled)
                    .filter(p -> resources.findDomain(p.domainId()).map(Domain::enabled).orElse(false))
                    .ifPresent(projects::add);
        }
        return Response.ok(Views.collection(request, "projects", projects, p -> Views.project(request, p)));
    }

    private Response domains(Request request) {
        String userId = request.auth().userId();
        Set<String> domainIds = new LinkedHashSet<>();
        for (Assignment a : userAssignments(userId, Assignment.TargetType.DOMAIN)) {
            domainIds.add(a.targetId());
        }
        List<Domain> domains = new ArrayList<>();
        for (String id : domainIds) {
            resources.findDomain(id).filter(Domain::enabled).ifPresent(domains::add);
        }
        return Response.ok(Views.collection(request, "domains", domains, d -> Views.domain(request, d)));
    }

    private Response system(Request request) {
        boolean any = !userAssignments(request.auth().userId(), Assignment.TargetType.SYSTEM).isEmpty();
        ObjectNode body = Json.object();
        ArrayNode system = body.putArray("system");
        if (any) {
            system.addObject().put("all", true);
        }
        body.set("links", Views.links(request, "/v3/auth/system"));
        return Response.ok(body);
    }

    private List<Assignment> userAssignments(String userId, Assignment.TargetType type) {
        return assignments.forUser(userId, type);
    }

    private AuthContext subject(Request request) {
        String token = request.header("X-Subject-Token").orElseThrow(
                () -> ApiException.badRequest("X-Subject-Token is required to look up a token."));
        return tokens.validate(token.trim()).orElseThrow(
                () -> ApiException.notFound("Could not find token: " + (token.length() > 16 ? token.substring(0, 16) + "..." : token) + "."));
    }

    /** The token body Keystone answers with on issue and validate. */
    ObjectNode tokenBody(Request request, AuthContext context, boolean withCatalog) {
        ObjectNode token = Json.object();
        ArrayNode methods = token.putArray("methods");
        context.methods().stream().sorted((a, b) -> a.equals("token") ? 1 : b.equals("token") ? -1 : a.compareTo(b))
                .forEach(methods::add);
        ObjectNode user = token.putObject("user");
        user.putObject("domain").put("id", context.userDomainId()).put("name", context.userDomainName());
        user.put("id", context.userId()).put("name", context.userName());
        user.putNull("password_expires_at");
        ArrayNode audit = token.putArray("audit_ids");
        context.auditIds().forEach(audit::add);
        token.put("expires_at", Views.time(context.expiresAt()));
        token.put("issued_at", Views.time(context.issuedAt()));
        if (context.projectId() != null) {
            ObjectNode project = token.putObject("project");
            project.putObject("domain").put("id", context.projectDomainId()).put("name", context.projectDomainName());
            project.put("id", context.projectId()).put("name", context.projectName());
            token.put("is_domain", false);
        } else if (context.domainId() != null) {
            token.putObject("domain").put("id", context.domainId()).put("name", context.domainName());
        } else if (context.systemScope()) {
            token.putObject("system").put("all", true);
        }
        boolean scoped = context.projectId() != null || context.domainId() != null || context.systemScope();
        if (scoped) {
            ArrayNode roleArray = token.putArray("roles");
            for (int i = 0; i < context.roleIds().size(); i++) {
                roleArray.addObject().put("id", context.roleIds().get(i)).put("name", context.roleNames().get(i));
            }
            if (withCatalog) {
                token.set("catalog", catalogJson());
            }
        }
        if (context.trustId() != null) {
            delegations.findTrust(context.trustId()).ifPresent(trust -> trustJson(token, trust));
        }
        if (context.applicationCredentialId() != null) {
            delegations.findApplicationCredential(context.applicationCredentialId())
                    .ifPresent(credential -> applicationCredentialJson(token, credential));
        }
        return Views.wrap("token", token);
    }

    private static void trustJson(ObjectNode token, Trust trust) {
        ObjectNode node = token.putObject("OS-TRUST:trust");
        node.put("id", trust.id()).put("impersonation", trust.impersonation());
        node.putObject("trustee_user").put("id", trust.trusteeUserId());
        node.putObject("trustor_user").put("id", trust.trustorUserId());
    }

    private static void applicationCredentialJson(ObjectNode token, ApplicationCredential credential) {
        token.putObject("application_credential").put("id", credential.id()).put("name", credential.name())
                .put("restricted", !credential.unrestricted());
    }

    private ArrayNode catalogJson() {
        ArrayNode array = Json.array();
        for (CatalogManager.CatalogEntry entry : catalog.catalog()) {
            ObjectNode service = array.addObject();
            ArrayNode endpoints = service.putArray("endpoints");
            for (Endpoint e : entry.endpoints()) {
                endpoints.addObject().put("id", e.id()).put("interface", e.interfaceName())
                        .put("region_id", e.regionId()).put("url", e.url()).put("region", e.regionId());
            }
            service.put("id", entry.service().id()).put("type", entry.service().type())
                    .put("name", entry.service().name());
        }
        return array;
    }

    private static AuthRequest parse(Request request) {
        ObjectNode auth = Bodies.entity(request, "auth");
        JsonNode identity = auth.get("identity");
        if (identity == null || !identity.isObject()) {
            throw ApiException.badRequest("Invalid input for field 'identity': 'identity' is a required property");
        }
        JsonNode methodsNode = identity.get("methods");
        if (methodsNode == null || !methodsNode.isArray() || methodsNode.isEmpty()) {
            throw ApiException.badRequest("Invalid input for field 'identity/methods': a non-empty list is required");
        }
        List<String> methods = new ArrayList<>();
        for (JsonNode method : methodsNode) {
            if (!method.isTextual()) {
                throw ApiException.badRequest("Invalid input for field 'identity/methods': " + method
                        + " is not of type 'string'");
            }
            methods.add(method.asText());
        }
        AuthRequest.PasswordIdentity password = null;
        if (methods.contains("password")) {
            JsonNode node = identity.path("password").path("user");
            if (!node.isObject()) {
                throw ApiException.badRequest("Expecting to find user in password.");
            }
            password = new AuthRequest.PasswordIdentity(user((ObjectNode) node),
                    text(node, "password", "identity/password/user/password"));
        }
        String tokenId = null;
        if (methods.contains("token")) {
            tokenId = text(identity.path("token"), "id", "identity/token/id");
            if (tokenId == null) {
                throw ApiException.badRequest("Expecting to find id in token.");
            }
        }
        AuthRequest.ApplicationCredentialIdentity credential = null;
        if (methods.contains("application_credential")) {
            JsonNode node = identity.path("application_credential");
            if (!node.isObject()) {
                throw ApiException.badRequest("Expecting to find application_credential in identity.");
            }
            JsonNode userNode = node.get("user");
            credential = new AuthRequest.ApplicationCredentialIdentity(text(node, "id", "application_credential/id"),
                    text(node, "name", "application_credential/name"),
                    userNode != null && userNode.isObject() ? user((ObjectNode) userNode) : null,
                    text(node, "secret", "application_credential/secret"));
        }
        return new AuthRequest(methods, password, tokenId, credential, scope(auth.get("scope")));
    }

    private static AuthRequest.UserReference user(ObjectNode node) {
        JsonNode domain = node.get("domain");
        return new AuthRequest.UserReference(text(node, "id", "user/id"), text(node, "name", "user/name"),
                domain == null ? null : text(domain, "id", "user/domain/id"),
                domain == null ? null : text(domain, "name", "user/domain/name"));
    }

    private static ScopeRequest scope(JsonNode scope) {
        if (scope == null || scope.isNull()) {
            return new ScopeRequest.None();
        }
        if (scope.isTextual() && scope.asText().equals("unscoped")) {
            return new ScopeRequest.Unscoped();
        }
        if (!scope.isObject()) {
            throw ApiException.badRequest("Invalid input for field 'scope': " + scope + " is not of type 'object'");
        }
        if (scope.has("project")) {
            JsonNode project = scope.get("project");
            JsonNode domain = project.get("domain");
            ScopeRequest.Project request = new ScopeRequest.Project(text(project, "id", "scope/project/id"),
                    text(project, "name", "scope/project/name"),
                    domain == null ? null : text(domain, "id", "scope/project/domain/id"),
                    domain == null ? null : text(domain, "name", "scope/project/domain/name"));
            if (request.id() == null && (request.name() == null || (request.domainId() == null && request.domainName() == null))) {
                throw ApiException.badRequest("Expecting to find id or name and domain in project.");
            }
            return request;
        }
        if (scope.has("domain")) {
            JsonNode domain = scope.get("domain");
            ScopeRequest.Domain request = new ScopeRequest.Domain(text(domain, "id", "scope/domain/id"),
                    text(domain, "name", "scope/domain/name"));
            if (request.id() == null && request.name() == null) {
                throw ApiException.badRequest("Expecting to find id or name in domain.");
            }
            return request;
        }
        if (scope.has("system")) {
            if (!scope.path("system").path("all").asBoolean(false)) {
                throw ApiException.badRequest("Invalid input for field 'scope/system': only {\"all\": true} is supported.");
            }
            return new ScopeRequest.System();
        }
        if (scope.has("OS-TRUST:trust")) {
            String id = text(scope.get("OS-TRUST:trust"), "id", "scope/OS-TRUST:trust/id");
            if (id == null) {
                throw ApiException.badRequest("Expecting to find id in OS-TRUST:trust.");
            }
            return new ScopeRequest.Trust(id);
        }
        throw ApiException.badRequest("Invalid input for field 'scope': expected project, domain, system or OS-TRUST:trust.");
    }

    private static String text(JsonNode node, String field, String path) {
        JsonNode value = node == null ? null : node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw ApiException.badRequest("Invalid input for field '" + path + "': " + value + " is not of type 'string'");
        }
        return value.asText();
    }

    static ApiException unauthorized() {
        return IdentityErrors.unauthorized();
    }
}
