package dev.airlock.broker.state;

import dev.airlock.config.AirlockPaths;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The broker's directory: its socket, registered clients, token root key and revocations. Only
 * its owner may write it: a directory others can write (or that another user owns) is refused,
 * since whoever writes it could register a client or swap the key. Group search permission is the
 * two-user set-up's way to let the agent's user reach the socket.
 */
public record BrokerHome(Path dir) {

    public static final String DIR_VARIABLE = "AIRLOCK_BROKER_DIR";
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    public static BrokerHome resolve(Map<String, String> env) {
        return new BrokerHome(Optional.ofNullable(env.get(DIR_VARIABLE)).filter(s -> !s.isBlank()).map(Path::of)
                .orElseGet(() -> AirlockPaths.dataDir(env).resolve("broker")).toAbsolutePath());
    }

    public Path socket() {
        return dir.resolve("broker.sock");
    }

    public Path clients() {
        return dir.resolve("clients.json");
    }

    public Path rootKey() {
        return dir.resolve("token-root.key");
    }

    public Path revocations() {
        return dir.resolve("revoked-tokens");
    }

    /** The certificate of the CA a TLS listener's certificate is issued by (public: clients trust it). */
    public Path caCertificate() {
        return dir.resolve("broker-ca.pem");
    }

    public Path pidFile() {
        return dir.resolve("broker.pid");
    }

    /** Creates the directory (0700) if absent, and checks that only its owner can change it. */
    public BrokerHome prepare() {
        try {
            if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                Files.createDirectories(dir.getParent());
                Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            }
            Set<PosixFilePermission> p = Files.getPosixFilePermissions(dir, LinkOption.NOFOLLOW_LINKS);
            if (p.contains(PosixFilePermission.GROUP_WRITE) || p.contains(PosixFilePermission.OTHERS_WRITE)
                    || p.contains(PosixFilePermission.OTHERS_READ) || p.contains(PosixFilePermission.OTHERS_EXECUTE)) {
                throw new BrokerStateException(dir + " is " + PosixFilePermissions.toString(p)
                        + ": the broker's directory must not be writable by its group or open to others",
                        "chmod 0700 " + dir + " (or 0750 with the agents' group for the two-user set-up)");
            }
            if (!Files.getOwner(dir, LinkOption.NOFOLLOW_LINKS).equals(
                    Files.getOwner(Files.createTempFile(dir, ".owner", "")))) {
                throw new BrokerStateException(dir + " belongs to another user", "run the broker as its owner");
            }
            try (var s = Files.newDirectoryStream(dir, ".owner*")) {
                for (Path f : s) {
                    Files.deleteIfExists(f);
                }
            }
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the broker's directory " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * Connecting to a Unix socket needs write permission on it: the agents' group gets it when the
     * directory admits that group (the two-user set-up), else only the owner may connect.
     */
    public void shareSocket() {
        try {
            boolean group = Files.getPosixFilePermissions(dir, LinkOption.NOFOLLOW_LINKS)
                    .contains(PosixFilePermission.GROUP_EXECUTE);
            if (group) {
                // The socket is made with the process's group; the agents' group is the directory's.
                var attrs = Files.getFileAttributeView(dir, java.nio.file.attribute.PosixFileAttributeView.class,
                        LinkOption.NOFOLLOW_LINKS).readAttributes();
                Files.getFileAttributeView(socket(), java.nio.file.attribute.PosixFileAttributeView.class,
                        LinkOption.NOFOLLOW_LINKS).setGroup(attrs.group());
            }
            Files.setPosixFilePermissions(socket(), PosixFilePermissions.fromString(group ? "rw-rw----" : "rw-------"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot set the permissions of " + socket() + ": " + e.getMessage(), e);
        }
    }

    /** Replaces {@code file} with {@code bytes} (0600), so a reader sees the old or the new file, never half. */
    static void writeOwnerOnly(Path file, byte[] bytes) {
        try {
            Path tmp = Files.createTempFile(file.getParent(), "." + file.getFileName(), ".tmp",
                    PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ch.write(java.nio.ByteBuffer.wrap(bytes));
                ch.force(true);
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
