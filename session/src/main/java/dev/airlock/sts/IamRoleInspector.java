package dev.airlock.sts;

import dev.airlock.session.PolicyDocument;
import dev.airlock.policy.PolicyKind;
import dev.airlock.session.RoleDetails;
import dev.airlock.session.RoleInspectionException;
import dev.airlock.session.RoleInspector;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AttachedPolicy;
import software.amazon.awssdk.services.iam.model.Role;

/**
 * Reads a role's policies live from IAM ({@code iam:GetRole}, {@code ListRolePolicies},
 * {@code GetRolePolicy}, {@code ListAttachedRolePolicies}, {@code GetPolicy},
 * {@code GetPolicyVersion}) with the base credentials.
 */
public final class IamRoleInspector implements RoleInspector, AutoCloseable {

    private final IamClient iam;
    private final AwsClients clients;

    public IamRoleInspector(AwsClients clients) {
        this.clients = clients;
        var builder = IamClient.builder()
                .region(Region.AWS_GLOBAL)
                .credentialsProvider(clients.credentials())
                .httpClient(clients.http())
                .overrideConfiguration(clients::configure);
        clients.endpoint().ifPresent(builder::endpointOverride);
        this.iam = builder.build();
    }

    @Override
    public RoleDetails inspect(String roleArn) {
        String name = roleArn.substring(roleArn.lastIndexOf('/') + 1);
        try {
            Role role = iam.getRole(r -> r.roleName(name)).role();
            List<PolicyDocument> policies = new ArrayList<>();
            for (String policyName : iam.listRolePoliciesPaginator(r -> r.roleName(name)).policyNames()) {
                String doc = iam.getRolePolicy(r -> r.roleName(name).policyName(policyName)).policyDocument();
                policies.add(parse(policyName, PolicyKind.IDENTITY, doc));
            }
            for (AttachedPolicy attached : iam.listAttachedRolePoliciesPaginator(r -> r.roleName(name)).attachedPolicies()) {
                policies.add(parse(attached.policyName(), PolicyKind.IDENTITY, managed(attached.policyArn())));
            }
            Optional<PolicyDocument> boundary = Optional.ofNullable(role.permissionsBoundary())
                    .map(b -> parse(b.permissionsBoundaryArn(), PolicyKind.PERMISSIONS_BOUNDARY, managed(b.permissionsBoundaryArn())));
            Optional<Duration> max = Optional.ofNullable(role.maxSessionDuration()).map(Duration::ofSeconds);
            return new RoleDetails(roleArn, max, policies, boundary, "IAM");
        } catch (SdkClientException e) {
            throw new RoleInspectionException("cannot read role " + name + " from IAM: " + clients.describe("iam", e));
        } catch (AwsServiceException e) {
            // Without the request id, which differs on every call: the reason must compare equal
            // across runs for the notice to be said once.
            throw new RoleInspectionException("cannot read role " + name + " from IAM: "
                    + (e.awsErrorDetails() == null ? AwsClients.firstLine(e.getMessage())
                            : e.awsErrorDetails().errorCode() + ": " + e.awsErrorDetails().errorMessage()));
        } catch (SdkException e) {
            throw new RoleInspectionException("cannot read role " + name + " from IAM: "
                    + AwsClients.firstLine(e.getMessage()));
        }
    }

    private String managed(String policyArn) {
        String version = iam.getPolicy(r -> r.policyArn(policyArn)).policy().defaultVersionId();
        return iam.getPolicyVersion(r -> r.policyArn(policyArn).versionId(version)).policyVersion().document();
    }

    private static PolicyDocument parse(String name, PolicyKind kind, String urlEncoded) {
        PolicyDocument doc = new PolicyDocument(name, kind, URLDecoder.decode(urlEncoded, StandardCharsets.UTF_8));
        doc.parse();
        return doc;
    }

    @Override
    public void close() {
        iam.close();
    }
}
