package dev.airlock.lifecycle;

import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/** Points a child's AWS clients at the enforcing endpoint, in the ways every CLI and SDK honours. */
public final class EndpointEnvironment {
    private EndpointEnvironment() {}

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
