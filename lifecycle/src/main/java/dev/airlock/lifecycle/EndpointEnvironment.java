package dev.airlock.lifecycle;

import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/** Points a child's AWS clients at the enforcing endpoint, in the ways every CLI and SDK honours. */
public final class EndpointEnvironment {
    private EndpointEnvironment() {}

    /** The variables a client of a session needs; the rest of a child's environment is the user's own. */
    public static final java.util.List<String> CLIENT_VARIABLES = java.util.List.of("AWS_ACCESS_KEY_ID",
            "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_CREDENTIAL_EXPIRATION", "AWS_REGION", "AWS_DEFAULT_REGION",
            "HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy", "NO_PROXY", "no_proxy", "AWS_CA_BUNDLE",
            "AWS_ENDPOINT_URL", "AWS_EC2_METADATA_DISABLED", "AWS_SHARED_CREDENTIALS_FILE", "AIRLOCK_SESSION_ID");

    public static Map<String, String> apply(Map<String, String> childEnv, int port, Path caBundle) {
        Map<String, String> env = new TreeMap<>(childEnv);
        String url = "http://127.0.0.1:" + port;
        for (String name : new String[] {"HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy"}) {
            env.put(name, url);
        }
        // A parent's NO_PROXY could exempt amazonaws.com from the proxy, i.e. from enforcement.
        env.put("NO_PROXY", "");
        env.put("no_proxy", "");
        env.put("AWS_CA_BUNDLE", caBundle.toString());
        env.put("AWS_ENDPOINT_URL", url);
        return env;
    }
}
