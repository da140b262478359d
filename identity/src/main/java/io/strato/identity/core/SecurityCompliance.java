package io.strato.identity.core;

import io.strato.platform.config.Config;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * Keystone's [security_compliance] options: lockout, password history, minimum age, strength
 * regex and expiry. Zero or empty disables an option, as in Keystone.
 */
public record SecurityCompliance(
        int lockoutFailureAttempts,
        Duration lockoutDuration,
        int uniqueLastPasswordCount,
        Duration minimumPasswordAge,
        Pattern passwordRegex,
        String passwordRegexDescription,
        Duration passwordExpiry,
        boolean changePasswordUponFirstUse) {

    public static SecurityCompliance from(Config config) {
        String regex = config.get("identity.security_compliance.password_regex", "");
        int expiresDays = config.getInt("identity.security_compliance.password_expires_days", 0);
        return new SecurityCompliance(
                config.getInt("identity.security_compliance.lockout_failure_attempts", 0),
                config.getDuration("identity.security_compliance.lockout_duration", Duration.ofMinutes(30)),
                config.getInt("identity.security_compliance.unique_last_password_count", 0),
                Duration.ofDays(config.getInt("identity.security_compliance.minimum_password_age", 0)),
                regex.isEmpty() ? null : Pattern.compile(regex),
                config.get("identity.security_compliance.password_regex_description", ""),
                expiresDays > 0 ? Duration.ofDays(expiresDays) : null,
                config.getBoolean("identity.security_compliance.change_password_upon_first_use", false));
    }

    public static SecurityCompliance none() {
        return new SecurityCompliance(0, Duration.ofMinutes(30), 0, Duration.ZERO, null, "", null, false);
    }
}
