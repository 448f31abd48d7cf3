package dev.airlock.session;

import dev.airlock.audit.AuditException;
import dev.airlock.audit.AuditLog;
import dev.airlock.audit.AuditRecord;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * The one answer to "is session ID revoked", for {@code sessions show/list} and the enforcing endpoint
 * alike: it is when its marker {@code sessions/ID.revoked} exists <em>or</em> the audit log holds a
 * {@value #EVENT} event for it. {@link #revoke} writes both, so deleting or editing one file does not
 * un-revoke: the marker alone still revokes if the log is moved aside, and the event alone if the marker
 * is deleted. Undoing a revocation takes deleting the marker <em>and</em> removing the event from the
 * log, which {@code airlock audit verify} reports (a line missing from the hash chain); a process that
 * can read the audit key could rewrite the whole log, as {@code docs/audit-log.md} says. A forged or
 * unverified event is believed: it can only revoke, never un-revoke.
 */
public final class Revocations {

    /** The audit event type of a revocation. */
    public static final String EVENT = "session.revoked";

    /** Who asked for a revocation, for the audit event: the tool, the OS user, and their reason if given. */
    public record Request(String by, String user, Optional<String> reason) {}

    private final SessionStore store;
    private final AuditLog audit;

    public Revocations(SessionStore store, AuditLog audit) {
        this.store = store;
        this.audit = audit;
    }

    /**
     * Revokes session {@code id}: the marker first (the endpoint sees it on its next call even if what
     * follows fails), then the record's status, then the audit event.
     *
     * @return false when there is no such session
     * @throws AuditException if the event cannot be written; the session is revoked by its marker then
     */
    public boolean revoke(String id, Request request) {
        if (!store.markRevoked(id)) {
            return false;
        }
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("by", request.by());
        f.put("user", request.user());
        f.put("reason", request.reason());
        try {
            audit.append(EVENT, Optional.of(id), f);
        } catch (AuditException e) {
            throw new AuditException("session " + id + " is revoked by its marker, but the revocation could not "
                    + "be recorded in the audit log: " + e.getMessage(), e.path(), e.hint(), e);
        }
        return true;
    }

    /** Whether {@code id} is revoked. Reads the whole log when it has no marker. */
    public boolean isRevoked(String id) {
        return !revokedAmong(Set.of(id)).isEmpty();
    }

    /** Those of {@code ids} that are revoked, with one read of the log however many they are. */
    public Set<String> revokedAmong(Collection<String> ids) {
        Set<String> out = new LinkedHashSet<>();
        for (String id : ids) {
            if (store.hasRevokedMarker(id)) {
                out.add(id);
            }
        }
        if (out.size() < ids.size()) {
            for (AuditRecord r : audit.appendedSince(0, EVENT).records()) {
                r.session().filter(ids::contains).ifPresent(out::add);
            }
        }
        return out;
    }

    /**
     * A check for the endpoint, called on every call and once per MiB moved: it reads the log only
     * from where it stood when the watch was made (a revocation can only follow the session's record,
     * saved after that), and each time only what was appended since. Once it sees the session revoked it
     * stays revoked, whatever happens to the files. Make it before the session is opened.
     */
    public BooleanSupplier watch(String id) {
        return new Watch(id, audit.end());
    }

    /**
     * Per call: a stat of the marker and of the log, plus, when the log grew, a read of the new bytes
     * (mostly the session's own call events). A log that cannot be read fails closed: that call is
     * refused, and the next one reads again.
     */
    private final class Watch implements BooleanSupplier {
        private final String id;
        private long offset;
        private volatile boolean revoked;

        Watch(String id, long offset) {
            this.id = id;
            this.offset = offset;
        }

        @Override
        public boolean getAsBoolean() {
            if (revoked) {
                return true;
            }
            synchronized (this) {
                if (!revoked) {
                    try {
                        revoked = store.hasRevokedMarker(id) || inNewLines();
                    } catch (AuditException e) {
                        return true; // refuse this call; the next one reads again
                    }
                }
                return revoked;
            }
        }

        private boolean inNewLines() {
            AuditLog.Appended appended = audit.appendedSince(offset, EVENT);
            offset = appended.end();
            return appended.records().stream().anyMatch(r -> r.session().filter(id::equals).isPresent());
        }
    }
}
