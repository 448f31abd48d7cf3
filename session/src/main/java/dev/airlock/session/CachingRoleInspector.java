package dev.airlock.session;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.airlock.policy.PolicyKind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Remembers what IAM said about a role for a few minutes, in the data directory, so that a burst
 * of {@code airlock run}s does not read the role four calls deep every time. The role check only
 * warns, so a policy change showing up a few minutes late costs nothing but a late warning.
 */
public final class CachingRoleInspector implements RoleInspector {

    public static final Duration DEFAULT_TTL = Duration.ofMinutes(10);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RoleInspector source;
    private final Path dir;
    private final Duration ttl;
    private final Clock clock;

    public CachingRoleInspector(RoleInspector source, Path dataDir, Duration ttl, Clock clock) {
        this.source = source;
        this.dir = dataDir.resolve("roles");
        this.ttl = ttl;
        this.clock = clock;
    }

    @Override
    public RoleDetails inspect(String roleArn) {
        Path file = dir.resolve(key(roleArn) + ".json");
        Optional<RoleDetails> cached = read(file, roleArn);
        if (cached.isPresent()) {
            return cached.get();
        }
        RoleDetails fresh = source.inspect(roleArn);
        write(file, fresh);
        return fresh;
    }

    private Optional<RoleDetails> read(Path file, String roleArn) {
        try {
            if (!Files.isRegularFile(file)) {
                return Optional.empty();
            }
            JsonNode n = JSON.readTree(file.toFile());
            Instant fetched = Instant.parse(n.path("fetched").asText());
            if (!n.path("roleArn").asText().equals(roleArn) || fetched.plus(ttl).isBefore(clock.instant())) {
                return Optional.empty();
            }
            List<PolicyDocument> docs = new ArrayList<>();
            for (JsonNode d : n.path("policies")) {
                docs.add(new PolicyDocument(d.path("name").asText(), PolicyKind.IDENTITY, d.path("json").asText()));
            }
            Optional<PolicyDocument> boundary = n.hasNonNull("boundary")
                    ? Optional.of(new PolicyDocument(n.path("boundary").path("name").asText(), PolicyKind.PERMISSIONS_BOUNDARY,
                            n.path("boundary").path("json").asText()))
                    : Optional.empty();
            Optional<Duration> max = n.hasNonNull("maxSessionSeconds")
                    ? Optional.of(Duration.ofSeconds(n.path("maxSessionSeconds").asLong())) : Optional.empty();
            return Optional.of(new RoleDetails(roleArn, max, docs, boundary,
                    n.path("source").asText() + ", cached at " + fetched));
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // an unreadable cache entry is simply a miss
        }
    }

    private void write(Path file, RoleDetails d) {
        ObjectNode n = JSON.createObjectNode();
        n.put("roleArn", d.roleArn());
        n.put("fetched", clock.instant().toString());
        n.put("source", d.source());
        d.maxSessionDuration().ifPresent(m -> n.put("maxSessionSeconds", m.toSeconds()));
        ArrayNode policies = n.putArray("policies");
        d.documents().forEach(p -> policies.addObject().put("name", p.name()).put("json", p.json()));
        d.boundary().ifPresent(b -> n.putObject("boundary").put("name", b.name()).put("json", b.json()));
        try {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            Path tmp = Files.createTempFile(dir, "role", ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.write(tmp, n.toString().getBytes(StandardCharsets.UTF_8));
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            // a cache that cannot be written only costs the next run an IAM read
        }
    }

    private static String key(String roleArn) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(roleArn.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(h, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
