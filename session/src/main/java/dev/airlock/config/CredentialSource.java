package dev.airlock.config;

import java.util.Objects;

/**
 * Where the broker's own AWS credentials (the ones that call STS) come from: {@code source =
 * "default"} in the config, or {@code source_profile = "NAME"}.
 */
public sealed interface CredentialSource {

    /** The standard AWS credential chain: environment, ~/.aws default profile, SSO, instance role. */
    record DefaultChain() implements CredentialSource {
        @Override
        public String toString() {
            return "default";
        }
    }

    /** A named profile from ~/.aws/config or ~/.aws/credentials. */
    record NamedProfile(String name) implements CredentialSource {
        public NamedProfile {
            Objects.requireNonNull(name, "name");
            if (name.isBlank()) {
                throw new IllegalArgumentException("an AWS profile name cannot be blank");
            }
        }

        @Override
        public String toString() {
            return "profile " + name;
        }
    }
}
