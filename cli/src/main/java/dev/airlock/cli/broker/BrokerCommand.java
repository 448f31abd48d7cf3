package dev.airlock.cli.broker;

import dev.airlock.broker.BrokerService;
import dev.airlock.broker.auth.ClientId;
import dev.airlock.broker.auth.ClientSecret;
import dev.airlock.broker.limits.RateLimiter;
import dev.airlock.broker.state.BrokerHome;
import dev.airlock.broker.state.ClientRegistry;
import dev.airlock.broker.state.TokenStore;
import dev.airlock.broker.token.CapabilityTokens;
import dev.airlock.cli.BadInputException;
import dev.airlock.cli.JsonOutput;
import dev.airlock.lifecycle.EnforceSettings;
import dev.airlock.lifecycle.Invocation;
import dev.airlock.lifecycle.SessionRequest;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code airlock broker}: the service that holds the base credentials and issues sessions to registered agents. */
@Command(name = "broker", mixinStandardHelpOptions = true,
        description = {"Run the broker: agents ask it for sessions through a signed API (JSON over a Unix socket), "
                + "each request under a capability token; the agent never holds the base credentials.",
            "Run it as a user the agent cannot read (see the README's 'Run Airlock as a broker')."},
        footer = {"%nExamples:", "  airlock broker start --profile dev",
            "  airlock broker clients add agent-a          # prints the client's secret once",
            "  airlock broker token mint --task T-42 --allow s3:GetObject --resource 'arn:aws:s3:::acme/reports/*' --ttl 8h",
            "  airlock broker status --json", "  airlock broker stop",
            "%nEnvironment:%n  AIRLOCK_BROKER_DIR    the broker's directory (default DATA/broker): socket, clients, token key"},
        subcommands = {BrokerCommand.Start.class, BrokerCommand.Stop.class, BrokerCommand.Status.class,
            BrokerCommand.ClientsCommand.class, BrokerTokenCommand.class, RequestCommand.class})
public final class BrokerCommand implements Runnable {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static BrokerHome home() {
        return BrokerHome.resolve(Invocation.current().env());
    }

    /** The profile every session of the broker is opened from. */
    static final class BaseOptions {
        @Option(names = "--profile", paramLabel = "NAME", description = "profile of Airlock's config")
        Optional<String> profile = Optional.empty();

        @Option(names = "--aws-profile", paramLabel = "NAME", description = "profile of ~/.aws/config instead")
        Optional<String> awsProfile = Optional.empty();

        @Option(names = "--role", paramLabel = "ARN", description = "role to assume (overrides the profile's)")
        Optional<String> role = Optional.empty();

        @Option(names = "--region", paramLabel = "REGION", description = "region for STS and the sessions")
        Optional<String> region = Optional.empty();

        SessionRequest request() {
            return new SessionRequest(profile, awsProfile, role, List.of(), List.of(), Optional.empty(), region,
                    Optional.empty(), List.of(), false, Optional.empty());
        }
    }

    @Command(name = "start", mixinStandardHelpOptions = true, description = {"Run the broker in the foreground "
            + "(for systemd, a terminal, or '&'); SIGTERM or 'airlock broker stop' ends every session and stops it."})
    static final class Start implements Callable<Integer> {
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Mixin
        BaseOptions base = new BaseOptions();

        @Option(names = "--upstream", paramLabel = "URL", description = "forward enforced sessions to this "
                + "S3-compatible endpoint instead of AWS")
        Optional<URI> upstream = Optional.empty();

        @Option(names = "--rate", paramLabel = "N", description = "requests a minute per client and route (default 60)")
        long rate = 60;

        @Option(names = "--session-rate", paramLabel = "N", description = "session creations a minute per client "
                + "(default 10)")
        long sessionRate = 10;

        @Option(names = "--listen", paramLabel = "HOST:PORT", description = "also listen on TCP (port 0: any free "
                + "port); off loopback always with TLS, its CA's certificate in DIR/broker-ca.pem")
        Optional<String> listen = Optional.empty();

        @Option(names = "--tls", description = "with --listen on loopback: TLS there too")
        boolean tls;

        private Optional<BrokerService.TcpListen> tcp() {
            return listen.map(l -> {
                int colon = l.lastIndexOf(':');
                try {
                    String host = l.substring(0, colon).replaceAll("^\\[|\\]$", "");
                    int port = Integer.parseInt(l.substring(colon + 1));
                    return new BrokerService.TcpListen(new java.net.InetSocketAddress(java.net.InetAddress.getByName(host),
                            port), tls);
                } catch (RuntimeException | java.net.UnknownHostException e) {
                    throw new BadInputException("--listen " + l + " is not HOST:PORT", "e.g. --listen 127.0.0.1:8443");
                }
            });
        }

