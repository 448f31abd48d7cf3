package dev.airlock.sigv4;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/** Reads the SigV4 parameters from the Authorization header or from presigned query parameters. */
final class AuthParser {

    private static final String CREDENTIAL_SHAPE =
            "the Credential is mal-formed; expecting \"<YOUR-AKID>/YYYYMMDD/REGION/SERVICE/aws4_request\".";
    private static final String QUERY_REQUIRED = "Query-string authentication version 4 requires the X-Amz-Algorithm, "
            + "X-Amz-Credential, X-Amz-Signature, X-Amz-Date, X-Amz-SignedHeaders, and X-Amz-Expires parameters.";
    private static final String HOST_REQUIRED = "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.";

    private AuthParser() {
    }

    static ParsedAuth parse(RequestView request, Query query) {
        List<String> authorization = request.headers().all(SigV4.AUTHORIZATION);
        boolean queryAuth = query.has(SigV4.Q_ALGORITHM) || query.has(SigV4.Q_SIGNATURE) || query.has(SigV4.Q_CREDENTIAL);
        if (!authorization.isEmpty() && queryAuth) {
            throw new Reject(RefusalReason.AMBIGUOUS_AUTHENTICATION, "Only one auth mechanism allowed");
        }
        if (!authorization.isEmpty()) {
            if (authorization.size() > 1) {
                throw new Reject(RefusalReason.MALFORMED_AUTHORIZATION, "More than one Authorization header.");
            }
            return parseHeader(request, authorization.get(0));
        }
        if (queryAuth) {
            return parseQuery(query);
        }
        throw new Reject(RefusalReason.MISSING_AUTHENTICATION, "Request is missing Authentication Token");
    }

    /** The service named by the credential scope, read without validating anything else; empty if unreadable. */
    static Optional<String> peekService(RequestView request, Query query) {
        Optional<String> credential = request.headers().first(SigV4.AUTHORIZATION)
                .map(value -> component(value, "Credential="));
        if (credential.isEmpty()) {
            List<String> values = query.values(SigV4.Q_CREDENTIAL);
            credential = values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
        }
        return credential.flatMap(AuthParser::serviceOf);
    }

    private static String component(String authorization, String key) {
        int at = authorization.indexOf(key);
        if (at < 0) {
            return "";
        }
        int end = authorization.indexOf(',', at);
        return authorization.substring(at + key.length(), end < 0 ? authorization.length() : end).trim();
    }

    // ---- Authorization header ------------------------------------------------------------------------------

    private static ParsedAuth parseHeader(RequestView request, String value) {
        int space = value.indexOf(' ');
        String algorithm = space < 0 ? value : value.substring(0, space);
        if (!algorithm.equals(SigV4.ALGORITHM)) {
            throw new Reject(RefusalReason.MALFORMED_AUTHORIZATION,
                    "Unsupported Authorization Type: only " + SigV4.ALGORITHM + " is accepted");
        }
        String credential = "";
        String signedHeaders = "";
        String signature = "";
        int start = space + 1;
        while (start < value.length()) {
            int comma = value.indexOf(',', start);
            int end = comma < 0 ? value.length() : comma;
            String part = value.substring(start, end).trim();
            if (part.startsWith("Credential=")) {
                credential = once(credential, part.substring("Credential=".length()), "Credential", value);
            } else if (part.startsWith("SignedHeaders=")) {
                signedHeaders = once(signedHeaders, part.substring("SignedHeaders=".length()), "SignedHeaders",
                        value);
            } else if (part.startsWith("Signature=")) {
                signature = once(signature, part.substring("Signature=".length()), "Signature", value);
            }
            start = end + 1;
        }
        requireHeaderParts(value, credential, signedHeaders, signature, serviceOf(credential));
        CredentialParts parts = credential(credential, RefusalReason.MALFORMED_AUTHORIZATION,
                "The authorization header is malformed; ");
        Optional<String> service = Optional.of(parts.scope.service());
        String amzDate = headerDate(request, service);
        checkScopeDate(parts.scope, amzDate, RefusalReason.MALFORMED_AUTHORIZATION, service);
        List<String> names = signedNames(signedHeaders, RefusalReason.MALFORMED_AUTHORIZATION, service);
        return new ParsedAuth(AuthForm.HEADER, parts.accessKeyId, parts.scope, amzDate, instant(amzDate), names,
                signedHeaders, signature, request.headers().first(SigV4.X_AMZ_SECURITY_TOKEN), OptionalLong.empty());
    }

