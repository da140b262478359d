package io.strato.identity.core;

import io.strato.identity.api.ApplicationCredential;
import io.strato.identity.api.Domain;
import io.strato.identity.api.Project;
import io.strato.identity.api.Role;
import io.strato.identity.api.Trust;
import io.strato.identity.api.User;
import io.strato.identity.core.AuthRequest.ScopeRequest;
import io.strato.identity.token.FernetTokenProvider;
import io.strato.identity.token.InvalidTokenException;
import io.strato.identity.token.TokenPayload;
import io.strato.identity.token.TokenPayloadCodec;
import io.strato.platform.auth.AuthContext;
import io.strato.platform.auth.TokenValidator;
import io.strato.platform.http.ApiException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Authentication and tokens: turns credentials and a scope request into a Fernet token, and a
 * token back into an {@link AuthContext} after checking revocation and that the user, scope and
 * roles still hold. Validations are cached until the next identity write.
 */
public final class TokenManager implements TokenValidator {
    private record Cached(AuthContext context, long generation) {
    }

    private static final int CACHE_LIMIT = 100_000;
    private static final Set<String> SUPPORTED_METHODS = Set.of("password", "token", "application_credential");

    private final IdentityData data;
    private final FernetTokenProvider provider;
    private final ResourceManager resources;
    private final UserManager users;
    private final RoleManager roles;
    private final DelegationManager delegations;
    private final Duration lifetime;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    public TokenManager(IdentityData data, FernetTokenProvider provider, ResourceManager resources, UserManager users,
            RoleManager roles, DelegationManager delegations, Duration lifetime) {
        this.data = data;
        this.provider = provider;
        this.resources = resources;
        this.users = users;
        this.roles = roles;
        this.delegations = delegations;
        this.lifetime = lifetime;
    }

