package dev.airlock.session;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.airlock.policy.PolicyKind;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads a role from the output of {@code aws iam get-account-authorization-details} (the same
 * snapshot Airlock's offline analysis uses), so the role check works without IAM read access.
 */
public final class SnapshotRoleInspector implements RoleInspector {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path file;

    public SnapshotRoleInspector(Path file) {
        this.file = file;
    }

    @Override
    public RoleDetails inspect(String roleArn) {
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new RoleInspectionException("cannot read role snapshot " + file + ": " + e.getMessage());
        }
        for (JsonNode role : root.path("RoleDetailList")) {
            if (role.path("Arn").asText().equals(roleArn)) {
                return details(root, role, roleArn);
            }
        }
        throw new RoleInspectionException("role " + roleArn + " is not in snapshot " + file);
    }

    private RoleDetails details(JsonNode root, JsonNode role, String roleArn) {
        List<PolicyDocument> policies = new ArrayList<>();
        for (JsonNode inline : role.path("RolePolicyList")) {
            policies.add(parse(inline.path("PolicyName").asText("inline"), PolicyKind.IDENTITY, inline.path("PolicyDocument")));
        }
        for (JsonNode attached : role.path("AttachedManagedPolicies")) {
            String arn = attached.path("PolicyArn").asText();
            policies.add(parse(attached.path("PolicyName").asText(arn), PolicyKind.IDENTITY, managedDocument(root, arn)));
        }
        Optional<PolicyDocument> boundary = Optional.empty();
        String boundaryArn = role.path("PermissionsBoundary").path("PermissionsBoundaryArn").asText("");
        if (!boundaryArn.isEmpty()) {
            boundary = Optional.of(parse(boundaryArn, PolicyKind.PERMISSIONS_BOUNDARY, managedDocument(root, boundaryArn)));
        }
        Optional<Duration> max = role.has("MaxSessionDuration")
                ? Optional.of(Duration.ofSeconds(role.path("MaxSessionDuration").asLong())) : Optional.empty();
        return new RoleDetails(roleArn, max, policies, boundary, file.toString());
    }

    private JsonNode managedDocument(JsonNode root, String policyArn) {
        for (JsonNode policy : root.path("Policies")) {
            if (policy.path("Arn").asText().equals(policyArn)) {
                for (JsonNode version : policy.path("PolicyVersionList")) {
                    if (version.path("IsDefaultVersion").asBoolean(false)) {
                        return version.path("Document");
                    }
                }
            }
        }
        throw new RoleInspectionException("managed policy " + policyArn + " is not in snapshot " + file);
    }

    private PolicyDocument parse(String name, PolicyKind kind, JsonNode document) {
        // IAM returns documents URL-encoded; the CLI decodes them into objects. Accept both.
        String text = document.isTextual()
                ? URLDecoder.decode(document.asText(), StandardCharsets.UTF_8) : document.toString();
        PolicyDocument doc = new PolicyDocument(name, kind, text);
        doc.parse();
        return doc;
    }
}
