package dev.airlock.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** The parameter checks STS makes on AssumeRole, returning "Code: message" as STS words them. */
final class StsValidation {
    private static final ObjectMapper JSON = new ObjectMapper();

    private StsValidation() {}

    static Optional<String> assumeRole(Map<String, String> p, Duration roleMax) {
        if (!"2011-06-15".equals(p.get("Version"))) {
            return Optional.of("InvalidParameterValue: unsupported Version " + p.get("Version"));
        }
        String name = p.getOrDefault("RoleSessionName", "");
        if (!name.matches("[\\w+=,.@-]{2,64}")) {
            return Optional.of("ValidationError: 1 validation error detected: Value '" + name
                    + "' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*");
        }
        long seconds = Long.parseLong(p.getOrDefault("DurationSeconds", "3600"));
        if (seconds < 900 || seconds > 43200) {
            return Optional.of("ValidationError: 1 validation error detected: Value '" + seconds
                    + "' at 'durationSeconds' failed to satisfy constraint: Member must have value between 900 and 43200");
        }
        if (seconds > roleMax.toSeconds()) {
            return Optional.of("ValidationError: The requested DurationSeconds exceeds the MaxSessionDuration set for this role.");
        }
        String policy = p.get("Policy");
        if (policy != null) {
            if (policy.length() > 2048) {
                return Optional.of("ValidationError: 1 validation error detected: Value at 'policy' failed to satisfy "
                        + "constraint: Member must have length less than or equal to 2048");
            }
            try {
                JSON.readTree(policy);
            } catch (Exception e) {
                return Optional.of("MalformedPolicyDocument: The policy is not in the valid JSON format.");
            }
        }
        String code = p.get("TokenCode");
        if (code != null && !code.matches("\\d{6}")) {
            return Optional.of("ValidationError: 1 validation error detected: Value at 'tokenCode' failed to satisfy "
                    + "constraint: Member must satisfy regular expression pattern: [\\d]*");
        }
        if (code != null && !p.containsKey("SerialNumber")) {
            return Optional.of("ValidationError: SerialNumber is required with TokenCode");
        }
        String source = p.get("SourceIdentity");
        if (source != null && !source.matches("[\\w+=,.@-]{2,64}")) {
            return Optional.of("ValidationError: 1 validation error detected: Value at 'sourceIdentity' failed to "
                    + "satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*");
        }
        long tags = p.keySet().stream().filter(k -> k.startsWith("Tags.member.") && k.endsWith(".Key")).count();
        if (tags > 50) {
            return Optional.of("ValidationError: 1 validation error detected: Value at 'tags' failed to satisfy "
                    + "constraint: Member must have length less than or equal to 50");
        }
        return Optional.empty();
    }
}
