package dev.airlock.sigv4;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs outgoing requests (Authorization header form) as the AWS SDKs do. Thread-safe.
 *
 * <p>Signed headers: every header of the request except those the SDKs never sign ({@code connection},
 * {@code expect}, {@code user-agent}, {@code x-amzn-trace-id}) and any stale {@code authorization}, plus
 * {@code x-amz-date}, {@code x-amz-content-sha256} and, for session credentials, {@code x-amz-security-token},
 * whose incoming values (if any) are replaced. The request must carry a {@code host} header.
 */
public final class SigV4Signer {

    private static final String[] OWN = {SigV4.X_AMZ_CONTENT_SHA256, SigV4.X_AMZ_DATE, SigV4.X_AMZ_SECURITY_TOKEN};

    private final SigningKeyCache keys;

    public SigV4Signer(SigningKeyCache keys) {
        this.keys = keys;
    }

    public SigningResult sign(RequestView request, AwsCredentials credentials, SigningTarget target, Instant time,
            PayloadHash payloadHash) {
        if (!request.headers().contains(SigV4.HOST)) {
            throw new IllegalArgumentException("the request to sign has no host header");
        }
        String amzDate = AmzDates.format(time);
        CredentialScope scope = new CredentialScope(amzDate.substring(0, 8), target.region(), target.service());
        String[] own = {payloadHash.value(), amzDate, credentials.sessionToken().orElse("")};
        StringBuilder signedNames = new StringBuilder(128);
        StringBuilder canonical = new StringBuilder(512);
        boolean s3Style = SigV4.isS3Style(target.service());
        canonical.append(request.method()).append('\n')
                .append(Canonical.uri(request.rawPath(), s3Style)).append('\n')
                .append(Query.parse(request.rawQuery()).canonical(false)).append('\n');
        appendHeaders(canonical, signedNames, request.headers(), own);
        canonical.append('\n').append(signedNames).append('\n').append(payloadHash.value());

        SecretKeySpec key = keys.signingKey(credentials.secretAccessKey(), scope);
        String stringToSign = Canonical.stringToSign(amzDate, scope, canonical.toString());
        String signature = Hex.encode(Crypto.hmac(key, stringToSign.getBytes(StandardCharsets.UTF_8)));
        String authorization = SigV4.ALGORITHM + " Credential=" + credentials.accessKeyId() + '/' + scope.value()
                + ", SignedHeaders=" + signedNames + ", Signature=" + signature;
        return new SigningResult(authorization, amzDate, payloadHash.value(), credentials.sessionToken(), signature);
    }

    /** Merges the request's headers (sorted) with the signer's own (sorted), skipping replaced and unsignable ones. */
    private static void appendHeaders(StringBuilder canonical, StringBuilder signedNames, Headers headers, String[] own) {
        int next = 0;
        for (Map.Entry<String, List<String>> header : headers.asMap().entrySet()) {
            String name = header.getKey();
            while (next < OWN.length && OWN[next].compareTo(name) < 0) {
                next = appendOwn(canonical, signedNames, own, next);
            }
            if (next < OWN.length && OWN[next].equals(name)) {
                next = appendOwn(canonical, signedNames, own, next);
                continue;
            }
            if (isReplaced(name) || SigV4.NEVER_SIGNED.contains(name)) {
                continue;
            }
            append(canonical, signedNames, name);
            Canonical.appendValues(canonical, header.getValue());
            canonical.append('\n');
        }
        while (next < OWN.length) {
            next = appendOwn(canonical, signedNames, own, next);
        }
    }

    private static boolean isReplaced(String name) {
        return name.equals(SigV4.X_AMZ_CONTENT_SHA256) || name.equals(SigV4.X_AMZ_DATE)
                || name.equals(SigV4.X_AMZ_SECURITY_TOKEN);
    }

    private static int appendOwn(StringBuilder canonical, StringBuilder signedNames, String[] own, int index) {
        if (!own[index].isEmpty()) {
            append(canonical, signedNames, OWN[index]);
            canonical.append(own[index]).append('\n');
        }
        return index + 1;
    }

    private static void append(StringBuilder canonical, StringBuilder signedNames, String name) {
        if (signedNames.length() > 0) {
            signedNames.append(';');
        }
        signedNames.append(name);
        canonical.append(name).append(':');
    }

}
