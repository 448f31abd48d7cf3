package dev.airlock.cli.helper;

import dev.airlock.cli.Invocation;
import dev.airlock.cli.run.UsageProblem;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;

/** {@code airlock helper status|stop}: the resident helpers that keep {@code run} and {@code credentials} fast. */
@Command(name = "helper", mixinStandardHelpOptions = true,
        description = {"Show or stop the resident helpers.",
            "The first 'airlock run' or 'airlock credentials' starts one in the background; later ones are "
                    + "served by it and skip the JVM's cold start. A helper holds no credentials between "
                    + "requests, serves only its own user and environment, and exits after 10 minutes idle. "
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
        Path dir = HelperAddress.directory(Invocation.current().env());
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
            if (!answers(address.socket())) {
                HelperProcess.start(address);
            }
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (!answers(address.socket())) {
                if (System.nanoTime() > deadline) {
                    throw new UsageProblem("the helper did not start within " + WAIT.toSeconds() + " s; see "
                            + address.directory().resolve("helper.log"));
                }
                Thread.sleep(50);
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

    @Command(name = "status", mixinStandardHelpOptions = true, description = "List the helpers of this data directory.")
    static final class Status implements Runnable {
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public void run() {
            PrintWriter out = spec.commandLine().getOut();
            List<Path> sockets = sockets();
            if (sockets.isEmpty()) {
                out.println("no helper running");
            }
            for (Path s : sockets) {
                out.println((answers(s) ? "running   " : "stale     ") + s);
            }
        }
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
