package dev.airlock.demo;

import dev.airlock.audit.AuditLog;
import dev.airlock.audit.AuditRecord;
import dev.airlock.lifecycle.Invocation;
import dev.airlock.cli.Main;
import dev.airlock.session.SessionRecord;
import dev.airlock.session.SessionStatus;
import dev.airlock.session.SessionStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * {@code airlock demo}: a narrated agent session with no AWS account. S3Proxy plays Amazon S3; the
 * agent (the AWS CLI when installed, else the AWS SDK for Java) runs under {@code airlock run
 * --enforce}: an allowed read succeeds, a write, a delete and a read outside the prefix are refused
 * with the reason, a second session is revoked mid-way, and the audit trail is shown and verified.
 */
public final class DemoMain {

    static final String ROLE = "arn:aws:iam::111122223333:role/DemoAgent";
    static final String SCOPE = "arn:aws:s3:::" + DemoUpstream.BUCKET + "/reports/*";

    private final Path dir;
    private final PrintWriter out = new PrintWriter(System.out, true);
    private final PrintWriter err = new PrintWriter(System.err, true);
    private final Map<String, String> env = new HashMap<>();

    private DemoMain(Path dir) {
        this.dir = dir;
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0) {
            boolean help = args[0].equals("--help") || args[0].equals("-h");
            (help ? System.out : System.err).println((help ? "" : "airlock demo: no options but --help\n")
                    + "Usage: airlock demo [--help]\n"
                    + "A narrated agent session with no AWS account: S3Proxy plays Amazon S3, the agent (Debian's AWS CLI at\n"
                    + "/usr/bin/aws, else the AWS SDK for Java; AIRLOCK_DEMO_AGENT=sdk picks the SDK) runs under airlock run\n"
                    + "--enforce. Allowed reads succeed; a write, a delete and a read outside the prefix are refused and\n"
                    + "audited; a second session is revoked mid-way; the audit trail is shown and verified. Everything\n"
                    + "lives in a temporary directory, removed at the end. Exit status: 0 when every step went as described.");
            System.exit(help ? 0 : 2);
        }
        Path dir = Files.createTempDirectory("airlock-demo-");
        int code;
        try {
            code = new DemoMain(dir).run();
        } finally {
            deleteTree(dir);
        }
        System.exit(code);
    }

    private int run() throws Exception {
        Files.createDirectories(dir.resolve("s3"));
        try (DemoUpstream s3 = new DemoUpstream(dir.resolve("s3"))) {
            setUp(s3);
            say("Airlock demo: an AI agent gets exactly the S3 access its task needs, through an endpoint that checks,\n"
                    + "records and can revoke every call. No AWS account is involved: S3Proxy, a real S3 server, runs at "
                    + s3.endpoint() + "\nwith bucket " + DemoUpstream.BUCKET + ": reports/q1.csv, reports/q2.csv, secret/payroll.csv.");
            Agent agent = Agent.pick(dir, jar());
            say("\n[1/4] Session 1: the agent may read " + SCOPE + " (s3:GetObject, s3:ListBucket), nothing else.\n"
                    + "      Its commands run under: airlock run --enforce --upstream " + s3.endpoint() + " --allow "
                    + "s3:GetObject,s3:ListBucket --resource " + SCOPE + " -- " + agent.description());
            int first = cli(runArgs(s3, agent.session()));
            narrateRefusals();
            boolean untouched = !s3.exists("reports/notes.txt") && s3.exists("secret/payroll.csv");
            say("\n      The write and the delete never reached S3: reports/notes.txt "
                    + (s3.exists("reports/notes.txt") ? "EXISTS (unexpected)" : "does not exist") + ", secret/payroll.csv "
                    + (s3.exists("secret/payroll.csv") ? "is still there" : "IS GONE (unexpected)") + ".");
            say("\n[2/4] Session 2: revoked while the agent is working.");
            boolean revoked = revocation(s3, agent);
            say("\n[3/4] The audit trail (airlock audit recent -n 12): one line per session start, call, revocation and end.");
            cli("audit", "recent", "-n", "20");
            say("\n[4/4] Is the trail intact? (airlock audit verify: every line is hash-chained and MAC'd)");
            int verify = cli("audit", "verify");
            boolean ok = first == 0 && untouched && revoked && verify == 0;
            say("\n" + (ok ? "Demo complete." : "Demo finished with unexpected results (see above).")
                    + " Try it on your own AWS account: airlock init, then airlock run --enforce --profile dev --allow ... -- aws ...");
            return ok ? 0 : 1;
        }
    }

    /**
     * What the audit says of each refused call of the newest session. A refused HEAD (the AWS CLI's
     * first step of a download) has no body, so the agent saw only "403 Forbidden"; the audit event has why.
     */
    private void narrateRefusals() {
        List<SessionRecord> sessions = new SessionStore(dir.resolve("airlock")).list();
        if (sessions.isEmpty()) {
            return;
        }
        List<AuditRecord> refused = AuditLog.open(dir.resolve("airlock").resolve("audit"))
                .forSession(sessions.get(0).id()).stream()
                .filter(r -> r.type().equals("call") && !"allowed".equals(r.fields().get("decision"))).toList();
        say("\n      The audit log's reason for each refused call (a refused HEAD has no body: the AWS CLI shows only"
                + " \"403 Forbidden\"):");
        for (AuditRecord r : refused) {
            say("        " + r.fields().get("operation") + " " + r.fields().get("resources") + ": " + r.fields().get("reason"));
        }
    }

    private void setUp(DemoUpstream s3) throws IOException {
        env.put("PATH", Optional.ofNullable(System.getenv("PATH")).orElse("/usr/bin:/bin"));
        env.put("HOME", dir.toString());
        env.put("AIRLOCK_HOME", dir.resolve("airlock").toString());
        env.put("AWS_PAGER", "");
        // The broker's own credentials (S3Proxy's key pair): they sign the forwarded calls and never
        // reach the agent. The SDK reads them from system properties, first in its default chain.
        System.setProperty("aws.accessKeyId", DemoUpstream.KEY);
        System.setProperty("aws.secretAccessKey", DemoUpstream.SECRET);
        Files.writeString(dir.resolve("notes.txt"), "the agent's notes\n");
    }

    private String[] runArgs(DemoUpstream s3, List<String> command) {
        List<String> args = new ArrayList<>(List.of("run", "--enforce", "--upstream", s3.endpoint().toString(), "--role",
                ROLE, "--region", "us-east-1", "--allow", "s3:GetObject,s3:ListBucket", "--resource", SCOPE, "--"));
        args.addAll(command);
        return args.toArray(String[]::new);
    }

    private boolean revocation(DemoUpstream s3, Agent agent) throws Exception {
        Path flag = dir.resolve("revoked.flag");
        String[] args = runArgs(s3, agent.revocation(flag));
        CompletableFuture<Integer> session = CompletableFuture.supplyAsync(() -> cli(args));
        Optional<String> id = awaitFirstCall();
        if (id.isEmpty()) {
            say("      (the session never made its first call)");
            return false;
        }
        say("\n      demo> airlock sessions revoke " + id.get());
        cli("sessions", "revoke", id.get());
        Files.writeString(flag, "revoked");
        session.join();
        return new SessionStore(dir.resolve("airlock")).find(id.get()).map(r -> r.status() == SessionStatus.REVOKED)
                .orElse(false);
    }

    /** The newest active session, once the audit shows it made a call. */
    private Optional<String> awaitFirstCall() throws InterruptedException, IOException {
        Path audit = dir.resolve("airlock").resolve("audit").resolve("audit.jsonl");
        for (int i = 0; i < 300; i++) {
            Optional<String> active = new SessionStore(dir.resolve("airlock")).list().stream()
                    .filter(r -> r.status() == SessionStatus.ACTIVE).map(SessionRecord::id).findFirst();
            if (active.isPresent() && Files.exists(audit) && Files.readAllLines(audit).stream()
                    .anyMatch(l -> l.contains("\"type\":\"call\"") && l.contains(active.get()))) {
                return active;
            }
            Thread.sleep(100);
        }
        return Optional.empty();
    }

    private int cli(String... args) {
        return Invocation.withEnv(env, () -> Main.execute(args, out, err));
    }

    private void say(String text) {
        out.println(text);
        out.flush();
    }

    private static Path jar() {
        try {
            return Path.of(DemoMain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (Exception e) {
            throw new IllegalStateException("cannot locate the demo jar", e);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
