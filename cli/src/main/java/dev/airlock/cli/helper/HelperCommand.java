package dev.airlock.cli.helper;

import dev.airlock.lifecycle.Invocation;
import dev.airlock.lifecycle.UsageProblem;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code airlock helper status|stop}: the resident helpers that keep {@code run} and {@code credentials} fast. */
@Command(name = "helper", mixinStandardHelpOptions = true,
        footer = {"%nExamples:", "  airlock helper start", "  airlock helper status --json", "  airlock helper stop",
            "%nEnvironment:%n  AIRLOCK_HELPER=off              never start or use a helper%n"
                    + "  AIRLOCK_HELPER_IDLE_SECONDS     idle time before a helper exits (default 600)"},
        description = {"Start, show or stop the resident helpers.",
            "The first 'airlock run' or 'airlock credentials' starts one in the background; later ones are "
                    + "served by it and skip the JVM's cold start. A helper serves only its own user and environment; "
                    + "in memory it keeps the sessions it issued to credential_process (reused per exact scope) and "
                    + "the MFA sessions of 'airlock login', and exits after 10 minutes idle unless it holds a valid "
                    + "MFA session. "
                    + "AIRLOCK_HELPER=off runs every command in its own process."},
        subcommands = {HelperCommand.Start.class, HelperCommand.Status.class, HelperCommand.Stop.class})
public final class HelperCommand implements Runnable {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static List<Path> sockets() {
        return sockets(HelperAddress.directory(Invocation.current().env()));
    }

    static List<Path> sockets(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".sock")).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    @Command(name = "start", mixinStandardHelpOptions = true,
            description = "Start the helper for this environment now, instead of at the next run.")
    static final class Start implements Callable<Integer> {
        private static final Duration WAIT = Duration.ofSeconds(20);

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws InterruptedException {
            HelperAddress address = HelperAddress.forEnvironment(Invocation.current().env()).orElseThrow(() ->
                    new UsageProblem("no helper can serve this environment: AIRLOCK_HELPER is off, Airlock is not run "
                            + "from its jar, or a path variable (HOME, AIRLOCK_HOME, AIRLOCK_CONFIG, XDG_*, AWS_*_FILE) "
                            + "is relative"));
            if (!HelperProcess.startAndWait(address, WAIT)) {
                throw new UsageProblem("the helper did not start within " + WAIT.toSeconds() + " s; see "
                        + address.directory().resolve("helper.log"));
            }
            spec.commandLine().getOut().println("running   " + address.socket());
            return 0;
        }
    }

    static boolean answers(Path socket) {
        try (SocketChannel ignored = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true,
            description = "List the helpers of this data directory: pid, idle time and the environment each serves.")
    static final class Status implements Runnable {
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Option(names = "--json", description = "one JSON document")
        boolean json;

        @Override
        public void run() {
            PrintWriter out = spec.commandLine().getOut();
            Instant now = Instant.now();
            List<Path> sockets = sockets();
            if (json) {
                out.println(json(sockets, now));
                return;
            }
            if (sockets.isEmpty()) {
                out.println("no helper running");
            }
            for (Path s : sockets) {
                Optional<HelperInfo> info = HelperInfo.read(s);
                out.println((answers(s) ? "running   " : "stale     ") + s);
                info.ifPresent(i -> {
                    out.println("  pid " + i.pid() + ", started " + i.started() + ", idle " + i.idle(now).toSeconds() + "s");
                    out.println("  serves " + String.join(" ", i.environment().entrySet().stream()
                            .map(e -> e.getKey() + "=" + e.getValue()).toList()));
                });
            }
        }
    }

    private static String json(List<Path> sockets, Instant now) {
        ObjectMapper mapper = new ObjectMapper();
        ArrayNode helpers = mapper.createArrayNode();
        for (Path s : sockets) {
            ObjectNode h = helpers.addObject().put("socket", s.toString()).put("running", answers(s));
            HelperInfo.read(s).ifPresent(i -> {
                h.put("pid", i.pid()).put("started", i.started().toString()).put("lastUsed", i.lastUsed().toString())
                        .put("idleSeconds", i.idle(now).toSeconds());
                ObjectNode env = h.putObject("environment");
                i.environment().forEach(env::put);
            });
        }
        ObjectNode doc = mapper.createObjectNode().put("max", HelperProcess.MAX_HELPERS);
        doc.set("helpers", helpers);
        return doc.toString();
    }

    @Command(name = "stop", mixinStandardHelpOptions = true,
            description = "Stop the helpers of this data directory; a session in progress is recorded first.")
    static final class Stop implements Runnable {
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public void run() {
            int stopped = 0;
            for (Path s : sockets()) {
                if (HelperProcess.stop(s)) {
                    stopped++;
                }
            }
            spec.commandLine().getOut().println("stopped " + stopped + " helper" + (stopped == 1 ? "" : "s"));
        }
    }
}
