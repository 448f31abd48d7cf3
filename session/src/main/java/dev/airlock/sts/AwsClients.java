package dev.airlock.sts;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.util.Optional;
import dev.airlock.session.StaticCredentials;
import dev.airlock.session.StsException;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.RegionMetadata;

/**
 * Where the broker's own (base) credentials come from and which endpoint it talks to. The base
 * credentials are used only inside this process to call STS and IAM; they never reach a child.
 * One provider serves every client built from this value, so a source that costs a call (SSO's
 * GetRoleCredentials, a credential_process) is asked once per session, not once per client.
 */
public final class AwsClients {

    private final Optional<String> sourceProfile;
    private final Region region;
    private final Optional<URI> endpoint;
    private final Timeouts timeouts;
    private volatile AwsCredentialsProvider provider;

    /**
     * @param sourceProfile a named profile of ~/.aws, or empty for the standard AWS chain
     * @param endpoint an endpoint override (VPC endpoint, FIPS, or a local test double)
     * @param timeouts how long a call may take, so that an unreachable endpoint fails fast
     */
    public AwsClients(Optional<String> sourceProfile, Region region, Optional<URI> endpoint, Timeouts timeouts) {
        this.sourceProfile = java.util.Objects.requireNonNull(sourceProfile, "sourceProfile");
        this.region = java.util.Objects.requireNonNull(region, "region");
        this.endpoint = java.util.Objects.requireNonNull(endpoint, "endpoint");
        this.timeouts = java.util.Objects.requireNonNull(timeouts, "timeouts");
    }

    public AwsClients(Optional<String> sourceProfile, Region region, Optional<URI> endpoint) {
        this(sourceProfile, region, endpoint, Timeouts.DEFAULT);
    }

    /** The same base credentials (and provider) for another endpoint. */
    public AwsClients withEndpoint(Optional<URI> other) {
        AwsClients c = new AwsClients(sourceProfile, region, other, timeouts);
        c.provider = credentials();
        return c;
    }