    /** Authenticates and issues a token; 401 for anything that does not check out. */
    public AuthContext authenticate(AuthRequest request) {
        if (request.methods().isEmpty()) {
            throw ApiException.badRequest("Expecting to find identity methods in the auth request.");
        }
        for (String method : request.methods()) {
            if (!SUPPORTED_METHODS.contains(method)) {
                throw ApiException.unauthorized("Attempted to authenticate with an unsupported method.");
            }
        }
        Instant now = data.clock.instant();
        String userId;
        Set<String> methods = new LinkedHashSet<>(request.methods());
        Instant expiresAt = now.plus(lifetime);
        List<String> auditIds = new ArrayList<>();
        auditIds.add(TokenPayloadCodec.newAuditId(random));
        ScopeRequest scope = request.scope();
        ApplicationCredential applicationCredential = null;
        if (request.methods().contains("password")) {
            userId = passwordUser(request.password());
        } else if (request.methods().contains("application_credential")) {
            applicationCredential = applicationCredentialUser(request.applicationCredential());
            userId = applicationCredential.userId();
            if (applicationCredential.expiresAt() != null && applicationCredential.expiresAt().isBefore(expiresAt)) {
                expiresAt = applicationCredential.expiresAt();
            }
            if (!(scope instanceof ScopeRequest.None) && !(scope instanceof ScopeRequest.Project p
                    && applicationCredential.projectId().equals(p.id()))) {
                throw ApiException.unauthorized("Application credentials cannot request a scope.");
            }
            scope = new ScopeRequest.Project(applicationCredential.projectId(), null, null, null);
        } else if (request.methods().contains("token")) {
            AuthContext original = validate(request.tokenId())
                    .orElseThrow(() -> ApiException.notFound("Could not find token: " + abbreviate(request.tokenId()) + "."));
            if (original.trustId() != null) {
                throw ApiException.forbidden("Trust-scoped tokens cannot be rescoped.");
            }
            if (original.applicationCredentialId() != null) {
                throw ApiException.unauthorized("Tokens from application credentials cannot be rescoped.");
            }
            if (scope instanceof ScopeRequest.None) {
                scope = new ScopeRequest.Unscoped();
            }
            userId = original.userId();
            methods.addAll(original.methods());
            expiresAt = original.expiresAt();
            auditIds.add(original.auditIds().get(original.auditIds().size() - 1));
        } else {
            throw ApiException.unauthorized("Attempted to authenticate with an unsupported method.");
        }
        User user = users.find(userId).orElseThrow(IdentityErrors::unauthorized);
        checkUserEnabled(user);

        String trustId = null;
        TokenPayload.Scope tokenScope;
        switch (scope) {
            case ScopeRequest.None none -> tokenScope = defaultScope(user);
            case ScopeRequest.Unscoped unscoped -> tokenScope = new TokenPayload.Scope.Unscoped();
            case ScopeRequest.Project p -> {
                Project project = resolveProject(p);
                tokenScope = new TokenPayload.Scope.ProjectScope(project.id());
            }
            case ScopeRequest.Domain d -> {
                Domain domain = d.id() != null ? resources.findDomain(d.id()).orElseThrow(IdentityErrors::unauthorized)
                        : resources.findDomainByName(d.name()).orElseThrow(IdentityErrors::unauthorized);
                tokenScope = new TokenPayload.Scope.DomainScope(domain.id());
            }
            case ScopeRequest.System system -> tokenScope = new TokenPayload.Scope.SystemScope();
            case ScopeRequest.Trust t -> {
                Trust trust = delegations.findTrust(t.id())
                        .orElseThrow(() -> ApiException.notFound("Could not find trust: " + t.id() + "."));
                if (!trust.trusteeUserId().equals(userId)) {
                    throw ApiException.forbidden("User " + userId + " is not a trustee.");
                }
                delegations.consumeTrust(trust);
                trustId = trust.id();
                if (trust.impersonation()) {
                    userId = trust.trustorUserId();
                }
                if (trust.expiresAt() != null && trust.expiresAt().isBefore(expiresAt)) {
                    expiresAt = trust.expiresAt();
                }
                tokenScope = trust.projectId() == null ? new TokenPayload.Scope.Unscoped()
                        : new TokenPayload.Scope.ProjectScope(trust.projectId());
            }
        }
        TokenPayload payload = new TokenPayload(userId, methods, tokenScope, expiresAt, now, List.copyOf(auditIds),
                trustId, applicationCredential == null ? null : applicationCredential.id());
        String token = provider.issue(payload);
        AuthContext context = build(token, payload);
        if (context == null) {
            throw scopeRefused(tokenScope, userId);
        }
        return context;
    }

    /** Validates a token: signature, expiry, revocation, and that user, scope and roles still hold. */
    @Override
    public Optional<AuthContext> validate(String token) {
        if (token == null || token.isEmpty()) {
            return Optional.empty();
        }
        long generation = data.generation();
        Cached cached = cache.get(token);
        Instant now = data.clock.instant();
        if (cached != null && cached.generation() == generation) {
            return cached.context().expiresAt().isAfter(now) ? Optional.of(cached.context()) : Optional.empty();
        }
        TokenPayload payload;
        try {
            payload = provider.validate(token);
        } catch (InvalidTokenException e) {
            return Optional.empty();
        }
        AuthContext context = build(token, payload);
        if (context == null) {
            return Optional.empty();
        }
        if (cache.size() >= CACHE_LIMIT) {
            cache.clear();
        }
        cache.put(token, new Cached(context, generation));
        return Optional.of(context);
    }

    /** Revokes one token (and only that one) by its audit id. */
    public void revoke(AuthContext token) {
        data.write(s -> {
            data.revocations.revoke(s, Revocations.Kind.AUDIT, token.auditIds().get(0));
            return null;
        });
        cache.remove(token.token());
    }

