package dev.airlock.run;

import dev.airlock.session.SessionCredentials;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The environment a child runs with: the parent's, minus every variable that could carry or point
 * to the parent's AWS credentials, plus the session's.
 */
public final class ChildEnvironment {

    /** Variables that name a credential source without containing KEY/TOKEN/SECRET in their name. */
    private static final Set<String> CREDENTIAL_SOURCES = Set.of(
            "AWS_PROFILE", "AWS_DEFAULT_PROFILE", "AWS_ROLE_ARN", "AWS_ROLE_SESSION_NAME",
            "AWS_WEB_IDENTITY_TOKEN_FILE", "AWS_SHARED_CREDENTIALS_FILE", "AWS_CREDENTIAL_EXPIRATION",
            "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "AWS_CONTAINER_CREDENTIALS_FULL_URI",
            "AWS_EC2_METADATA_DISABLED", "AWS_SSO_SESSION", "AWS_VAULT", "AWS_SDK_LOAD_CONFIG");

    private ChildEnvironment() {}

    /**
     * @param sessionId exported as AIRLOCK_SESSION_ID so the child (and its logs) can name its session
     */
    public static Map<String, String> build(Map<String, String> parent, CredentialDelivery delivery, String region,
            String sessionId) {
        Map<String, String> env = new TreeMap<>();
        parent.forEach((k, v) -> {
            if (!carriesCredentials(k)) {
                env.put(k, v);
            }
        });
        if (delivery instanceof CredentialDelivery.Static s) {
            putStatic(env, s.credentials());
        } else if (delivery instanceof CredentialDelivery.ContainerEndpoint c) {
            env.put("AWS_CONTAINER_CREDENTIALS_FULL_URI", c.uri().toString());
            env.put("AWS_CONTAINER_AUTHORIZATION_TOKEN", c.authorizationToken());
        }
        env.put("AWS_REGION", region);
        env.put("AWS_DEFAULT_REGION", region);
        // Without these, an SDK whose session expired would fall back to the parent's
        // ~/.aws/credentials or to the host's instance role: both are the keys we keep from it.
        env.put("AWS_SHARED_CREDENTIALS_FILE", "/dev/null");
        env.put("AWS_EC2_METADATA_DISABLED", "true");
        env.put("AIRLOCK_SESSION_ID", sessionId);
        return env;
    }

    private static void putStatic(Map<String, String> env, SessionCredentials c) {
        env.put("AWS_ACCESS_KEY_ID", c.accessKeyId());
        env.put("AWS_SECRET_ACCESS_KEY", c.secretAccessKey());
        env.put("AWS_SESSION_TOKEN", c.sessionToken());
        env.put("AWS_CREDENTIAL_EXPIRATION",
                DateTimeFormatter.ISO_INSTANT.format(c.expiration().truncatedTo(ChronoUnit.SECONDS)));
    }

    /** Whether a parent variable may hold or lead to AWS credentials, and so never reaches the child. */
    public static boolean carriesCredentials(String name) {
        String n = name.toUpperCase(Locale.ROOT);
        if (CREDENTIAL_SOURCES.contains(n)) {
            return true;
        }
        boolean aws = n.startsWith("AWS_") || n.startsWith("AMAZON_");
        return aws && (n.contains("KEY") || n.contains("SECRET") || n.contains("TOKEN") || n.contains("PASSWORD")
                || n.contains("CREDENTIAL") || n.contains("CONTAINER_"));
    }
}
