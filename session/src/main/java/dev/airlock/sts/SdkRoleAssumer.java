package dev.airlock.sts;

import dev.airlock.session.AssumeRoleSpec;
import dev.airlock.session.AssumedRole;
import dev.airlock.session.RoleAssumer;
import dev.airlock.session.SessionCredentials;
import dev.airlock.session.StsException;
import dev.airlock.session.StsException.Kind;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.AssumeRoleRequest;
import software.amazon.awssdk.services.sts.model.AssumeRoleResponse;
import software.amazon.awssdk.services.sts.model.Tag;

/** {@link RoleAssumer} over the AWS SDK's STS client (Query protocol, SigV4 with the base credentials). */
public final class SdkRoleAssumer implements RoleAssumer, AutoCloseable {

    private final StsClient sts;
    private final AwsClients clients;

    public SdkRoleAssumer(AwsClients clients) {
        this.clients = clients;
        var builder = StsClient.builder()
                .region(clients.region())
                .credentialsProvider(clients.credentials())
                .httpClient(clients.http())
                .overrideConfiguration(clients::configure);
        clients.endpoint().ifPresent(builder::endpointOverride);
        this.sts = builder.build();
    }

    @Override
    public AssumedRole assume(AssumeRoleSpec spec) {
        AssumeRoleRequest.Builder request = AssumeRoleRequest.builder()
                .roleArn(spec.roleArn())
                .roleSessionName(spec.sessionName())
                .policy(spec.policyJson())
                .durationSeconds((int) spec.duration().toSeconds());
        spec.sourceIdentity().ifPresent(request::sourceIdentity);
        spec.externalId().ifPresent(request::externalId);
        spec.mfa().ifPresent(m -> request.serialNumber(m.serialNumber()).tokenCode(m.code()));
        if (!spec.tags().isEmpty()) {
            request.tags(spec.tagKeys().stream().map(k -> Tag.builder().key(k).value(spec.tags().get(k)).build()).toList());
        }
        try {
            AssumeRoleResponse response = sts.assumeRole(request.build());
            var c = response.credentials();
            return new AssumedRole(
                    new SessionCredentials(c.accessKeyId(), c.secretAccessKey(), c.sessionToken(), c.expiration()),
                    response.assumedRoleUser().arn(), response.assumedRoleUser().assumedRoleId(),
                    response.packedPolicySize() == null ? OptionalInt.empty() : OptionalInt.of(response.packedPolicySize()));
        } catch (software.amazon.awssdk.services.sts.model.StsException e) {
            throw fromAws(e.awsErrorDetails().errorCode(), e.awsErrorDetails().errorMessage());
        } catch (SdkClientException e) {
            throw fromClient(e);
        } catch (software.amazon.awssdk.awscore.exception.AwsServiceException e) {
            // Not STS's own error: the base credentials' source (the SSO portal) refused.
            throw clients.ssoLoginNeeded(e).orElseGet(() -> fromAws(String.valueOf(e.awsErrorDetails().errorCode()),
                    e.awsErrorDetails().errorMessage()));
        }
    }

    /**
     * GetSessionToken with an MFA code: credentials of the base identity itself that carry
     * {@code aws:MultiFactorAuthPresent}, so that roles requiring MFA can be assumed from them
     * without another code until they expire (how aws-vault caches an MFA login).
     *
     * @throws StsException MFA_FAILED for a wrong code; INVALID_REQUEST when the base credentials
     *     are temporary themselves (STS allows GetSessionToken only for long-term keys)
     */
    public SessionCredentials sessionToken(String serialNumber, String code, java.time.Duration duration) {
        try {
            var c = sts.getSessionToken(r -> r.serialNumber(serialNumber).tokenCode(code)
                    .durationSeconds((int) duration.toSeconds())).credentials();
            return new SessionCredentials(c.accessKeyId(), c.secretAccessKey(), c.sessionToken(), c.expiration());
        } catch (software.amazon.awssdk.services.sts.model.StsException e) {
            throw fromAws(e.awsErrorDetails().errorCode(), e.awsErrorDetails().errorMessage());
        } catch (SdkClientException e) {
            throw fromClient(e);
        } catch (software.amazon.awssdk.awscore.exception.AwsServiceException e) {
            throw clients.ssoLoginNeeded(e).orElseGet(() -> fromAws(String.valueOf(e.awsErrorDetails().errorCode()),
                    e.awsErrorDetails().errorMessage()));
        }
    }

    /** Maps an STS error response to the failure the CLI reports. */
    static StsException fromAws(String code, String message) {
        String text = message == null ? code : message;
        Kind kind = switch (code) {
            case "AccessDenied" -> text.toLowerCase(Locale.ROOT).contains("multifactorauthentication")
                    ? Kind.MFA_FAILED : Kind.ACCESS_DENIED;
            case "PackedPolicyTooLarge" -> Kind.POLICY_TOO_LARGE;
            case "ExpiredToken", "InvalidClientTokenId", "SignatureDoesNotMatch", "IncompleteSignature",
                    "MissingAuthenticationToken" -> Kind.NO_BASE_CREDENTIALS;
            case "ValidationError" -> text.contains("DurationSeconds exceeds") ? Kind.DURATION_TOO_LONG : Kind.INVALID_REQUEST;
            case "Throttling", "ServiceUnavailable", "InternalFailure" -> Kind.UNAVAILABLE;
            default -> Kind.INVALID_REQUEST;
        };
        return new StsException(kind, code, "STS " + code + ": " + text);
    }

    private StsException fromClient(SdkClientException e) {
        Optional<StsException> sso = clients.ssoLoginNeeded(e);
        if (sso.isPresent()) {
            return sso.get();
        }
        if (AwsClients.isMissingCredentials(e)) {
            return new StsException(Kind.NO_BASE_CREDENTIALS, "no base credentials", clients.noCredentials(), e);
        }
        return new StsException(Kind.UNAVAILABLE, "unreachable", "STS: " + clients.describe("sts", e), e);
    }

    @Override
    public void close() {
        sts.close();
    }
}