    /** A component given twice could be read as either by another parser (the scope's region and service). */
    private static String once(String seen, String value, String name, String authorization) {
        if (!seen.isEmpty()) {
            throw new Reject(RefusalReason.MALFORMED_AUTHORIZATION, "The authorization header is malformed; '"
                    + name + "' is given more than once. Authorization=" + authorization);
        }
        return value;
    }

    private static Optional<String> serviceOf(String credential) {
        String[] parts = splitCredential(credential);
        return parts.length == 5 && !parts[3].isEmpty() ? Optional.of(parts[3]) : Optional.empty();
    }

    private static void requireHeaderParts(String value, String credential, String signedHeaders, String signature,
            Optional<String> service) {
        StringBuilder missing = new StringBuilder();
        if (credential.isEmpty()) {
            missing.append("Authorization header requires 'Credential' parameter. ");
        }
        if (signature.isEmpty()) {
            missing.append("Authorization header requires 'Signature' parameter. ");
        }
        if (signedHeaders.isEmpty()) {
            missing.append("Authorization header requires 'SignedHeaders' parameter. ");
        }
        if (missing.length() > 0) {
            throw new Reject(RefusalReason.MALFORMED_AUTHORIZATION, missing + "Authorization=" + value, service);
        }
    }

    private static String headerDate(RequestView request, Optional<String> service) {
        Optional<String> amzDate = request.headers().first(SigV4.X_AMZ_DATE);
        if (amzDate.isPresent()) {
            String date = amzDate.get().trim();
            if (AmzDates.parse(date).isEmpty()) {
                throw new Reject(RefusalReason.MALFORMED_AUTHORIZATION,
                        "Date must be in ISO-8601 'basic format'. Got '" + date + "'.", service);
            }
            return date;
        }
        Optional<Instant> httpDate = request.headers().first(SigV4.DATE).flatMap(AmzDates::parseHttpDate);
        if (httpDate.isEmpty()) {
            throw new Reject(RefusalReason.MALFORMED_AUTHORIZATION,
                    "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.", service);
        }
        return AmzDates.format(httpDate.get());
    }

    // ---- presigned query -----------------------------------------------------------------------------------

    private static ParsedAuth parseQuery(Query query) {
        RefusalReason malformed = RefusalReason.MALFORMED_PRESIGNED_QUERY;
        String algorithm = single(query, SigV4.Q_ALGORITHM, Optional.empty());
        String credential = single(query, SigV4.Q_CREDENTIAL, Optional.empty());
        if (algorithm.isEmpty() || credential.isEmpty()) {
            throw new Reject(malformed, QUERY_REQUIRED);
        }
        if (!algorithm.equals(SigV4.ALGORITHM)) {
            throw new Reject(malformed, "X-Amz-Algorithm only supports \"" + SigV4.ALGORITHM + "\"");
        }
        CredentialParts parts = credential(credential, malformed, "Error parsing the X-Amz-Credential parameter; ");
        Optional<String> service = Optional.of(parts.scope.service());
        String amzDate = single(query, SigV4.Q_DATE, service);
        String signedHeaders = single(query, SigV4.Q_SIGNED_HEADERS, service);
        String signature = single(query, SigV4.Q_SIGNATURE, service);
        String expires = single(query, SigV4.Q_EXPIRES, service);
        boolean expiresRequired = SigV4.isS3Style(parts.scope.service());
        if (amzDate.isEmpty() || signedHeaders.isEmpty() || signature.isEmpty() || (expiresRequired && expires.isEmpty())) {
            throw new Reject(malformed, QUERY_REQUIRED, service);
        }
        if (AmzDates.parse(amzDate).isEmpty()) {
            throw new Reject(malformed, "X-Amz-Date must be in the ISO8601 Long Format \"yyyyMMdd'T'HHmmss'Z'\"", service);
        }
        checkScopeDate(parts.scope, amzDate, malformed, service);
        List<String> names = signedNames(signedHeaders, malformed, service);
        List<String> tokens = query.values(SigV4.Q_SECURITY_TOKEN);
        return new ParsedAuth(AuthForm.QUERY, parts.accessKeyId, parts.scope, amzDate, instant(amzDate), names,
                signedHeaders, signature, tokens.isEmpty() ? Optional.empty() : Optional.of(tokens.get(0)),
                expires(expires, service));
    }

