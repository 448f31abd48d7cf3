package dev.airlock.cli.helper;

import dev.airlock.catalog.ActionCatalog;
import dev.airlock.cli.Invocation;
import dev.airlock.cli.Main;
import dev.airlock.sts.ClientWarmup;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import jdk.net.ExtendedSocketOptions;
import jdk.net.UnixDomainPrincipal;

/**
 * The resident helper: a JVM that keeps Airlock's code, the action catalog and the AWS SDK warm, so
 * that {@code airlock run} and {@code airlock credentials} skip the JVM's cold start. It holds no
 * session and no credential between requests; it serves only its own user and clients with its
 * environment ({@link HelperAddress}), and exits after {@link #DEFAULT_IDLE} without a request, when
 * its socket is removed, or when asked ({@code airlock helper stop}).
 */
public final class HelperServer {

    static final Duration DEFAULT_IDLE = Duration.ofMinutes(10);
    private static final Duration CHECK = Duration.ofSeconds(2);

    private final HelperAddress address;
    private final Duration idle;
    private final AtomicInteger active = new AtomicInteger();
    private final AtomicLong lastUsed = new AtomicLong(System.nanoTime());
    private volatile boolean stopping;

    private HelperServer(HelperAddress address, Duration idle) {
        this.address = address;
        this.idle = idle;
    }

    /** Started by {@link HelperProcess} as {@code HelperServer SOCKET}, with the environment of the client. */
    public static void main(String[] args) throws IOException {
        Optional<HelperAddress> address = HelperAddress.forEnvironment(System.getenv());
        if (args.length != 1 || address.isEmpty() || !address.get().socket().toString().equals(args[0])) {
            System.err.println("airlock helper: this environment does not lead to " + String.join(" ", args));
            System.exit(2);
        }
        new HelperServer(address.get(), idleTime(System.getenv())).serve();
    }

    private static Duration idleTime(Map<String, String> env) {
        try {
            return Duration.ofSeconds(Long.parseLong(env.getOrDefault("AIRLOCK_HELPER_IDLE_SECONDS", "")));
        } catch (NumberFormatException e) {
            return DEFAULT_IDLE;
        }
    }

    private void serve() throws IOException {
        try (FileChannel lockFile = FileChannel.open(address.lock(), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock lock = lockFile.tryLock()) {
            if (lock == null) {
                return; // another helper serves this address
            }
            Files.deleteIfExists(address.socket());
            // Warm before listening: a client that finds no socket runs in its own process, which is
            // no slower than a cold helper, and 'helper start' returns with a warm one.
            warm();
            try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
                server.bind(UnixDomainSocketAddress.of(address.socket()));
                Files.setPosixFilePermissions(address.socket(), PosixFilePermissions.fromString("rw-------"));
                Object socketKey = Files.readAttributes(address.socket(),
                        java.nio.file.attribute.BasicFileAttributes.class).fileKey();
                start("airlock-helper-watch", () -> watch(server, socketKey), true);
                acceptUntilStopped(server);
            } finally {
                removeSocketIfOurs();
            }
        }
    }

    private void acceptUntilStopped(ServerSocketChannel server) {
        while (!stopping) {
            SocketChannel client;
            try {
                client = server.accept();
            } catch (IOException closed) {
                return;
            }
            active.incrementAndGet();
            lastUsed.set(System.nanoTime());
            // Not a daemon thread: a session that is running keeps the helper alive until it is recorded.
            start("airlock-helper-client", () -> handle(client, server), false);
        }
    }

    private void handle(SocketChannel client, ServerSocketChannel server) {
        try (client) {
            if (!sameUser(client)) {
                return;
            }
            if (new HelperConnection(client, address.fingerprint()).serve()) {
                stop(server);
            }
        } catch (IOException | RuntimeException e) {
            // A client that disconnects mid-frame ends only its own request.
        } finally {
            lastUsed.set(System.nanoTime());
            active.decrementAndGet();
        }
    }

    private static boolean sameUser(SocketChannel client) throws IOException {
        UnixDomainPrincipal peer = client.getOption(ExtendedSocketOptions.SO_PEERCRED);
        return peer.user().getName().equals(System.getProperty("user.name"));
    }

    /** Stops on idleness, on {@code helper stop}, or when the socket file is removed or replaced. */
    private void watch(ServerSocketChannel server, Object socketKey) {
        while (!stopping) {
            try {
                Thread.sleep(CHECK.toMillis());
            } catch (InterruptedException e) {
                return;
            }
            boolean idleTooLong = active.get() == 0 && System.nanoTime() - lastUsed.get() > idle.toNanos();
            if (idleTooLong || !socketIs(socketKey)) {
                stop(server);
            }
        }
    }

    private boolean socketIs(Object key) {
        try {
            return key.equals(Files.readAttributes(address.socket(), java.nio.file.attribute.BasicFileAttributes.class).fileKey());
        } catch (IOException gone) {
            return false;
        }
    }

    private void stop(ServerSocketChannel server) {
        stopping = true;
        removeSocketIfOurs();
        try {
            server.close();
        } catch (IOException ignored) {
            // Already closed.
        }
    }

    private void removeSocketIfOurs() {
        try {
            Files.deleteIfExists(address.socket());
        } catch (IOException ignored) {
            // The directory went away with it.
        }
    }

    /** Loads and initialises what every request needs. */
    private static void warm() {
        ClientWarmup.warm();
        ActionCatalog.builtIn();
        PrintWriter discard = new PrintWriter(OutputStream.nullOutputStream());
        Invocation quiet = new Invocation(System.getenv(), prompt -> Optional.empty(), notices -> spec -> {
            throw new IllegalStateException("no command runs while warming up");
        }, true);
        // Read-only commands: they touch no session, no audit line and no AWS endpoint.
        for (String[] args : List.of(new String[] {"run", "--help"}, new String[] {"credentials", "--help"},
                new String[] {"profile", "list"})) {
            Invocation.with(quiet, () -> Main.execute(args, discard, discard));
        }
    }

    private static void start(String name, Runnable body, boolean daemon) {
        Thread t = new Thread(body, name);
        t.setDaemon(daemon);
        t.start();
    }
}