    /** Makes the context, or null when the token no longer stands (revoked, disabled, no roles). */
    private AuthContext build(String token, TokenPayload payload) {
        String projectId = payload.scope() instanceof TokenPayload.Scope.ProjectScope p ? p.projectId() : null;
        String domainId = payload.scope() instanceof TokenPayload.Scope.DomainScope d ? d.domainId() : null;
        boolean system = payload.scope() instanceof TokenPayload.Scope.SystemScope;
        if (data.revocations.isRevoked(new Revocations.TokenFacts(payload.userId(), projectId, domainId,
                payload.auditIds(), payload.trustId(), payload.applicationCredentialId(), payload.issuedAt()))) {
            return null;
        }
        return data.read(s -> {
            Optional<User> found = data.users.user(s, payload.userId());
            if (found.isEmpty() || !found.get().enabled()) {
                return null;
            }
            User user = found.get();
            Optional<Domain> userDomain = data.resources.domain(s, user.domainId());
            if (userDomain.isEmpty() || !userDomain.get().enabled()) {
                return null;
            }
            Set<String> roleIds = Set.of();
            Project project = null;
            Domain projectDomain = null;
            Domain scopeDomain = null;
            if (projectId != null) {
                project = data.resources.project(s, projectId).orElse(null);
                if (project == null || !project.enabled()) {
                    return null;
                }
                projectDomain = data.resources.domain(s, project.domainId()).orElse(null);
                if (projectDomain == null || !projectDomain.enabled()) {
                    return null;
                }
                roleIds = roles.effectiveOnProject(s, user.id(), project);
            } else if (domainId != null) {
                scopeDomain = data.resources.domain(s, domainId).orElse(null);
                if (scopeDomain == null || !scopeDomain.enabled()) {
                    return null;
                }
                roleIds = roles.effectiveOnDomain(s, user.id(), domainId);
            } else if (system) {
                roleIds = roles.effectiveOnSystem(s, user.id());
            }
            if (payload.trustId() != null) {
                Optional<Trust> trust = data.credentials.trust(s, payload.trustId());
                if (trust.isEmpty()) {
                    return null;
                }
                if (trust.get().expiresAt() != null && !trust.get().expiresAt().isAfter(data.clock.instant())) {
                    return null;
                }
                Set<String> trustorRoles = project == null ? Set.of()
                        : roles.effectiveOnProject(s, trust.get().trustorUserId(), project);
                Set<String> delegated = new LinkedHashSet<>(roles.expand(Set.copyOf(trust.get().roleIds())));
                delegated.retainAll(trustorRoles);
                roleIds = delegated;
            }
            if (payload.applicationCredentialId() != null) {
                Optional<ApplicationCredential> credential = data.credentials.appCredential(s, payload.applicationCredentialId());
                if (credential.isEmpty()) {
                    return null;
                }
                Set<String> granted = new LinkedHashSet<>(roles.expand(Set.copyOf(credential.get().roleIds())));
                granted.retainAll(roleIds);
                roleIds = granted;
            }
            boolean scoped = projectId != null || domainId != null || system;
            if (scoped && roleIds.isEmpty()) {
                return null;
            }
            Map<String, Role> roleById = roles.roles();
            List<String> ids = new ArrayList<>();
            List<String> names = new ArrayList<>();
            for (String roleId : roleIds) {
                Role role = roleById.get(roleId);
                if (role != null) {
                    ids.add(role.id());
                    names.add(role.name());
                }
            }
            return new AuthContext(token, user.id(), user.name(), user.domainId(), userDomain.get().name(),
                    project == null ? null : project.id(), project == null ? null : project.name(),
                    project == null ? null : project.domainId(), projectDomain == null ? null : projectDomain.name(),
                    scopeDomain == null ? null : scopeDomain.id(), scopeDomain == null ? null : scopeDomain.name(),
                    system, List.copyOf(ids), List.copyOf(names), Set.copyOf(payload.methods()), payload.issuedAt(),
                    payload.expiresAt(), payload.auditIds(), payload.trustId(), payload.applicationCredentialId(), true);
        });
    }

    private String passwordUser(AuthRequest.PasswordIdentity identity) {
        if (identity == null || identity.user() == null) {
            throw ApiException.badRequest("Expecting to find user in password identity.");
        }
        String userId = resolveUserId(identity.user());
        User user = users.authenticate(userId, identity.password());
        checkUserEnabled(user);
        return user.id();
    }