    private static String single(Query query, String name, Optional<String> service) {
        List<String> values = query.values(name);
        if (values.size() > 1) {
            throw new Reject(RefusalReason.MALFORMED_PRESIGNED_QUERY, name + " appears more than once", service);
        }
        return values.isEmpty() ? "" : values.get(0);
    }

    private static OptionalLong expires(String expires, Optional<String> service) {
        if (expires.isEmpty()) {
            return OptionalLong.empty();
        }
        long seconds;
        try {
            seconds = Long.parseLong(expires);
        } catch (NumberFormatException e) {
            throw new Reject(RefusalReason.MALFORMED_PRESIGNED_QUERY, "X-Amz-Expires should be a number", service);
        }
        if (seconds < 0) {
            throw new Reject(RefusalReason.MALFORMED_PRESIGNED_QUERY, "X-Amz-Expires must be non-negative", service);
        }
        if (seconds > SigV4.MAX_PRESIGNED_EXPIRES_SECONDS) {
            throw new Reject(RefusalReason.MALFORMED_PRESIGNED_QUERY, "X-Amz-Expires must be less than a week (in "
                    + "seconds) that is, the given X-Amz-Expires must be less than 604800 seconds", service);
        }
        return OptionalLong.of(seconds);
    }

    // ---- shared ----------------------------------------------------------------------------------------

    private record CredentialParts(String accessKeyId, CredentialScope scope) {
    }

    private static CredentialParts credential(String credential, RefusalReason malformed, String prefix) {
        String[] parts = splitCredential(credential);
        if (parts.length != 5 || parts[0].isEmpty() || parts[2].isEmpty() || parts[3].isEmpty()
                || !isDigits(parts[1], 8)) {
            throw new Reject(malformed, prefix + CREDENTIAL_SHAPE);
        }
        Optional<String> service = Optional.of(parts[3]);
        if (!parts[4].equals(SigV4.TERMINATOR)) {
            throw new Reject(malformed, prefix + "Credential should be scoped with a valid terminator: 'aws4_request', not '"
                    + parts[4] + "'.", service);
        }
        return new CredentialParts(parts[0], new CredentialScope(parts[1], parts[2], parts[3]));
    }

    private static String[] splitCredential(String credential) {
        String[] parts = new String[5];
        int count = 0;
        int start = 0;
        while (count < 5) {
            int slash = credential.indexOf('/', start);
            if (slash < 0) {
                parts[count++] = credential.substring(start);
                break;
            }
            if (count == 4) {
                return new String[0];
            }
            parts[count++] = credential.substring(start, slash);
            start = slash + 1;
        }
        return count == 5 ? parts : new String[0];
    }

    private static boolean isDigits(String s, int length) {
        if (s.length() != length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    private static void checkScopeDate(CredentialScope scope, String amzDate, RefusalReason malformed,
            Optional<String> service) {
        if (!amzDate.startsWith(scope.date())) {
            throw new Reject(malformed, "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date "
                    + "from HTTP: '" + scope.date() + "' != '" + amzDate.substring(0, 8) + "', from '" + amzDate + "'.",
                    service);
        }
    }

    private static List<String> signedNames(String line, RefusalReason malformed, Optional<String> service) {
        List<String> names = new ArrayList<>(8);
        int start = 0;
        boolean host = false;
        while (start <= line.length()) {
            int semi = line.indexOf(';', start);
            int end = semi < 0 ? line.length() : semi;
            if (end == start) {
                throw new Reject(malformed, "SignedHeaders contains an empty header name: '" + line + "'", service);
            }
            String name = line.substring(start, end);
            host |= name.equalsIgnoreCase(SigV4.HOST) || name.equals(":authority");
            names.add(name);
            start = end + 1;
        }
        if (!host) {
            throw new Reject(malformed, HOST_REQUIRED, service);
        }
        return names;
    }

    private static Instant instant(String amzDate) {
        return AmzDates.parse(amzDate).orElseThrow();
    }
}