        @Override
        public Integer call() throws InterruptedException {
            PrintWriter err = spec.commandLine().getErr();
            RateLimiter limiter = new RateLimiter(Map.of("POST /v1/sessions", RateLimiter.Rate.perMinute(sessionRate)),
                    RateLimiter.Rate.perMinute(rate), System::nanoTime);
            BrokerService service = BrokerService.start(home(), base.request(),
                    new EnforceSettings(upstream, Optional.empty(), Optional.empty(), false), limiter, tcp(),
                    Invocation.current().env(), line -> {
                        synchronized (err) {
                            err.println("airlock broker: " + line);
                        }
                    });
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                service.close();
                stopped.countDown();
            }, "airlock-broker-stop"));
            service.tcpPort().ifPresent(port -> err.println("airlock broker: listening on tcp "
                    + listen.orElseThrow().substring(0, listen.orElseThrow().lastIndexOf(':')) + ":" + port
                    + (tcp().orElseThrow().tls() ? " (TLS; CA certificate " + service.home().caCertificate() + ")" : "")));
            err.println("airlock broker: listening on " + service.home().socket() + " (pid "
                    + ProcessHandle.current().pid() + ")");
            stopped.await();
            return 0;
        }
    }

    @Command(name = "stop", mixinStandardHelpOptions = true, description = "Stop the running broker (its sessions end).")
    static final class Stop implements Callable<Integer> {
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            Optional<ProcessHandle> p = running(home());
            if (p.isEmpty()) {
                spec.commandLine().getErr().println("airlock: no broker is running for " + home().dir());
                return 0;
            }
            p.get().destroy();
            try {
                p.get().onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new BadInputException("the broker (pid " + p.get().pid() + ") did not stop within 30 s",
                        "kill -9 " + p.get().pid() + " (its sessions' ends may then go unrecorded)");
            }
            spec.commandLine().getErr().println("airlock: broker " + p.get().pid() + " stopped");
            return 0;
        }
    }

    static Optional<ProcessHandle> running(BrokerHome home) {
        try {
            long pid = Long.parseLong(Files.readString(home.pidFile(), StandardCharsets.US_ASCII).trim());
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true, description = "Whether a broker runs, where, and its clients.")
    static final class Status implements Callable<Integer> {
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Option(names = "--json", description = "one JSON document")
        boolean json;

        @Override
        public Integer call() {
            BrokerHome home = home();
            Optional<ProcessHandle> p = running(home);
            List<String> clients = Files.isDirectory(home.dir())
                    ? new ClientRegistry(home).list().stream().map(c -> c.id().value()).toList() : List.of();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("running", p.isPresent());
            p.ifPresent(h -> m.put("pid", h.pid()));
            m.put("directory", home.dir().toString());
            m.put("socket", home.socket().toString());
            m.put("clients", clients);
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                out.println(JsonOutput.of(m));
            } else {
                out.println(p.map(h -> "broker running, pid " + h.pid()).orElse("no broker running"));
                out.println("socket:  " + home.socket());
                out.println("clients: " + (clients.isEmpty() ? "(none)" : String.join(", ", clients)));
            }
            return 0;
        }
    }

    @Command(name = "clients", mixinStandardHelpOptions = true, description = {"Register, list and remove the "
            + "clients that may call the broker. Needs write access to the broker's directory (its owner)."},
            subcommands = {ClientsCommand.Add.class, ClientsCommand.ListClients.class, ClientsCommand.Remove.class})
    static final class ClientsCommand implements Runnable {
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public void run() {
            spec.commandLine().usage(spec.commandLine().getOut());
        }

        static ClientId id(String name) {
            try {
                return new ClientId(name);
            } catch (IllegalArgumentException e) {
                throw new BadInputException(e.getMessage(), "e.g. agent-a");
            }
        }

        @Command(name = "add", mixinStandardHelpOptions = true, description = "Register NAME and print its secret "
                + "(once: it is not shown again).")
        static final class Add implements Callable<Integer> {
            @Spec
            picocli.CommandLine.Model.CommandSpec spec;

            @Parameters(paramLabel = "NAME")
            String name;

            @Override
            public Integer call() {
                ClientSecret s = new ClientRegistry(home().prepare()).add(id(name), Instant.now());
                spec.commandLine().getOut().println(s.reveal());
                spec.commandLine().getErr().println("airlock: client '" + name + "' registered; its secret is above "
                        + "and is not shown again: hand it to that agent only (e.g. AIRLOCK_CLIENT_SECRET in its environment)");
                return 0;
            }
        }

        @Command(name = "list", mixinStandardHelpOptions = true, description = "The registered clients (never their secrets).")
        static final class ListClients implements Callable<Integer> {
            @Spec
            picocli.CommandLine.Model.CommandSpec spec;

            @Option(names = "--json", description = "one JSON document")
            boolean json;

            @Override
            public Integer call() {
                List<Map<String, Object>> rows = new ArrayList<>();
                for (ClientRegistry.Client c : new ClientRegistry(home()).list()) {
                    rows.add(Map.of("name", c.id().value(), "created", c.created().toString()));
                }
                if (json) {
                    spec.commandLine().getOut().println(JsonOutput.of(Map.of("clients", rows)));
                } else {
                    rows.forEach(r -> spec.commandLine().getOut().println(r.get("name") + "  " + r.get("created")));
                }
                return 0;
            }
        }

        @Command(name = "remove", mixinStandardHelpOptions = true, description = "Remove NAME: its signed requests are refused from now on.")
        static final class Remove implements Callable<Integer> {
            @Spec
            picocli.CommandLine.Model.CommandSpec spec;

            @Parameters(paramLabel = "NAME")
            String name;

            @Override
            public Integer call() {
                if (!new ClientRegistry(home()).remove(id(name))) {
                    throw new BadInputException("no client '" + name + "'", "airlock broker clients list");
                }
                spec.commandLine().getErr().println("airlock: client '" + name + "' removed");
                return 0;
            }
        }
    }

    /** For the token commands: the broker's token store. */
    static TokenStore tokenStore() {
        return new TokenStore(home().prepare());
    }

    static CapabilityTokens tokens(TokenStore store) {
        return new CapabilityTokens(store.rootKey(), store::isRevoked);
    }
}
