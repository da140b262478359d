package io.strato.identity.core;

import io.strato.identity.api.ApplicationCredential;
import io.strato.identity.api.Credential;
import io.strato.identity.api.Trust;
import io.strato.platform.http.ApiException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Application credentials, trusts and stored credentials: what a user hands to something else. */
public final class DelegationManager {
    private final IdentityData data;
    private final UserManager users;
    private final RoleManager roles;
    private final CredentialCipher cipher;

    public DelegationManager(IdentityData data, UserManager users, RoleManager roles, CredentialCipher cipher) {
        this.cipher = cipher;
        this.data = data;
        this.users = users;
        this.roles = roles;
    }

    public ApplicationCredential createApplicationCredential(ApplicationCredential credential, String secret) {
        String hash = users.hashSecret(secret);
        String duplicate = "An application credential with name " + credential.name() + " already exists.";
        return data.writeUnique("application credential", duplicate, s -> {
            if (data.credentials.appCredentialByName(s, credential.userId(), credential.name()).isPresent()) {
                throw ApiException.conflict("Conflict occurred attempting to store application credential - " + duplicate);
            }
            data.credentials.insertAppCredential(s, credential, hash);
            return credential;
        });
    }

    public ApplicationCredential getApplicationCredential(String userId, String id) {
        return findApplicationCredential(id).filter(c -> c.userId().equals(userId))
                .orElseThrow(() -> IdentityErrors.notFound("Application Credential", id));
    }

    public Optional<ApplicationCredential> findApplicationCredential(String id) {
        return data.read(s -> data.credentials.appCredential(s, id));
    }

    public Optional<ApplicationCredential> findApplicationCredentialByName(String userId, String name) {
        return data.read(s -> data.credentials.appCredentialByName(s, userId, name));
    }

    public List<ApplicationCredential> listApplicationCredentials(String userId, String name) {
        return data.read(s -> data.credentials.appCredentials(s, userId)).stream()
                .filter(c -> name == null || c.name().equals(name)).toList();
    }

    public void deleteApplicationCredential(String userId, String id) {
        data.write(s -> {
            ApplicationCredential credential = data.credentials.appCredential(s, id).filter(c -> c.userId().equals(userId))
                    .orElseThrow(() -> IdentityErrors.notFound("Application Credential", id));
            data.credentials.deleteAppCredential(s, credential.id());
            data.revocations.revoke(s, Revocations.Kind.APP_CREDENTIAL, credential.id());
            return null;
        });
    }

    /** Checks an application credential's secret; 401 for any mismatch or expiry. */
    public ApplicationCredential authenticateApplicationCredential(ApplicationCredential credential, String secret) {
        String hash = data.read(s -> data.credentials.appCredentialSecretHash(s, credential.id())).orElse(null);
        if (hash == null || secret == null || !users.verifySecret(secret, hash)) {
            throw IdentityErrors.unauthorized();
        }
        if (credential.expiresAt() != null && !credential.expiresAt().isAfter(data.clock.instant())) {
            throw IdentityErrors.unauthorized();
        }
        return credential;
    }

    public Trust createTrust(Trust trust) {
        return data.write(s -> {
            data.credentials.insertTrust(s, trust);
            return trust;
        });
    }

    public Trust getTrust(String id) {
        return findTrust(id).orElseThrow(() -> IdentityErrors.notFound("trust", id));
    }

    /** A trust that exists, is not deleted and has not expired. */
    public Optional<Trust> findTrust(String id) {
        Instant now = data.clock.instant();
        return data.read(s -> data.credentials.trust(s, id))
                .filter(t -> t.expiresAt() == null || t.expiresAt().isAfter(now));
    }

    public List<Trust> listTrusts(String trustorUserId, String trusteeUserId) {
        Instant now = data.clock.instant();
        return data.read(s -> data.credentials.trusts(s, trustorUserId, trusteeUserId)).stream()
                .filter(t -> t.expiresAt() == null || t.expiresAt().isAfter(now)).toList();
    }

    public void deleteTrust(String id) {
        data.write(s -> {
            data.credentials.trust(s, id).orElseThrow(() -> IdentityErrors.notFound("trust", id));
            data.credentials.deleteTrust(s, id, data.clock.instant());
            data.revocations.revoke(s, Revocations.Kind.TRUST, id);
            return null;
        });
    }

    /** Uses up one use of a trust with limited uses; 401 when it has none left. */
    public void consumeTrust(Trust trust) {
        if (trust.remainingUses() == null) {
            return;
        }
        boolean consumed = data.write(s -> data.credentials.consumeTrustUse(s, trust.id()));
        if (!consumed) {
            throw IdentityErrors.unauthorized();
        }
    }

    /** The trustor's current roles on the trust's project that the trust delegates. */
    public Set<String> effectiveTrustRoles(Trust trust) {
        if (trust.projectId() == null) {
            return Set.of();
        }
        Set<String> trustorRoles = data.read(s -> roles.effectiveOnProject(s, trust.trustorUserId(),
                data.resources.project(s, trust.projectId()).orElseThrow(IdentityErrors::unauthorized)));
        Set<String> delegated = roles.expand(Set.copyOf(trust.roleIds()));
        return delegated.stream().filter(trustorRoles::contains)
                .collect(java.util.stream.Collectors.toCollection(java.util.LinkedHashSet::new));
    }

    public Credential createCredential(Credential credential) {
        return data.writeUnique("credential", "Duplicate entry found with ID " + credential.id() + ".", s -> {
            if (data.credentials.credential(s, credential.id()).isPresent()) {
                throw IdentityErrors.duplicate("credential", "Duplicate entry found with ID " + credential.id() + ".");
            }
            data.credentials.insertCredential(s, sealed(credential));
            return credential;
        });
    }

    public Credential updateCredential(Credential credential) {
        return data.write(s -> {
            data.credentials.credential(s, credential.id())
                    .orElseThrow(() -> IdentityErrors.notFound("credential", credential.id()));
            data.credentials.updateCredential(s, sealed(credential));
            return credential;
        });
    }

    public Credential getCredential(String id) {
        return findCredential(id).orElseThrow(() -> IdentityErrors.notFound("credential", id));
    }

    public Optional<Credential> findCredential(String id) {
        return data.read(s -> data.credentials.credential(s, id)).map(this::opened);
    }

    public List<Credential> listCredentials(String userId, String type) {
        return data.read(s -> data.credentials.credentials(s, userId, type)).stream().map(this::opened).toList();
    }

    public void deleteCredential(String id) {
        data.write(s -> {
            data.credentials.credential(s, id).orElseThrow(() -> IdentityErrors.notFound("credential", id));
            data.credentials.deleteCredential(s, id);
            return null;
        });
    }

    private Credential sealed(Credential c) {
        return new Credential(c.id(), c.userId(), c.projectId(), c.type(), cipher.encrypt(c.blob()), c.extra());
    }

    private Credential opened(Credential c) {
        return new Credential(c.id(), c.userId(), c.projectId(), c.type(), cipher.decrypt(c.blob()), c.extra());
    }
}
