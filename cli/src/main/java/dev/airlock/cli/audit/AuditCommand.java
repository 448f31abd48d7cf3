package dev.airlock.cli.audit;

import dev.airlock.audit.AuditDirectory;
import dev.airlock.audit.AuditLog;
import dev.airlock.audit.AuditRecord;
import dev.airlock.audit.ExportFormat;
import dev.airlock.audit.VerifyReport;
import dev.airlock.cli.BadInputException;
import dev.airlock.lifecycle.Invocation;
import dev.airlock.cli.ExitCode;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** {@code airlock audit}: check and read the tamper-evident audit log. */
@Command(name = "audit", mixinStandardHelpOptions = true,
        description = {"Check and read the audit log of every session Airlock opened, refused or ended.",
            "The log is in $AIRLOCK_HOME/audit, else $XDG_DATA_HOME/airlock/audit, else ~/.local/share/airlock/audit."},
        subcommands = {AuditCommand.Verify.class, AuditCommand.Recent.class, AuditCommand.Show.class,
            AuditCommand.Export.class},
        footer = {"%nExamples:", "  airlock audit verify", "  airlock audit recent -n 50", "  airlock audit show latest --json",
            "  airlock audit export --format csv > audit.csv", dev.airlock.cli.HelpText.STATE_ENVIRONMENT})
public final class AuditCommand implements Runnable {

    @Spec
    CommandSpec spec;

