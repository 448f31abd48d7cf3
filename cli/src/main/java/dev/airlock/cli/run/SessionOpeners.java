package dev.airlock.cli.run;

import dev.airlock.audit.AuditLog;
import dev.airlock.cli.helper.HelperClient;
import dev.airlock.lifecycle.SessionOpener;
import dev.airlock.lifecycle.SessionPlan;
import dev.airlock.session.SessionStore;
import java.util.Optional;
import java.util.function.Consumer;

/** The CLI's way to open a session: the opener, and a note that this process called STS. */
final class SessionOpeners {
    private SessionOpeners() {}

    /** Once STS is called, a resident helper is worth starting (help, usage errors and dry runs start none). */
    static SessionOpener create(SessionPlan plan, AuditLog audit, SessionStore store, Consumer<String> notices,
            Optional<String> mfaCode) {
        HelperClient.calledSts();
        return new SessionOpener(plan, audit, store, notices, mfaCode);
    }
}
