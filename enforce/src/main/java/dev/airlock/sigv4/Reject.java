package dev.airlock.sigv4;

import java.util.Optional;

/** Internal control flow for a refusal; carries no stack trace (refusals are routine, not bugs). */
final class Reject extends RuntimeException {

    private static final long serialVersionUID = 1L;

    final RefusalReason reason;
    final String detail;
    final transient Optional<String> service;

    Reject(RefusalReason reason, String detail) {
        this(reason, detail, Optional.empty());
    }

    Reject(RefusalReason reason, String detail, Optional<String> service) {
        super(detail, null, false, false);
        this.reason = reason;
        this.detail = detail;
        this.service = service;
    }

    Refused toRefused() {
        return new Refused(reason, detail, service);
    }
}