    private ApplicationCredential applicationCredentialUser(AuthRequest.ApplicationCredentialIdentity identity) {
        if (identity == null) {
            throw ApiException.badRequest("Expecting to find application_credential in the identity.");
        }
        ApplicationCredential credential;
        if (identity.id() != null) {
            credential = delegations.findApplicationCredential(identity.id()).orElseThrow(IdentityErrors::unauthorized);
        } else {
            if (identity.name() == null || identity.user() == null) {
                throw ApiException.badRequest("An application credential needs its id, or its name and its user.");
            }
            String userId = resolveUserId(identity.user());
            credential = delegations.findApplicationCredentialByName(userId, identity.name())
                    .orElseThrow(IdentityErrors::unauthorized);
        }
        return delegations.authenticateApplicationCredential(credential, identity.secret());
    }

    private String resolveUserId(AuthRequest.UserReference reference) {
        if (reference.id() != null) {
            return reference.id();
        }
        if (reference.name() == null) {
            throw ApiException.badRequest("Expecting to find user id or name in the identity.");
        }
        Domain domain;
        if (reference.domainId() != null) {
            domain = resources.findDomain(reference.domainId()).orElse(null);
        } else if (reference.domainName() != null) {
            domain = resources.findDomainByName(reference.domainName()).orElse(null);
        } else {
            throw ApiException.badRequest("Expecting to find domain in user - the server could not comply with the "
                    + "request since it is either malformed or otherwise incorrect. The client is assumed to be in error.");
        }
        if (domain == null || !domain.enabled()) {
            throw IdentityErrors.unauthorized();
        }
        return users.findByName(domain.id(), reference.name()).map(User::id).orElse("unknown-" + reference.name());
    }

    private Project resolveProject(ScopeRequest.Project request) {
        Project project;
        if (request.id() != null) {
            project = resources.findProject(request.id()).orElse(null);
        } else {
            String domainId = request.domainId();
            if (domainId == null && request.domainName() != null) {
                domainId = resources.findDomainByName(request.domainName()).map(Domain::id).orElse(null);
            }
            if (domainId == null) {
                throw IdentityErrors.unauthorized();
            }
            project = resources.findProjectByName(domainId, request.name()).orElse(null);
        }
        if (project == null || !project.enabled()) {
            throw IdentityErrors.unauthorized();
        }
        return project;
    }

    private TokenPayload.Scope defaultScope(User user) {
        if (user.defaultProjectId() == null) {
            return new TokenPayload.Scope.Unscoped();
        }
        Optional<Project> project = resources.findProject(user.defaultProjectId());
        if (project.isEmpty() || !project.get().enabled()) {
            return new TokenPayload.Scope.Unscoped();
        }
        boolean hasRoles = !data.read(s -> roles.effectiveOnProject(s, user.id(), project.get())).isEmpty();
        return hasRoles ? new TokenPayload.Scope.ProjectScope(project.get().id()) : new TokenPayload.Scope.Unscoped();
    }

    private static ApiException scopeRefused(TokenPayload.Scope scope, String userId) {
        return switch (scope) {
            case TokenPayload.Scope.ProjectScope p -> ApiException.unauthorized("User " + userId
                    + " has no access to project " + p.projectId() + ".");
            case TokenPayload.Scope.DomainScope d -> ApiException.unauthorized("User " + userId
                    + " has no access to domain " + d.domainId() + ".");
            case TokenPayload.Scope.SystemScope sys -> ApiException.unauthorized("User " + userId
                    + " has no access to the system.");
            default -> IdentityErrors.unauthorized();
        };
    }

    private static void checkUserEnabled(User user) {
        if (!user.enabled()) {
            throw IdentityErrors.unauthorized();
        }
    }

    private static String abbreviate(String token) {
        return token == null ? "" : token.length() > 16 ? token.substring(0, 16) + "..." : token;
    }
}
