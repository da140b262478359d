package io.strato.identity.core;

import io.strato.identity.api.Group;
import io.strato.identity.api.User;
import io.strato.identity.store.UserStore.LoginState;
import io.strato.identity.store.UserStore.PasswordRecord;
import io.strato.platform.db.Session;
import io.strato.platform.http.ApiException;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Users, passwords under the security-compliance rules, groups and membership. */
public final class UserManager {
    private final IdentityData data;
    private final PasswordHasher hasher;
    private final SecurityCompliance compliance;

    public UserManager(IdentityData data, PasswordHasher hasher, SecurityCompliance compliance) {
        this.data = data;
        this.hasher = hasher;
        this.compliance = compliance;
    }

    public SecurityCompliance compliance() {
        return compliance;
    }

    public User create(User user, String password) {
        if (password != null) {
            checkStrength(password);
        }
        String hash = password == null ? null : hasher.hash(password);
        return data.writeUnique("user", duplicate(user), s -> {
            data.resources.domain(s, user.domainId()).orElseThrow(() -> IdentityErrors.notFound("domain", user.domainId()));
            if (data.users.userByName(s, user.domainId(), user.name()).isPresent()) {
                throw IdentityErrors.duplicate("user", duplicate(user));
            }
            data.users.insertUser(s, user);
            if (hash != null) {
                Instant now = data.clock.instant();
                boolean firstUse = compliance.changePasswordUponFirstUse()
                        && !Boolean.TRUE.equals(user.options().get("ignore_change_password_upon_first_use"));
                Instant expires = firstUse ? now : expiry(user, now);
                data.users.addPassword(s, user.id(), new PasswordRecord(hash, now, expires, false));
            }
            return data.users.user(s, user.id()).orElseThrow();
        });
    }

    /** Updates attributes and, when given, sets a new password as an administrator would. */
    public User update(User user, String newPassword) {
        if (newPassword != null) {
            checkStrength(newPassword);
        }
        String hash = newPassword == null ? null : hasher.hash(newPassword);
        return data.writeUnique("user", duplicate(user), s -> {
            User before = requireUser(s, user.id());
            Optional<User> clash = data.users.userByName(s, user.domainId(), user.name());
            if (clash.isPresent() && !clash.get().id().equals(user.id())) {
                throw IdentityErrors.duplicate("user", duplicate(user));
            }
            data.users.updateUser(s, user);
            if (hash != null) {
                Instant now = data.clock.instant();
                boolean firstUse = compliance.changePasswordUponFirstUse()
                        && !Boolean.TRUE.equals(user.options().get("ignore_change_password_upon_first_use"));
                data.users.addPassword(s, user.id(), new PasswordRecord(hash, now, firstUse ? now : expiry(user, now), false));
                data.users.prunePasswords(s, user.id(), Math.max(1, compliance.uniqueLastPasswordCount()));
                data.users.resetLoginFailures(s, user.id());
                data.revocations.revoke(s, Revocations.Kind.USER, user.id());
            }
            if (before.enabled() && !user.enabled()) {
                data.revocations.revoke(s, Revocations.Kind.USER, user.id());
            }
            return data.users.user(s, user.id()).orElseThrow();
        });
    }

    /** The user's own password change: needs the current password, honours minimum age and history. */
    public void changePassword(String userId, String originalPassword, String newPassword) {
        checkStrength(newPassword);
        String hash = hasher.hash(newPassword);
        data.write(s -> {
            User user = data.users.user(s, userId).orElseThrow(IdentityErrors::unauthorized);
            List<PasswordRecord> history = data.users.passwords(s, userId, 1);
            if (history.isEmpty() || !hasher.verify(originalPassword, history.get(0).hash())) {
                throw IdentityErrors.unauthorized();
            }
            if (Boolean.TRUE.equals(user.options().get("lock_password"))) {
                throw ApiException.forbidden("You cannot change your password at this time due to password policy "
                        + "disallowing password changes. Please contact your administrator to reset your password.");
            }
            PasswordRecord current = history.get(0);
            Instant now = data.clock.instant();
            boolean expired = current.expiresAt() != null && !current.expiresAt().isAfter(now);
            if (!compliance.minimumPasswordAge().isZero() && current.selfService() && !expired
                    && current.createdAt().plus(compliance.minimumPasswordAge()).isAfter(now)) {
                throw ApiException.badRequest("You cannot change your password at this time due to the minimum "
                        + "password age. Once you change your password, it must be used for "
                        + compliance.minimumPasswordAge().toDays() + " day(s) before it can be changed. Please try "
                        + "again in " + java.time.Duration.between(now, current.createdAt()
                                .plus(compliance.minimumPasswordAge())).toDays() + " day(s) or contact your administrator "
                        + "to reset your password.");
            }
            checkHistory(s, userId, newPassword);
            data.users.addPassword(s, userId, new PasswordRecord(hash, now, expiry(user, now), true));
            data.users.prunePasswords(s, userId, Math.max(1, compliance.uniqueLastPasswordCount()));
            data.users.resetLoginFailures(s, userId);
            data.revocations.revoke(s, Revocations.Kind.USER, userId);
            return null;
        });
    }

