package dev.airlock.cli.sessions;

import dev.airlock.cli.BadInputException;
import dev.airlock.session.SessionRecord;
import dev.airlock.session.SessionStore;
import java.util.List;

/**
 * A session named on the command line: its id, {@code latest} (the newest session), or a prefix
 * of exactly one id (as git takes commits). An ambiguous prefix is refused with the candidates.
 */
public final class SessionIdArgument {

    public static final String LATEST = "latest";

    private SessionIdArgument() {}

    /** The id {@code given} names among the session records. */
    public static String resolve(String given, SessionStore store) {
        List<String> ids = store.list().stream().map(SessionRecord::id).toList(); // newest first
        if (given.equals(LATEST)) {
            if (ids.isEmpty()) {
                throw new BadInputException("there is no session yet, so none is the latest",
                        "open one with: airlock run ... -- COMMAND");
            }
            return ids.get(0);
        }
        if (ids.contains(given)) {
            return given;
        }
        List<String> matching = given.isEmpty() ? List.of() : ids.stream().filter(id -> id.startsWith(given)).toList();
        if (matching.size() == 1) {
            return matching.get(0);
        }
        if (matching.size() > 1) {
            throw new BadInputException("'" + given + "' is the start of " + matching.size() + " session ids: "
                    + String.join(", ", matching.subList(0, Math.min(5, matching.size())))
                    + (matching.size() > 5 ? ", ..." : ""), "give more of the id");
        }
        throw new BadInputException("no session " + given, "list them with: airlock sessions list (or say 'latest')");
    }

    /**
     * For the audit log, which also holds sessions that have no record (refused ones): the id as
     * the records resolve it, else {@code given} as written when the log has events for it.
     */
    public static String resolveInAudit(String given) {
        SessionStore store = SessionsCommand.store();
        if (given.equals(LATEST) || store.list().stream().anyMatch(r -> r.id().startsWith(given))) {
            return resolve(given, store);
        }
        return given;
    }
}
