package dev.airlock.broker.token;

/** A token that cannot be used for a request, and why; changes nothing. */
public final class TokenException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** One value per problem type of the API. */
    public enum Kind {
        MALFORMED("malformed-token"),
        UNVERIFIED("token-not-verified"),
        REVOKED("token-revoked"),
        NOT_ALLOWED("outside-token");

        private final String slug;

        Kind(String slug) {
            this.slug = slug;
        }

        public String slug() {
            return slug;
        }
    }

    private final Kind kind;

    TokenException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    TokenException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
