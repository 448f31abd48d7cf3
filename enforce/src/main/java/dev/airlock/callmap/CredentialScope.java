package dev.airlock.callmap;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The SigV4 credential scope of a request ({@code AKID/yyyymmdd/region/service/aws4_request}),
 * read from the {@code Authorization} header or, for a presigned URL, the {@code X-Amz-Credential}
 * query parameter. The endpoint has verified the signature before mapping, so the scope is
 * authentic: it names the Region and the signing service the call is for.
 *
 * @param presigned whether the signature is in the query string (S3 calls this
 *     {@code REST-QUERY-STRING}) rather than the {@code Authorization} header
 * @param signedAt the request's {@code X-Amz-Date} (header or query), when present
 */
public record CredentialScope(String algorithm, String accessKeyId, String date, String region, String service,
        boolean presigned, Optional<Instant> signedAt) {

    static final String SIGV4 = "AWS4-HMAC-SHA256";

    private static final Pattern HEADER_CREDENTIAL = Pattern.compile("(?:^|[\\s,])Credential=([^,\\s]+)");
    private static final Pattern SCOPE = Pattern.compile(
            "([^/]+)/(\\d{8})/([a-z0-9-]+)/([A-Za-z0-9._-]+)/aws4_request");
    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT);

    /** The scope of {@code request}, or why it has none this mapper accepts. */
    static CredentialScope of(HttpRequestView request) throws Unmappable {
        Optional<String> authorization = request.header("Authorization");
        Params query = Params.query(request.rawQuery());
        Optional<String> queryCredential = query.get("X-Amz-Credential");
        if (authorization.isPresent() && queryCredential.isPresent()) {
            throw new Unmappable("the request is signed both in the Authorization header and in the query");
        }
        String algorithm;
        String credential;
        boolean presigned;
        Optional<String> amzDate;
        if (authorization.isPresent()) {
            String value = authorization.get().trim();
            int space = value.indexOf(' ');
            algorithm = space < 0 ? value : value.substring(0, space);
            if (!algorithm.equals(SIGV4)) {
                throw new Unmappable("signature algorithm " + algorithm + " is not supported (only " + SIGV4 + ")");
            }
            Matcher m = HEADER_CREDENTIAL.matcher(space < 0 ? "" : value.substring(space));
            if (!m.find()) {
                throw new Unmappable("the Authorization header has no Credential");
            }
            credential = m.group(1);
            if (m.find()) {
                throw new Unmappable("the Authorization header has more than one Credential");
            }
            presigned = false;
            amzDate = request.header("X-Amz-Date");
        } else if (queryCredential.isPresent()) {
            algorithm = query.get("X-Amz-Algorithm").orElse("");
            credential = queryCredential.get();
            presigned = true;
            amzDate = query.get("X-Amz-Date");
        } else {
            throw new Unmappable("the request is not signed with SigV4");
        }
        if (!algorithm.equals(SIGV4)) {
            throw new Unmappable("signature algorithm " + algorithm + " is not supported (only " + SIGV4 + ")");
        }
        Matcher scope = SCOPE.matcher(credential);
        if (!scope.matches()) {
            throw new Unmappable("malformed credential scope " + credential);
        }
        Optional<Instant> signedAt = Optional.empty();
        if (amzDate.isPresent()) {
            try {
                signedAt = Optional.of(LocalDateTime.parse(amzDate.get(), AMZ_DATE).toInstant(ZoneOffset.UTC));
            } catch (DateTimeParseException e) {
                throw new Unmappable("malformed X-Amz-Date " + amzDate.get());
            }
        }
        return new CredentialScope(algorithm, scope.group(1), scope.group(2), scope.group(3), scope.group(4),
                presigned, signedAt);
    }
}
