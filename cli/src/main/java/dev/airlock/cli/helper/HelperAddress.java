package dev.airlock.cli.helper;

import dev.airlock.config.AirlockPaths;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.UserPrincipal;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Where the resident helper for an environment listens, and what a client must share with it to
 * be served.
 *
 * <p>A helper resolves base credentials, endpoints and files from its own environment, which it
 * inherited from the client that started it. It may serve only a client whose variables of that
 * kind (every {@code AWS_*}, {@code AIRLOCK_*} and {@code XDG_*}, and {@code HOME}) are identical,
 * running the same build of Airlock. The {@link #publicPart} (those variables with the values of
 * secret ones blanked) names the socket and is compared openly; the {@link #secretPart} (the secret
 * variables: base keys, tokens) never leaves either process, and is proved by {@link Handshake}.
 */
record HelperAddress(Path directory, Path socket, Path lock, String publicPart, String secretPart) {

    static final String SWITCH = "AIRLOCK_HELPER";

    /** Linux's sun_path holds 108 bytes; longer socket paths cannot be bound. */
    private static final int MAX_SOCKET_PATH = 100;

    /** Variables naming files or directories: relative values would resolve against another working directory. */
    private static final List<String> PATH_VARIABLES = List.of("HOME", "AIRLOCK_HOME", "AIRLOCK_CONFIG",
            "XDG_CONFIG_HOME", "XDG_DATA_HOME", "AWS_CONFIG_FILE", "AWS_SHARED_CREDENTIALS_FILE",
            "AWS_WEB_IDENTITY_TOKEN_FILE", "AWS_CA_BUNDLE");

    /** The helper's address for {@code env}; empty when the helper is switched off or cannot serve it. */
    static Optional<HelperAddress> forEnvironment(Map<String, String> env) {
        String flag = env.getOrDefault(SWITCH, "").toLowerCase(Locale.ROOT);
        if (Set.of("off", "0", "false", "no").contains(flag)) {
            return Optional.empty();
        }
        Optional<Path> jar = ownJar();
        if (jar.isEmpty() || PATH_VARIABLES.stream().anyMatch(v -> env.containsKey(v) && !Path.of(env.get(v)).isAbsolute())) {
            return Optional.empty();
        }
        Path dir = directory(env);
        if (!dir.isAbsolute()) {
            return Optional.empty();
        }
        try {
            String build = identity(jar.get());
            String publicPart = canonical(env, build);
            String name = Long.toHexString(fnv1a(publicPart));
            Path socket = dir.resolve(name + ".sock");
            if (socket.toString().getBytes(StandardCharsets.UTF_8).length > MAX_SOCKET_PATH) {
                return Optional.empty();
            }
            return Optional.of(new HelperAddress(dir, socket, dir.resolve(name + ".lock"), publicPart, secrets(env)));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Where the helpers of this data directory keep their sockets, locks and log. */
    static Path directory(Map<String, String> env) {
        return AirlockPaths.dataDir(env).resolve("helper");
    }

    /** Whether a variable is part of the fingerprint (and so taken from the helper's own environment). */
    static boolean fingerprinted(String name) {
        return (name.startsWith("AWS_") || name.startsWith("AIRLOCK_") || name.startsWith("XDG_") || name.equals("HOME"))
                && !NOT_READ.contains(name);
    }

    /**
     * AWS_ variables that neither Airlock nor the Java SDK reads. The AWS CLI sets AWS_DATA_PATH (its
     * own model files) for every credential_process it runs; counting it would give those runs a
     * helper of their own, apart from the one the user started.
     */
    private static final Set<String> NOT_READ = Set.of("AWS_DATA_PATH");

    static boolean secret(String name) {
        return name.contains("SECRET") || name.contains("TOKEN") || name.contains("PASSWORD");
    }

    private static String canonical(Map<String, String> env, String build) {
        StringBuilder b = new StringBuilder("airlock-helper\0").append(Wire.VERSION).append('\0').append(build).append('\0');
        new TreeMap<>(env).forEach((k, v) -> {
            if (fingerprinted(k)) {
                b.append(k).append('=').append(secret(k) ? "" : v).append('\0');
            }
        });
        return b.toString();
    }

    private static String secrets(Map<String, String> env) {
        StringBuilder b = new StringBuilder();
        new TreeMap<>(env).forEach((k, v) -> {
            if (fingerprinted(k) && secret(k)) {
                b.append(k).append('=').append(v).append('\0');
            }
        });
        return b.toString();
    }

    /**
     * Whether {@code path} is this user's and no one else's: owned by the process's uid, no group or
     * other permission, not a symbolic link. The helper's directory must be, or no helper is used.
     */
    static boolean isPrivate(Path path) {
        try {
            PosixFileAttributes a = Files.readAttributes(path, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            boolean othersNone = a.permissions().stream().allMatch(p -> p.name().startsWith("OWNER_"));
            return !a.isSymbolicLink() && othersNone && a.owner().equals(self());
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    /** This process's user: Linux gives /proc/self to the process's own uid. */
    static UserPrincipal self() throws IOException {
        return Files.getOwner(Path.of("/proc/self"));
    }

    /** Path, size and modification time: a rebuilt jar is another build, served by another helper. */
    private static String identity(Path jar) throws IOException {
        return jar + "\0" + Files.size(jar) + "\0" + Files.getLastModifiedTime(jar).toMillis() + "\0";
    }

    /** FNV-1a, 64 bits: a name, not a proof; a collision only makes the helper decline. */
    private static long fnv1a(String s) {
        long h = 0xcbf29ce484222325L;
        for (byte x : s.getBytes(StandardCharsets.UTF_8)) {
            h = (h ^ (x & 0xff)) * 0x100000001b3L;
        }
        return h;
    }

    private static Optional<Path> ownJar() {
        try {
            Path p = Path.of(HelperAddress.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return p.toString().endsWith(".jar") && Files.isRegularFile(p) ? Optional.of(p) : Optional.empty();
        } catch (URISyntaxException | SecurityException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    static Path jar() {
        return ownJar().orElseThrow();
    }

    /** The secret part holds the environment's secrets: never in a log line or a message. */
    @Override
    public String toString() {
        return "HelperAddress[" + socket + "]";
    }
}
