package dev.airlock.cli.sessions;

import dev.airlock.audit.AuditDirectory;
import dev.airlock.audit.AuditLog;
import dev.airlock.cli.BadInputException;
import dev.airlock.cli.Invocation;
import dev.airlock.config.AirlockPaths;
import dev.airlock.session.Revocations;
import dev.airlock.session.SessionRecord;
import dev.airlock.session.SessionStatus;
import dev.airlock.session.SessionStore;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code airlock sessions list|show|revoke}: what sessions were opened, by whom, for what, and how they
 * ended. Whether one is revoked is {@link Revocations}' answer (marker or audit event), not the record's.
 */
@Command(name = "sessions", mixinStandardHelpOptions = true, description = "List and show session records.",
        subcommands = {SessionsCommand.ListSessions.class, SessionsCommand.ShowSession.class,
            SessionsCommand.RevokeSession.class})
public final class SessionsCommand implements Runnable {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static SessionStore store() {
        return new SessionStore(AirlockPaths.dataDir(Invocation.current().env()));
    }

    static Revocations revocations(SessionStore store) {
        return new Revocations(store, AuditLog.open(AuditDirectory.resolve(Invocation.current().env())));
    }

    /** The status to show: REVOKED when the session is revoked, whatever its record says. */
    static String status(SessionRecord r, Set<String> revoked) {
        SessionStatus s = revoked.contains(r.id()) ? SessionStatus.REVOKED : r.status();
        return s.name().toLowerCase(Locale.ROOT);
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Sessions, newest first.")
    static final class ListSessions implements Callable<Integer> {
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Option(names = "-n", description = "at most this many (default 20)")
        int limit = 20;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            SessionStore store = store();
            List<SessionRecord> all = store.list();
            if (all.isEmpty()) {
                out.println("no sessions yet");
            }
            List<SessionRecord> shown = all.subList(0, Math.min(limit, all.size()));
            Set<String> revoked = revocations(store).revokedAmong(shown.stream().map(SessionRecord::id).toList());
            out.printf("%-26s %-11s %-12s %5s %8s  %s%n", "ID", "STATUS", "PROFILE", "EXIT", "TOOK", "ACTIONS");
            for (SessionRecord r : shown) {
                out.printf("%-26s %-11s %-12s %5s %8s  %s%n", r.id(), status(r, revoked),
                        r.profile(), r.exitCode().isPresent() ? Integer.toString(r.exitCode().getAsInt()) : "-",
                        r.duration().map(ListSessions::pretty).orElse("-"), String.join(",", r.actions()));
            }
            return 0;
        }

        private static String pretty(Duration d) {
            return d.toMillis() < 10_000 ? d.toMillis() + "ms" : d.toSeconds() + "s";
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "One session in full.")
    static final class ShowSession implements Callable<Integer> {
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Parameters(paramLabel = "ID")
        String id;

        @Override
        public Integer call() {
            SessionStore store = store();
            SessionRecord r = store.find(id).orElseThrow(() -> new BadInputException("no session " + id,
                    "list them with: airlock sessions list"));
            Set<String> revoked = revocations(store).revokedAmong(List.of(id));
            PrintWriter out = spec.commandLine().getOut();
            out.println("id:           " + r.id());
            out.println("status:       " + status(r, revoked));
            out.println("profile:      " + r.profile());
            out.println("role:         " + r.roleArn());
            r.assumedRoleArn().ifPresent(a -> out.println("session ARN:  " + a));
            r.accessKeyId().ifPresent(a -> out.println("access key:   " + a + " (ID only; the secret is never stored)"));
            out.println("actions:      " + String.join(", ", r.actions()));
            out.println("resources:    " + (r.resources().isEmpty() ? "*" : String.join(", ", r.resources())));
            out.println("command:      " + String.join(" ", r.command()));
            out.println("start:        " + r.start().truncatedTo(ChronoUnit.MILLIS));
            out.println("expires:      " + r.expires());
            r.end().ifPresent(e -> out.println("end:          " + e.truncatedTo(ChronoUnit.MILLIS)));
            r.duration().ifPresent(d -> out.println("duration:     " + d.toMillis() + " ms"));
            r.exitCode().ifPresent(c -> out.println("exit code:    " + c));
            if (r.end().isEmpty() && r.expires().isBefore(Instant.now())) {
                out.println("note:         no end was recorded and the credentials have expired");
            }
            return 0;
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true,
            description = "Revoke a session: its enforcing endpoint refuses every further call.")
    static final class RevokeSession implements Callable<Integer> {
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Parameters(paramLabel = "ID")
        String id;

        @Option(names = "--reason", paramLabel = "TEXT", description = "why, for the audit log")
        Optional<String> reason = Optional.empty();

        @Override
        public Integer call() {
            SessionStore store = store();
            Revocations.Request request = new Revocations.Request("airlock sessions revoke", user(), reason);
            if (!revocations(store).revoke(id, request)) {
                throw new BadInputException("no session " + id, "list them with: airlock sessions list");
            }
            spec.commandLine().getOut().println("revoked " + id + ": its enforcing endpoint refuses every further call."
                    + " Credentials issued without --enforce stay valid at AWS until they expire.");
            return 0;
        }

        private static String user() {
            Map<String, String> env = Invocation.current().env();
            return Optional.ofNullable(env.get("USER")).or(() -> Optional.ofNullable(env.get("LOGNAME")))
                    .filter(u -> !u.isBlank()).orElseGet(() -> System.getProperty("user.name"));
        }
    }
}
