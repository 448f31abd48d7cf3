package dev.airlock.broker.auth;

/** A request the broker does not accept as its client's: answered 401 (503 when {@code BUSY}), changes nothing. */
public final class AuthenticationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Why, one value per problem type of the API. */
    public enum Kind {
        MISSING_HEADER("missing-authentication"),
        MALFORMED_HEADER("malformed-authentication"),
        STALE("stale-request"),
        FUTURE("future-request"),
        BEFORE_START("request-before-broker-start"),
        BAD_SIGNATURE("bad-signature"),
        REPLAYED("replayed-request"),
        BUSY("replay-cache-full");

        private final String slug;

        Kind(String slug) {
            this.slug = slug;
        }

        public String slug() {
            return slug;
        }
    }

    private final Kind kind;

    AuthenticationException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
