package dev.airlock.session;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything one STS AssumeRole call sends. The MFA code is a one-time secret: it is never
 * stored, audited or printed (see {@link Mfa#toString()}).
 */
public record AssumeRoleSpec(String roleArn, String sessionName, String policyJson, Duration duration,
        Optional<String> sourceIdentity, Map<String, String> tags, Optional<Mfa> mfa, Optional<String> externalId) {

    public AssumeRoleSpec {
        Objects.requireNonNull(roleArn, "roleArn");
        Objects.requireNonNull(sessionName, "sessionName");
        Objects.requireNonNull(policyJson, "policyJson");
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(sourceIdentity, "sourceIdentity");
        tags = Map.copyOf(tags);
        Objects.requireNonNull(mfa, "mfa");
        Objects.requireNonNull(externalId, "externalId");
    }

    public AssumeRoleSpec withDuration(Duration d) {
        return new AssumeRoleSpec(roleArn, sessionName, policyJson, d, sourceIdentity, tags, mfa, externalId);
    }

    /** The tag keys in a stable order, for records and dry runs. */
    public List<String> tagKeys() {
        return tags.keySet().stream().sorted().toList();
    }

    /** An MFA device and the code it shows now. */
    public record Mfa(String serialNumber, String code) {
        public Mfa {
            Objects.requireNonNull(serialNumber, "serialNumber");
            Objects.requireNonNull(code, "code");
        }

        @Override
        public String toString() {
            return "Mfa[" + serialNumber + ", code redacted]";
        }
    }
}
