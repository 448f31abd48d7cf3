package dev.airlock.cli.sessions;

import dev.airlock.audit.AuditDirectory;
import dev.airlock.audit.AuditLog;
import dev.airlock.cli.BadInputException;
import dev.airlock.cli.HelpText;
import dev.airlock.lifecycle.Invocation;
import dev.airlock.config.AirlockPaths;
import dev.airlock.session.Revocations;
import dev.airlock.session.SessionRecord;
import dev.airlock.session.SessionStatus;
import dev.airlock.session.SessionStore;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
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
@Command(name = "sessions", mixinStandardHelpOptions = true,
        description = "List, show and revoke sessions (IDs: an id, a unique prefix, or 'latest').",
        subcommands = {SessionsCommand.ListSessions.class, SessionsCommand.ShowSession.class,
            SessionsCommand.RevokeSession.class},
        footer = {"%nExamples:", "  airlock sessions list", "  airlock sessions show latest --json",
            "  airlock sessions revoke 20261204T0633 --reason 'agent went off task'", HelpText.STATE_ENVIRONMENT})
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

    static Map<String, SessionActivity> activity(List<SessionRecord> records) {
        java.util.Set<String> ids = records.stream().map(SessionRecord::id).collect(java.util.stream.Collectors.toSet());
        Map<String, List<dev.airlock.audit.AuditRecord>> events;
        try {
            events = AuditLog.open(AuditDirectory.resolve(Invocation.current().env())).forSessions(ids);
        } catch (RuntimeException unreadable) {
            events = Map.of(); // the records alone still say most; 'audit verify' says what is wrong with the log
        }
        Map<String, SessionActivity> out = new java.util.HashMap<>();
        for (String id : ids) {
            out.put(id, SessionActivity.of(events.getOrDefault(id, List.of())));
        }
        return out;
    }

    /** A session as --json prints it: the record's fields, the shown status, and the audit's account of it. */
    static Map<String, Object> document(SessionRecord r, String status, SessionActivity a) {
        Map<String, Object> d = new java.util.LinkedHashMap<>();
        d.put("id", r.id());
        d.put("status", status);
        d.put("mode", a.mode().orElse(null));
        d.put("upstream", a.upstream().orElse(null));
        d.put("profile", r.profile());
        d.put("role", r.roleArn());
        d.put("sessionArn", r.assumedRoleArn().orElse(null));
        d.put("accessKeyId", r.accessKeyId().orElse(null));
        d.put("actions", r.actions());
        d.put("resources", r.resources());
        d.put("command", r.command());
        d.put("start", r.start().toString());
        d.put("expires", r.expires().toString());
        d.put("end", r.end().map(Instant::toString).orElse(null));
        d.put("durationMillis", r.duration().map(Duration::toMillis).orElse(null));
        d.put("exitCode", r.exitCode().isPresent() ? r.exitCode().getAsInt() : null);
        d.put("calls", a.calls());
        d.put("denied", a.denied());
        d.put("reused", a.reused());
        d.put("endedBy", a.endedBy().orElse(null));
        d.put("parent", a.parent().orElse(null));
        return d;
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Sessions, newest first.",
            footer = {"%nExamples:", "  airlock sessions list", "  airlock sessions list -n 5 --json | jq '.[0].id'"})
    static final class ListSessions implements Callable<Integer> {
        private static final DateTimeFormatter START = DateTimeFormatter.ofPattern("MM-dd HH:mm:ss")
                .withZone(ZoneOffset.UTC);

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Option(names = "-n", description = "at most this many (default 20)")
        int limit = 20;

        @Option(names = "--json", description = "one JSON array, newest first, with every field of 'show'")
        boolean json;

        @Override
        public Integer call() {
            if (limit < 1) {
                throw new BadInputException("-n " + limit + " is not a number of sessions", "give -n 1 or more");
            }
            PrintWriter out = spec.commandLine().getOut();
            SessionStore store = store();
            List<SessionRecord> all = store.list();
            List<SessionRecord> shown = all.subList(0, Math.min(limit, all.size()));
            Set<String> revoked = revocations(store).revokedAmong(shown.stream().map(SessionRecord::id).toList());
            Map<String, SessionActivity> activity = activity(shown);
            if (json) {
                out.println(dev.airlock.cli.JsonOutput.of(shown.stream()
                        .map(r -> document(r, status(r, revoked), activity.get(r.id()))).toList()));
                return 0;
            }
            if (all.isEmpty()) {
                out.println("no sessions yet");
                return 0;
            }
            String row = "%-26s %-14s %-11s %-11s %-12s %5s %8s  %s  %s%n";
            out.printf(row, "ID", "START (UTC)", "MODE", "STATUS", "PROFILE", "EXIT", "TOOK", "ACTIONS", "RESOURCES");
            for (SessionRecord r : shown) {
                SessionActivity a = activity.get(r.id());
                out.printf(row, r.id(), START.format(r.start()), a.mode().orElse("-"), status(r, revoked),
                        r.profile(), r.exitCode().isPresent() ? Integer.toString(r.exitCode().getAsInt()) : "-",
                        r.duration().map(ListSessions::pretty).orElse("-"), String.join(",", r.actions()),
                        r.resources().isEmpty() ? "*" : String.join(",", r.resources()));
            }
            return 0;
        }

        private static String pretty(Duration d) {
            return d.toMillis() < 10_000 ? d.toMillis() + "ms" : d.toSeconds() + "s";
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "One session in full.",
            footer = {"%nExamples:", "  airlock sessions show latest", "  airlock sessions show 20261204T0633 --json"})
    static final class ShowSession implements Callable<Integer> {
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Parameters(paramLabel = "ID", description = "a session id, a unique prefix of one, or 'latest'")
        String id;

        @Option(names = "--json", description = "one JSON document")
        boolean json;

        @Override
        public Integer call() {
            SessionStore store = store();
            String found = SessionIdArgument.resolve(id, store);
            SessionRecord r = store.find(found).orElseThrow(() -> new BadInputException("no session " + found,
                    "list them with: airlock sessions list"));
            Set<String> revoked = revocations(store).revokedAmong(List.of(found));
            SessionActivity a = activity(List.of(r)).get(found);
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                out.println(dev.airlock.cli.JsonOutput.of(document(r, status(r, revoked), a)));
                return 0;
            }
            out.println("id:           " + r.id());
            out.println("status:       " + status(r, revoked));
            a.mode().ifPresent(m -> out.println("mode:         " + m));
            a.upstream().ifPresent(u -> out.println("upstream:     " + u));
            out.println("profile:      " + r.profile());
            out.println("role:         " + r.roleArn());
            r.assumedRoleArn().ifPresent(s -> out.println("session ARN:  " + s));
            r.accessKeyId().ifPresent(k -> out.println("access key:   " + k + " (ID only; the secret is never stored)"));
            a.parent().ifPresent(p -> out.println("parent:       " + p));
            out.println("actions:      " + String.join(", ", r.actions()));
            out.println("resources:    " + (r.resources().isEmpty() ? "*" : String.join(", ", r.resources())));
            out.println("command:      " + String.join(" ", r.command()));
            out.println("start:        " + r.start().truncatedTo(ChronoUnit.MILLIS));
            out.println("expires:      " + r.expires());
            r.end().ifPresent(e -> out.println("end:          " + e.truncatedTo(ChronoUnit.MILLIS)));
            r.duration().ifPresent(d -> out.println("duration:     " + d.toMillis() + " ms"));
            r.exitCode().ifPresent(c -> out.println("exit code:    " + c));
            if (a.mode().filter("enforce"::equals).isPresent()) {
                out.println("calls:        " + a.calls() + " (" + a.denied() + " denied or refused)");
            }
            if (a.reused() > 0) {
                out.println("handed out:   " + (a.reused() + 1) + " times (credential_process reuse)");
            }
            a.endedBy().ifPresent(e -> out.println("ended by:     " + e));
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

        @Parameters(paramLabel = "ID", description = "a session id, a unique prefix of one, or 'latest'")
        String id;

        @Option(names = "--reason", paramLabel = "TEXT", description = "why, for the audit log")
        Optional<String> reason = Optional.empty();

        @Override
        public Integer call() {
            SessionStore store = store();
            Revocations.Request request = new Revocations.Request("airlock sessions revoke", user(), reason);
            String found = SessionIdArgument.resolve(id, store);
            if (!revocations(store).revoke(found, request)) {
                throw new BadInputException("no session " + found, "list them with: airlock sessions list");
            }
            spec.commandLine().getOut().println("revoked " + found + ": its enforcing endpoint refuses every further call."
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
