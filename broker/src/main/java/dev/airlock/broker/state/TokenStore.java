package dev.airlock.broker.state;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Pattern;
import org.biscuitsec.biscuit.crypto.KeyPair;

/**
 * The token root key (Ed25519, hex, 0600; made on first use) and the revoked token ids (one
 * revocation id per line). Revoking an id refuses every token holding that block: the token
 * itself and everything attenuated from it.
 */
public final class TokenStore {
    private static final Pattern ID = Pattern.compile("[0-9a-f]{16,256}");

    private final BrokerHome home;
    private final ReloadingFile<Set<String>> revoked;
    private final java.util.Map<String, Integer> sessions = new java.util.HashMap<>();
    private boolean sessionsRead;

    public TokenStore(BrokerHome home) {
        this.home = home;
        this.revoked = new ReloadingFile<>(home.revocations(), TokenStore::parse, Set.of());
    }

    private Path sessionsFile() {
        return home.dir().resolve("token-sessions");
    }

    /** Sessions opened under a token holding block {@code id}: counted across restarts. */
    public synchronized int sessionsUsed(String id) {
        readSessions();
        return sessions.getOrDefault(id, 0);
    }

    /** Counts a session against every block of its token; synced before the session is opened. */
    public synchronized void countSession(java.util.List<String> ids) {
        readSessions();
        try (var ch = java.nio.channels.FileChannel.open(sessionsFile(), java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.APPEND, java.nio.file.StandardOpenOption.WRITE)) {
            ch.write(java.nio.ByteBuffer.wrap((String.join(" ", ids) + "\n").getBytes(StandardCharsets.US_ASCII)));
            ch.force(true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot count the session in " + sessionsFile() + ": " + e.getMessage(), e);
        }
        ids.forEach(id -> sessions.merge(id, 1, Integer::sum));
    }

    private void readSessions() {
        if (sessionsRead) {
            return;
        }
        try {
            if (Files.exists(sessionsFile())) {
                for (String line : Files.readAllLines(sessionsFile(), StandardCharsets.US_ASCII)) {
                    for (String id : line.trim().split(" ")) {
                        if (!id.isEmpty()) {
                            sessions.merge(id, 1, Integer::sum);
                        }
                    }
                }
            }
            sessionsRead = true;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + sessionsFile() + ": " + e.getMessage(), e);
        }
    }

    public synchronized KeyPair rootKey() {
        Path f = home.rootKey();
        try {
            if (!Files.exists(f)) {
                KeyPair k = new KeyPair(new java.security.SecureRandom());
                BrokerHome.writeOwnerOnly(f, k.toHex().getBytes(StandardCharsets.US_ASCII));
                return k;
            }
            return new KeyPair(Files.readString(f, StandardCharsets.US_ASCII).trim());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the token root key " + f + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new BrokerStateException("the token root key " + f + " is not valid",
                    "restore it; removing it makes every issued token invalid");
        }
    }

    public boolean isRevoked(String id) {
        return revoked.get().contains(id);
    }

    /** Revokes a token id (a prefix of at least 16 hex digits is accepted only as a whole id). */
    public synchronized void revoke(String id) {
        if (!ID.matcher(id).matches()) {
            throw new BrokerStateException("\"" + id + "\" is not a token id (hex)", "take the id from the audit log or "
                    + "airlock token inspect");
        }
        Set<String> all = new LinkedHashSet<>(revoked.get());
        all.add(id);
        BrokerHome.writeOwnerOnly(home.revocations(), (String.join("\n", all) + "\n").getBytes(StandardCharsets.US_ASCII));
    }

    private static Set<String> parse(byte[] bytes) {
        Set<String> out = new LinkedHashSet<>();
        for (String line : new String(bytes, StandardCharsets.US_ASCII).split("\n")) {
            if (!line.isBlank()) {
                out.add(line.trim());
            }
        }
        return Set.copyOf(out);
    }
}
