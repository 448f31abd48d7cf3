package dev.airlock.session;

import java.util.List;
import java.util.Map;

/** The one condition a session-policy statement may carry; the closed set of those Airlock writes. */
public sealed interface GrantCondition {

    /** The IAM condition operator, e.g. {@code StringLike}. */
    String operator();

    String key();

    List<String> values();

    /** A request context that satisfies the condition, for asking the engine whether the role grants it too. */
    default Map<String, List<String>> satisfyingContext() {
        // Each value satisfies its own condition: a StringLike pattern matches itself.
        return Map.of(key(), List.of(values().get(0)));
    }

    /**
     * Bucket listing granted from object-prefix resources, limited to those prefixes.
     *
     * @param prefixes {@code StringLike} patterns such as {@code reports/*}
     */
    record S3Prefix(List<String> prefixes) implements GrantCondition {
        public S3Prefix {
            prefixes = List.copyOf(prefixes);
        }

        @Override
        public String operator() {
            return "StringLike";
        }

        @Override
        public String key() {
            return "s3:prefix";
        }

        @Override
        public List<String> values() {
            return prefixes;
        }
    }

    /**
     * {@code iam:PassRole} limited to the services the session's other actions configure.
     *
     * @param services service principals such as {@code lambda.amazonaws.com}
     */
    record PassedToService(List<String> services) implements GrantCondition {
        public PassedToService {
            services = List.copyOf(services);
        }

        @Override
        public String operator() {
            return "StringEquals";
        }

        @Override
        public String key() {
            return "iam:PassedToService";
        }

        @Override
        public List<String> values() {
            return services;
        }
    }
}