    /**
     * Checks a password login. Throws 401 without saying whether the user exists; counts failures
     * for lockout; refuses an expired password with Keystone's message.
     */
    public User authenticate(String userId, String password) {
        Instant now = data.clock.instant();
        record Snapshot(User user, LoginState state, PasswordRecord current) {
        }
        Snapshot snapshot = data.read(s -> {
            Optional<User> user = data.users.user(s, userId);
            if (user.isEmpty()) {
                return null;
            }
            List<PasswordRecord> history = data.users.passwords(s, userId, 1);
            return new Snapshot(user.get(), data.users.loginState(s, userId), history.isEmpty() ? null : history.get(0));
        });
        if (snapshot == null) {
            hasher.hash(password == null ? "" : password); // spend the time a real check takes
            throw IdentityErrors.unauthorized();
        }
        User user = snapshot.user();
        LoginState state = snapshot.state();
        boolean lockoutApplies = compliance.lockoutFailureAttempts() > 0
                && !Boolean.TRUE.equals(user.options().get("ignore_lockout_failure_attempts"));
        boolean lockoutOver = false;
        if (lockoutApplies && state.failedCount() >= compliance.lockoutFailureAttempts()) {
            if (state.lastFailure() != null && state.lastFailure().plus(compliance.lockoutDuration()).isAfter(now)) {
                throw ApiException.unauthorized("The account is locked for user: " + userId + ".");
            }
            lockoutOver = true;
        }
        PasswordRecord current = snapshot.current();
        if (current == null || !hasher.verify(password, current.hash())) {
            if (lockoutApplies) {
                boolean reset = lockoutOver;
                data.write(s -> {
                    if (reset) {
                        data.users.resetLoginFailures(s, userId);
                    }
                    data.users.recordLoginFailure(s, userId, now);
                    return null;
                });
            }
            throw IdentityErrors.unauthorized();
        }
        if (current.expiresAt() != null && !current.expiresAt().isAfter(now)) {
            throw ApiException.unauthorized("The password is expired and needs to be changed for user: " + userId + ".");
        }
        if (state.failedCount() > 0) {
            data.database.transaction(s -> {
                data.users.recordLoginSuccess(s, userId, now);
                return null;
            });
        }
        return user;
    }

    public void delete(String userId) {
        data.write(s -> {
            requireUser(s, userId);
            data.roles.deleteAssignmentsOfActor(s, userId);
            data.credentials.deleteCredentialsOfUser(s, userId);
            data.users.deleteUser(s, userId);
            data.revocations.revoke(s, Revocations.Kind.USER, userId);
            return null;
        });
    }

    public User get(String userId) {
        return data.read(s -> requireUser(s, userId));
    }

    public Optional<User> find(String userId) {
        return data.read(s -> data.users.user(s, userId));
    }

    public Optional<User> findByName(String domainId, String name) {
        return data.read(s -> data.users.userByName(s, domainId, name));
    }

    public List<User> list(String domainId, String name, Boolean enabled) {
        return data.read(s -> data.users.users(s, domainId, name, enabled));
    }

    public User requireUser(Session s, String userId) throws SQLException {
        return data.users.user(s, userId).orElseThrow(() -> IdentityErrors.notFound("user", userId));
    }

    public Group createGroup(Group group) {
        return data.writeUnique("group", duplicate(group), s -> {
            data.resources.domain(s, group.domainId()).orElseThrow(() -> IdentityErrors.notFound("domain", group.domainId()));
            if (!data.users.groups(s, group.domainId(), group.name()).isEmpty()) {
                throw IdentityErrors.duplicate("group", duplicate(group));
            }
            data.users.insertGroup(s, group);
            return group;
        });
    }

