package dev.airlock.cli.helper;

import dev.airlock.audit.AuditDirectory;
import dev.airlock.audit.AuditLog;
import dev.airlock.catalog.ActionCatalog;
import dev.airlock.lifecycle.Invocation;
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
import java.nio.file.LinkOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import jdk.net.ExtendedSocketOptions;

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
    /** A peer that has not proved its environment by then is dropped, so it cannot pin the helper. */
    private static final Duration HANDSHAKE_TIMEOUT = Duration.ofSeconds(10);

    private final HelperAddress address;
    private final Duration idle;
    private final AtomicInteger active = new AtomicInteger();
    private final AtomicLong lastUsed = new AtomicLong(System.nanoTime());
    private volatile boolean stopping;
    private volatile Object socketKey;
    private volatile String stopReason = "closed";

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "airlock-helper-timer");
        t.setDaemon(true);
        return t;
    });

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
        Invocation.requireExplicit();
        new HelperServer(address.get(), idleTime(System.getenv())).serve();
    }

    /** AIRLOCK_HELPER_IDLE_SECONDS, a positive whole number; anything else is said in helper.log. */
    private static Duration idleTime(Map<String, String> env) {
        String text = env.get("AIRLOCK_HELPER_IDLE_SECONDS");
        if (text == null || text.isEmpty()) {
            return DEFAULT_IDLE;
        }
        try {
            long seconds = Long.parseLong(text);
            if (seconds > 0) {
                return Duration.ofSeconds(seconds);
            }
        } catch (NumberFormatException e) {
            // Said below.
        }
        System.err.println("airlock helper: AIRLOCK_HELPER_IDLE_SECONDS=" + text + " is not a positive number of "
                + "seconds; exiting after " + DEFAULT_IDLE.toSeconds() + " s idle instead");
        return DEFAULT_IDLE;
    }

    private void serve() throws IOException {
        if (!HelperAddress.isPrivate(address.directory())) {
            System.err.println("airlock helper: " + address.directory() + " is not this user's alone (0700); not serving");
            return;
        }
        UserPrincipal self = HelperAddress.self();
        try (FileChannel lockFile = FileChannel.open(address.lock(), Set.of(StandardOpenOption.CREATE,
                StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS), PosixFilePermissions.asFileAttribute(OWNER_ONLY));
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
                Files.setPosixFilePermissions(address.socket(), OWNER_ONLY);
                socketKey = Files.readAttributes(address.socket(), BasicFileAttributes.class).fileKey();
                HelperInfo.write(address.socket(), ProcessHandle.current().pid(), java.time.Instant.now(), System.getenv());
                start("airlock-helper-watch", () -> watch(server), true);
                record("helper.start", Map.of("pid", ProcessHandle.current().pid(), "socket", address.socket().toString(),
                        "idleSeconds", idle.toSeconds()));
                acceptUntilStopped(server, self);
            } finally {
                removeSocketIfOurs();
                if (Files.isDirectory(address.directory())) { // not when its data directory was deleted
                    record("helper.stop", Map.of("pid", ProcessHandle.current().pid(), "reason", stopReason));
                }
            }
        }
    }

    private void acceptUntilStopped(ServerSocketChannel server, UserPrincipal self) {
        while (!stopping) {
            SocketChannel client;
            try {
                client = server.accept();
            } catch (IOException closed) {
                return;
            }
            // Not a daemon thread: a session that is running keeps the helper alive until it is recorded.
            start("airlock-helper-client", () -> handle(client, server, self), false);
        }
    }

    private void handle(SocketChannel client, ServerSocketChannel server, UserPrincipal self) {
        ScheduledFuture<?> drop = TIMER.schedule(() -> close(client), HANDSHAKE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        AtomicBoolean counted = new AtomicBoolean();
        try (client) {
            // Compared as principals, i.e. by uid: a uid without a passwd entry has no usable name.
            if (!client.getOption(ExtendedSocketOptions.SO_PEERCRED).user().equals(self)) {
                return;
            }
            HelperConnection.Asked asked = new HelperConnection(client, address).serve(() -> {
                drop.cancel(false);
                counted.set(true);
                active.incrementAndGet();
            });
            if (asked == HelperConnection.Asked.STOP) {
                stop(server, "asked");
            }
        } catch (IOException | RuntimeException e) {
            // A client that disconnects or misbehaves ends only its own request.
        } finally {
            drop.cancel(false);
            if (counted.get()) {
                lastUsed.set(System.nanoTime());
                HelperInfo.touch(address.socket());
                active.decrementAndGet();
            }
        }
    }

    private static void close(SocketChannel client) {
        try {
            client.close();
        } catch (IOException ignored) {
            // Closed already.
        }
    }

    /**
     * A process holding the user's base credentials came or went: the audit says so, as it does
     * for sessions. A helper that cannot write it still serves; each session it opens is refused
     * by the same audit log, with the reason.
     */
    private static void record(String type, Map<String, Object> fields) {
        try {
            AuditLog.open(AuditDirectory.resolve(System.getenv())).append(type, Optional.empty(), fields);
        } catch (RuntimeException e) {
            System.err.println("airlock helper: cannot write " + type + " to the audit log: " + e.getMessage());
        }
    }

    /** Stops on idleness, or when the socket file is removed or replaced. */
    private void watch(ServerSocketChannel server) {
        while (!stopping) {
            try {
                Thread.sleep(CHECK.toMillis());
            } catch (InterruptedException e) {
                return;
            }
            // An MFA session it holds (airlock login) would be lost with it: it stays up while one is valid.
            boolean idleTooLong = active.get() == 0 && System.nanoTime() - lastUsed.get() > idle.toNanos()
                    && !dev.airlock.lifecycle.MfaSessions.anyValid(java.time.Instant.now());
            if (idleTooLong) {
                stop(server, "idle");
            } else if (!socketIsOurs()) {
                stop(server, "socket removed");
            }
        }
    }

    private boolean socketIsOurs() {
        try {
            return socketKey != null && socketKey.equals(Files.readAttributes(address.socket(), BasicFileAttributes.class,
                    LinkOption.NOFOLLOW_LINKS).fileKey());
        } catch (IOException gone) {
            return false;
        }
    }

    private void stop(ServerSocketChannel server, String reason) {
        stopReason = reason;
        removeSocketIfOurs();
        stopping = true;
        try {
            server.close();
        } catch (IOException ignored) {
            // Already closed.
        }
    }

    private void removeSocketIfOurs() {
        if (socketIsOurs()) {
            HelperInfo.remove(address.socket());
            try {
                Files.deleteIfExists(address.socket());
            } catch (IOException ignored) {
                // The directory went away with it.
            }
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
