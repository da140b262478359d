package io.strato.identity.core;

import io.strato.platform.db.Database;
import io.strato.platform.db.Session;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Token revocation events, persisted and indexed in memory. An event names one attribute
 * (user, project, user on project, domain, audit id, audit chain, trust or application
 * credential) and an instant; a token carrying that attribute and issued at or before the
 * instant is revoked. Each kind of attribute is a hash index holding the latest instant, so a
 * check costs the same whether there are ten events or a million.
 */
public final class Revocations {
    /** What a revocation event matches. */
    public enum Kind { USER, PROJECT, USER_PROJECT, DOMAIN, AUDIT, AUDIT_CHAIN, TRUST, APP_CREDENTIAL }

    /** The attributes of a token that revocation events are matched against. */
    public record TokenFacts(String userId, String projectId, String domainId, List<String> auditIds, String trustId,
            String applicationCredentialId, Instant issuedAt) {
    }

    private final Database database;
    private final Clock clock;
    private final Duration retention;
    private final Map<Kind, Map<String, Long>> index = new ConcurrentHashMap<>();
    private final AtomicLong lastEventId = new AtomicLong();

    public Revocations(Database database, Clock clock, Duration retention) {
        this.database = database;
        this.clock = clock;
        this.retention = retention;
        for (Kind kind : Kind.values()) {
            index.put(kind, new ConcurrentHashMap<>());
        }
    }

    /** Loads the events that are still relevant and forgets those older than any live token. */
    public void load() {
        long now = clock.millis();
        database.transaction(s -> {
            s.update("DELETE FROM identity_revocation WHERE expires_at < ?", now);
            return null;
        });
        refresh();
    }

    /** Picks up events written since the last look (by this or another controller). */
    public void refresh() {
        database.read(s -> {
            s.query("SELECT id, user_id, project_id, domain_id, audit_id, audit_chain_id, trust_id, app_credential_id, "
                    + "issued_before FROM identity_revocation WHERE id > ? ORDER BY id", row -> {
                        long id = row.getLong(1);
                        String user = row.getString(2);
                        String project = row.getString(3);
                        long before = row.getLong(9);
                        if (user != null && project != null) {
                            remember(Kind.USER_PROJECT, user + "/" + project, before);
                        } else if (user != null) {
                            remember(Kind.USER, user, before);
                        } else if (project != null) {
                            remember(Kind.PROJECT, project, before);
                        }
                        remember(Kind.DOMAIN, row.getString(4), before);
                        remember(Kind.AUDIT, row.getString(5), before);
                        remember(Kind.AUDIT_CHAIN, row.getString(6), before);
                        remember(Kind.TRUST, row.getString(7), before);
                        remember(Kind.APP_CREDENTIAL, row.getString(8), before);
                        lastEventId.accumulateAndGet(id, Math::max);
                        return null;
                    }, lastEventId.get());
            return null;
        });
    }

    /** Records an event inside the caller's transaction and in the index. */
    public void revoke(Session session, Kind kind, String key) throws SQLException {
        revoke(session, kind, key, null);
    }

    public void revoke(Session session, Kind kind, String key, String projectId) throws SQLException {
        long now = clock.millis();
        // Unique and increasing within this process even for many events in one millisecond.
        long id = lastEventId.updateAndGet(last -> Math.max(last + 1, now * 1000));
        String user = kind == Kind.USER || kind == Kind.USER_PROJECT ? key : null;
        String project = kind == Kind.PROJECT ? key : kind == Kind.USER_PROJECT ? projectId : null;
        session.update("INSERT INTO identity_revocation (id, user_id, project_id, domain_id, audit_id, audit_chain_id, "
                + "trust_id, app_credential_id, issued_before, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                id, user, project, kind == Kind.DOMAIN ? key : null, kind == Kind.AUDIT ? key : null,
                kind == Kind.AUDIT_CHAIN ? key : null, kind == Kind.TRUST ? key : null,
                kind == Kind.APP_CREDENTIAL ? key : null, now, now + retention.toMillis());
        remember(kind, kind == Kind.USER_PROJECT ? key + "/" + projectId : key, now);
    }

    public boolean isRevoked(TokenFacts token) {
        long issued = token.issuedAt().toEpochMilli();
        if (revokedAfter(Kind.USER, token.userId(), issued)
                || revokedAfter(Kind.PROJECT, token.projectId(), issued)
                || (token.projectId() != null
                        && revokedAfter(Kind.USER_PROJECT, token.userId() + "/" + token.projectId(), issued))
                || revokedAfter(Kind.DOMAIN, token.domainId(), issued)
                || revokedAfter(Kind.TRUST, token.trustId(), issued)
                || revokedAfter(Kind.APP_CREDENTIAL, token.applicationCredentialId(), issued)) {
            return true;
        }
        List<String> audits = token.auditIds();
        if (!audits.isEmpty() && revokedAfter(Kind.AUDIT, audits.get(0), issued)) {
            return true;
        }
        String chain = audits.isEmpty() ? null : audits.get(audits.size() - 1);
        return revokedAfter(Kind.AUDIT_CHAIN, chain, issued);
    }

    public int size() {
        return index.values().stream().mapToInt(Map::size).sum();
    }

    private boolean revokedAfter(Kind kind, String key, long issued) {
        if (key == null) {
            return false;
        }
        Long before = index.get(kind).get(key);
        return before != null && issued <= before;
    }

    private void remember(Kind kind, String key, long before) {
        if (key != null) {
            index.get(kind).merge(key, before, Math::max);
        }
    }
}
