package dev.airlock.cli.helper;

import java.io.File;
import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Starts a resident helper in the background, detached from the terminal, with this process's environment. */
final class HelperProcess {
    private static final Path SETSID = Path.of("/usr/bin/setsid");
    private static final long MAX_LOG_BYTES = 1 << 20;
    private static final Duration STOP_WAIT = Duration.ofSeconds(5);
    static final int MAX_HELPERS = 3;
    private static final Set<PosixFilePermission> OWNER_DIRECTORY =
            PosixFilePermissions.fromString("rwx------");

    private HelperProcess() {}

    /**
     * Asks the helper at {@code socket} to stop and waits (up to {@link #STOP_WAIT}) until it has
     * closed the connection, which it does once it no longer listens (a session it is running still
     * gets its end recorded); removes the socket of one that does not answer.
     *
     * @return whether a helper answered
     */
    static boolean stop(Path socket) {
        try (SocketChannel ch = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
            ch.write(ByteBuffer.wrap(new byte[] {Wire.STOP}));
            ch.configureBlocking(false);
            long deadline = System.nanoTime() + STOP_WAIT.toNanos();
            // Polled: whatever listens there may never answer, and must not hang the caller.
            while (ch.read(ByteBuffer.allocate(1)) == 0 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            return true;
        } catch (IOException e) {
            try {
                Files.deleteIfExists(socket);
            } catch (IOException ignored) {
                // Left for the next stop.
            }
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Starts the helper for {@code address} unless one answers, and waits up to {@code wait} for it to. */
    static boolean startAndWait(HelperAddress address, java.time.Duration wait) throws InterruptedException {
        if (!HelperCommand.answers(address.socket())) {
            start(address);
        }
        long deadline = System.nanoTime() + wait.toNanos();
        while (!HelperCommand.answers(address.socket())) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(50);
        }
        return true;
    }

    /**
     * Best effort: a helper that fails to start is no worse than none. setsid puts it in a session of
     * its own, so a Ctrl-C meant for the terminal's command does not reach it.
     */
    static void start(HelperAddress address) {
        makeRoom(address.directory());
        Path jar = HelperAddress.jar();
        // The client's own class path: the helper must run the very classes the client checked.
        String classPath = System.getProperty("java.class.path");
        List<String> cmd = new ArrayList<>();
        if (Files.isExecutable(SETSID)) {
            cmd.add(SETSID.toString());
        }
        cmd.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC", "-Xmx256m", "-Xshare:auto", "-Xlog:disable", "-Xlog:all=error:stderr"));
        Path archive = jar.resolveSibling("airlock.jsa");
        if (Files.isRegularFile(archive)) {
            cmd.add("-XX:SharedArchiveFile=" + archive);
        }
        String extra = System.getenv().getOrDefault("AIRLOCK_JAVA_OPTS", "").trim();
        if (!extra.isEmpty()) {
            cmd.addAll(List.of(extra.split("\\s+")));
        }
        cmd.addAll(List.of("-cp", classPath, HelperServer.class.getName(), address.socket().toString()));
        try {
            // Only its user may reach the helper's socket or read its log.
            Files.createDirectories(address.directory(), PosixFilePermissions.asFileAttribute(OWNER_DIRECTORY));
            if (!HelperAddress.isPrivate(address.directory())) {
                return;
            }
            new ProcessBuilder(cmd)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log(address.directory()).toFile()))
                    .start();
        } catch (IOException e) {
            // The next run starts one, or runs without.
        }
    }

    /**
     * At most {@link #MAX_HELPERS} per data directory: one per environment a user works in is
     * useful, one per variable tried out is 120 MB each. The one idle longest gives way.
     */
    private static void makeRoom(Path directory) {
        List<HelperInfo> running = HelperCommand.sockets(directory).stream().filter(HelperCommand::answers)
                .map(s -> HelperInfo.read(s).orElse(new HelperInfo(s, 0, Instant.EPOCH, Instant.EPOCH, Map.of())))
                .sorted(Comparator.comparing(HelperInfo::lastUsed)).toList();
        for (int i = 0; i <= running.size() - MAX_HELPERS; i++) {
            stop(running.get(i).socket());
        }
    }

    /** The helpers' log (their stderr: start-up failures, AIRLOCK_TRACE marks): 0600, restarted past 1 MiB. */
    private static Path log(Path directory) throws IOException {
        Path log = directory.resolve("helper.log");
        boolean regular = Files.isRegularFile(log, LinkOption.NOFOLLOW_LINKS);
        if (Files.exists(log, LinkOption.NOFOLLOW_LINKS) && (!regular || Files.size(log) > MAX_LOG_BYTES)) {
            Files.delete(log); // too long, or a link that appending would follow
        }
        if (!Files.exists(log, LinkOption.NOFOLLOW_LINKS)) {
            Files.createFile(log, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        return log;
    }
}