    /**
     * The same endpoint and region, with {@code base} as the base credentials (an MFA session's)
     * instead of the profile's or the chain's.
     */
    public AwsClients withCredentials(dev.airlock.session.SessionCredentials base) {
        AwsClients c = new AwsClients(sourceProfile, region, endpoint, timeouts);
        c.provider = software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                AwsSessionCredentials.create(base.accessKeyId(), base.secretAccessKey(), base.sessionToken()));
        return c;
    }

    public Optional<String> sourceProfile() {
        return sourceProfile;
    }

    public Region region() {
        return region;
    }

    public Optional<URI> endpoint() {
        return endpoint;
    }

    public Timeouts timeouts() {
        return timeouts;
    }

    synchronized AwsCredentialsProvider credentials() {
        if (provider == null) {
            provider = sourceProfile.<AwsCredentialsProvider>map(p -> ProfileCredentialsProvider.builder().profileName(p).build())
                    .orElseGet(() -> DefaultCredentialsProvider.builder().build());
        }
        return provider;
    }

    /** Releases the provider's own clients (SSO's, STS's for a role profile), when it has any. */
    public void close() {
        if (provider instanceof software.amazon.awssdk.utils.SdkAutoCloseable c) {
            c.close();
        }
    }

    /**
     * The broker's own credentials, for an S3-compatible upstream that has no STS.
     *
     * @throws StsException NO_BASE_CREDENTIALS when the chain or profile yields none
     */
    public StaticCredentials resolveBase() {
        try {
            AwsCredentials c = credentials().resolveCredentials();
            Optional<String> token = c instanceof AwsSessionCredentials s ? Optional.of(s.sessionToken()) : Optional.empty();
            return new StaticCredentials(c.accessKeyId(), c.secretAccessKey(), token);
        } catch (SdkClientException | software.amazon.awssdk.awscore.exception.AwsServiceException e) {
            throw ssoLoginNeeded(e).orElseGet(() -> new StsException(StsException.Kind.NO_BASE_CREDENTIALS,
                    "no base credentials", noCredentials(), e));
        }
    }

    SdkHttpClient http() {
        return UrlConnectionHttpClient.builder()
                .connectionTimeout(timeouts.connect())
                .socketTimeout(timeouts.read())
                .build();
    }

    /** Standard retries, all of them inside the call's budget. */
    void configure(ClientOverrideConfiguration.Builder o) {
        o.retryStrategy(RetryMode.STANDARD)
                .apiCallTimeout(timeouts.total())
                .apiCallAttemptTimeout(timeouts.total());
    }

    /** The host a service's calls go to, for messages: the override, else the regional endpoint. */
    String host(String service) {
        // The SDK also honours the AWS_ENDPOINT_URL variables; so must the message.
        Optional<URI> used = endpoint.or(() -> Optional.ofNullable(System.getenv("AWS_ENDPOINT_URL_" + service.toUpperCase(java.util.Locale.ROOT)))
                .or(() -> Optional.ofNullable(System.getenv("AWS_ENDPOINT_URL"))).flatMap(AwsClients::uri));
        return used.map(u -> u.getHost() + (u.getPort() < 0 ? "" : ":" + u.getPort()))
                .orElseGet(() -> service + "." + (service.equals("iam") ? "" : region.id() + ".")
                        + Optional.ofNullable(region.metadata()).map(RegionMetadata::domain).orElse("amazonaws.com"));
    }

    /**
     * One line saying why a call to {@code service} failed on this side of the wire: no
     * credentials (and what was tried), a name that does not resolve, a refused connection, or no
     * answer within the budget. Never the SDK's multi-line provider-chain dump.
     */
    String describe(String service, SdkClientException e) {
        String host = host(service);
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof UnknownHostException) {
                return "cannot resolve " + host.replaceFirst(":\\d+$", "");
            }
            if (t instanceof ConnectException) {
                return "cannot connect to " + host + " (connection refused)";
            }
            if (t instanceof ApiCallTimeoutException || t instanceof ApiCallAttemptTimeoutException
                    || t instanceof SocketTimeoutException || t instanceof HttpTimeoutException) {
                return host + " did not answer within " + timeouts.total().toSeconds()
                        + " s (AIRLOCK_CONNECT_TIMEOUT + AIRLOCK_READ_TIMEOUT)";
            }
        }
        if (isMissingCredentials(e)) {
            return noCredentials();
        }
        return "cannot reach " + host + ": " + firstLine(e.getMessage());
    }

    /**
     * When the base credentials come from an IAM Identity Center (SSO) profile and that failed:
     * no cached token (never logged in), an expired one, or the portal refusing it. The SDK says
     * so in its exceptions' prose, or with the portal's own error types.
     */
    Optional<StsException> ssoLoginNeeded(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = String.valueOf(t.getMessage());
            if (t instanceof software.amazon.awssdk.services.sso.model.SsoException
                    || t instanceof software.amazon.awssdk.services.ssooidc.model.SsoOidcException
                    || m.contains("SSO token") || m.contains("SSO session")) {
                String profile = sourceProfile.orElseGet(() -> Optional.ofNullable(System.getenv("AWS_PROFILE"))
                        .orElse("default"));
                return Optional.of(new StsException(StsException.Kind.SSO_LOGIN_NEEDED, "sso",
                        "no credentials for the broker: the IAM Identity Center (SSO) login of AWS profile '" + profile
                                + "' is missing, expired or refused (" + firstLine(m).replaceFirst("\\s*\\(Service:.*", "")
                                + "); run: aws sso login --profile " + profile, e));
            }
        }
        return Optional.empty();
    }

    /** The SDK says so only in prose; its provider chains all start their failure this way. */
    static boolean isMissingCredentials(SdkClientException e) {
        String m = String.valueOf(e.getMessage());
        return m.startsWith("Unable to load credentials") || m.contains("contained no credentials")
                || m.contains("Profile file contained") || m.contains("does not exist in the profile file")
                || m.contains("No profile") || m.contains("not found in the profile file");
    }

    /** What was tried, in the order the SDK tries it. */
    String noCredentials() {
        if (sourceProfile.isPresent()) {
            return "no credentials for the broker: AWS profile '" + sourceProfile.get()
                    + "' (in ~/.aws/config or ~/.aws/credentials) has none or does not exist";
        }
        String profile = Optional.ofNullable(System.getenv("AWS_PROFILE")).orElse("default");
        return "no credentials for the broker: tried the environment (AWS_ACCESS_KEY_ID), web identity, "
                + "AWS profile '" + profile + "', container and instance metadata";
    }

    private static Optional<URI> uri(String text) {
        try {
            return Optional.of(URI.create(text.strip()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    static String firstLine(String text) {
        String t = String.valueOf(text);
        int nl = t.indexOf('\n');
        return nl < 0 ? t : t.substring(0, nl);
    }
}