    public Group updateGroup(Group group) {
        return data.writeUnique("group", duplicate(group), s -> {
            requireGroup(s, group.id());
            for (Group clash : data.users.groups(s, group.domainId(), group.name())) {
                if (!clash.id().equals(group.id())) {
                    throw IdentityErrors.duplicate("group", duplicate(group));
                }
            }
            data.users.updateGroup(s, group);
            return group;
        });
    }

    public void deleteGroup(String groupId) {
        data.write(s -> {
            requireGroup(s, groupId);
            for (String member : data.users.memberIds(s, groupId)) {
                data.revocations.revoke(s, Revocations.Kind.USER, member);
            }
            data.roles.deleteAssignmentsOfActor(s, groupId);
            data.users.deleteGroup(s, groupId);
            return null;
        });
    }

    public Group getGroup(String groupId) {
        return data.read(s -> requireGroup(s, groupId));
    }

    public Optional<Group> findGroup(String groupId) {
        return data.read(s -> data.users.group(s, groupId));
    }

    public List<Group> listGroups(String domainId, String name) {
        return data.read(s -> data.users.groups(s, domainId, name));
    }

    public Group requireGroup(Session s, String groupId) throws SQLException {
        return data.users.group(s, groupId).orElseThrow(() -> IdentityErrors.notFound("group", groupId));
    }

    public void addMember(String groupId, String userId) {
        data.write(s -> {
            requireGroup(s, groupId);
            requireUser(s, userId);
            data.users.addMember(s, groupId, userId);
            return null;
        });
    }

    public void removeMember(String groupId, String userId) {
        data.write(s -> {
            requireGroup(s, groupId);
            requireUser(s, userId);
            if (!data.users.removeMember(s, groupId, userId)) {
                throw ApiException.notFound("User " + userId + " is not a member of group " + groupId + ".");
            }
            data.revocations.revoke(s, Revocations.Kind.USER, userId);
            return null;
        });
    }

    public boolean isMember(String groupId, String userId) {
        return data.read(s -> {
            requireGroup(s, groupId);
            requireUser(s, userId);
            return data.users.isMember(s, groupId, userId);
        });
    }

    public List<User> members(String groupId) {
        return data.read(s -> {
            requireGroup(s, groupId);
            return data.users.members(s, groupId);
        });
    }

    public List<Group> groupsOf(String userId) {
        return data.read(s -> {
            requireUser(s, userId);
            return data.users.groupsOfUser(s, userId);
        });
    }

    /** Verifies a secret against a stored hash (used for application credential secrets). */
    public boolean verifySecret(String secret, String hash) {
        return hasher.verify(secret, hash);
    }

    public String hashSecret(String secret) {
        return hasher.hash(secret);
    }

    private void checkStrength(String password) {
        if (compliance.passwordRegex() != null && !compliance.passwordRegex().matcher(password).matches()) {
            String description = compliance.passwordRegexDescription();
            throw ApiException.badRequest("Password validation error: The password does not meet the requirements: "
                    + (description.isEmpty() ? compliance.passwordRegex().pattern() : description) + ".");
        }
    }

    private void checkHistory(Session s, String userId, String newPassword) throws SQLException {
        int count = compliance.uniqueLastPasswordCount();
        if (count <= 0) {
            return;
        }
        for (PasswordRecord old : data.users.passwords(s, userId, count)) {
            if (hasher.verify(newPassword, old.hash())) {
                throw ApiException.badRequest("The new password cannot be identical to a previous password. The total "
                        + "number which includes the new password must be unique is " + count + ".");
            }
        }
    }

    private Instant expiry(User user, Instant now) {
        if (compliance.passwordExpiry() == null
                || Boolean.TRUE.equals(user.options().get("ignore_password_expiry"))) {
            return null;
        }
        return now.plus(compliance.passwordExpiry());
    }

    private static String duplicate(User user) {
        return "Duplicate entry found with name " + user.name() + " at domain ID " + user.domainId() + ".";
    }

    private static String duplicate(Group group) {
        return "Duplicate entry found with name " + group.name() + " at domain ID " + group.domainId() + ".";
    }
}