    // INHERIT: accepted both before and after the subcommand name (airlock audit --dir D verify, or ... verify --dir D).
    @Option(names = "--dir", paramLabel = "DIR", scope = ScopeType.INHERIT,
            description = "the audit directory (default: see above)")
    Optional<Path> dir = Optional.empty();

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Opens the log for reading; a directory that does not exist is an input error, not a new log to create. */
    AuditLog open() {
        Path d = dir.orElseGet(() -> AuditDirectory.resolve(Invocation.current().env()));
        if (!Files.isDirectory(d)) {
            throw new BadInputException("there is no audit log in " + d + " (no such directory)",
                    dir.isPresent() ? "check the --dir path"
                            : "Airlock creates it when it first opens or refuses a session; --dir DIR reads another");
        }
        return AuditLog.open(d);
    }

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = {"Check that no line of the audit log was edited, deleted, reordered, inserted or cut off.",
                "Exit status: 0 intact, 10 not intact (the first bad line and why are printed)."})
    static final class Verify implements Callable<Integer> {
        @ParentCommand
        AuditCommand parent;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            AuditLog log = parent.open();
            VerifyReport report = log.verify();
            PrintWriter out = spec.commandLine().getOut();
            out.println(log.file());
            if (report instanceof VerifyReport.Intact intact) {
                out.println(intact.lines() == 0 && !intact.incompleteTail() ? "  intact: empty, no records yet"
                        : "  intact: " + intact.lines() + (intact.lines() == 1 ? " line" : " lines")
                                + " verified (MACs, hash chain, sequence, checkpoint)");
                if (intact.incompleteTail()) {
                    out.println("  note: after line " + intact.lines() + " the log ends in an incomplete line: a write "
                            + "was interrupted (crash or kill), which is not tampering. The log is intact up to line "
                            + intact.lines() + "; the next session drops the partial line and records that it did.");
                }
                return ExitCode.OK.code();
            }
            VerifyReport.Broken broken = (VerifyReport.Broken) report;
            out.println("  NOT INTACT");
            out.println("  first bad line: " + broken.firstBadLine());
            out.println("  why: " + broken.reason());
            out.println("  lines 1 to " + broken.intactUpTo() + " verify");
            return ExitCode.AUDIT_INVALID.code();
        }
    }

    @Command(name = "recent", mixinStandardHelpOptions = true,
            description = "Print the most recent records, oldest first, one per line. Does not verify the log.")
    static final class Recent implements Callable<Integer> {
        @ParentCommand
        AuditCommand parent;

        @Spec
        CommandSpec spec;

        @Option(names = {"-n", "--number"}, paramLabel = "N", description = "how many records (default: 20)")
        int n = 20;

        @Option(names = "--json", description = "one JSON array of records: seq, time, type, session, fields")
        boolean json;

        @Override
        public Integer call() {
            if (n < 1) {
                throw new BadInputException("-n " + n + " is not a number of records", "give -n 1 or more");
            }
            RecordLines.print(spec.commandLine().getOut(), parent.open().recent(n), json);
            return ExitCode.OK.code();
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "Print every record of one session, in order. Does not verify the log.")
    static final class Show implements Callable<Integer> {
        @ParentCommand
        AuditCommand parent;

        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "SESSION_ID", description = "a session id, a unique prefix of one, or 'latest'")
        String sessionId;

        @Option(names = "--json", description = "one JSON array of records: seq, time, type, session, fields")
        boolean json;

        @Override
        public Integer call() {
            AuditLog log = parent.open();
            String id = dev.airlock.cli.sessions.SessionIdArgument.resolveInAudit(sessionId);
            List<AuditRecord> records = log.forSession(id);
            if (records.isEmpty()) {
                throw new BadInputException("no record of session '" + sessionId + "' in " + log.file(),
                        "'airlock audit recent' lists recent records with their session ids");
            }
            RecordLines.print(spec.commandLine().getOut(), records, json);
            return ExitCode.OK.code();
        }
    }

    @Command(name = "export", mixinStandardHelpOptions = true,
            description = {"Write the whole log to standard output.",
                "jsonl: the raw lines, which still verify; csv: seq, time, type, session, action, resources, decision, "
                        + "reason, status, bytes_in, bytes_out, latency_us, mode, profile, role, details (other fields as JSON)."})
    static final class Export implements Callable<Integer> {
        @ParentCommand
        AuditCommand parent;

        @Spec
        CommandSpec spec;

        @Option(names = "--format", paramLabel = "jsonl|csv", required = true, description = "jsonl or csv")
        String format;

        @Override
        public Integer call() {
            ExportFormat f = switch (format.trim().toLowerCase(Locale.ROOT)) {
                case "jsonl" -> ExportFormat.JSONL;
                case "csv" -> ExportFormat.CSV;
                default -> throw new BadInputException("--format " + format + " is not an export format",
                        "use --format jsonl or --format csv");
            };
            parent.open().export(spec.commandLine().getOut(), f);
            return ExitCode.OK.code();
        }
    }

    /** One readable line per record: seq, time, type, session, then the fields as key=value. */
    static final class RecordLines {
        private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSS'Z'")
                .withZone(ZoneOffset.UTC);
        private RecordLines() {
        }

        static void print(PrintWriter out, List<AuditRecord> records, boolean json) {
            if (json) {
                out.println(dev.airlock.cli.JsonOutput.of(records.stream().map(RecordLines::document).toList()));
                return;
            }
            for (AuditRecord r : records) {
                out.println(line(r));
            }
        }

        private static Map<String, Object> document(AuditRecord r) {
            Map<String, Object> d = new java.util.LinkedHashMap<>();
            d.put("seq", r.seq());
            d.put("time", r.time().toString());
            d.put("type", r.type());
            d.put("session", r.session().orElse(null));
            d.put("fields", r.fields());
            return d;
        }

        static String line(AuditRecord r) {
            StringBuilder b = new StringBuilder();
            b.append('#').append(r.seq()).append("  ").append(TIME.format(r.time())).append("  ")
                    .append(clean(r.type())).append("  ").append(r.session().map(RecordLines::clean).orElse("-"));
            for (Map.Entry<String, Object> e : r.fields().entrySet()) {
                b.append("  ").append(clean(e.getKey())).append('=').append(clean(text(e.getValue())));
            }
            return b.toString();
        }

        private static String text(Object value) {
            if (value instanceof List<?> list) {
                return list.stream().map(RecordLines::text).collect(Collectors.joining(",", "[", "]"));
            }
            if (value instanceof Map<?, ?> map) {
                return map.entrySet().stream().map(e -> e.getKey() + "=" + text(e.getValue()))
                        .collect(Collectors.joining(",", "{", "}"));
            }
            return String.valueOf(value);
        }

        /**
         * Logged values can come from an agent; escape control characters so none of them can move the
         * cursor or rewrite the terminal of whoever reads the log.
         */
        private static String clean(String s) {
            StringBuilder b = new StringBuilder(s.length());
            s.codePoints().forEach(c -> {
                if (Character.isISOControl(c) || c == 0x2028 || c == 0x2029) {
                    b.append(c == '\n' ? "\\n" : c == '\t' ? "\\t" : String.format("\\u%04x", c));
                } else {
                    b.appendCodePoint(c);
                }
            });
            return b.toString();
        }
    }
}
