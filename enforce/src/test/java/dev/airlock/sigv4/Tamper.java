package dev.airlock.sigv4;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

/** Single-element changes to a signed request, each of which must break its signature. */
final class Tamper {

    /** Headers whose change is refused for another reason than the signature (checked elsewhere). */
    private static final Set<String> NOT_BY_SIGNATURE = Set.of("x-amz-date", "x-amz-content-sha256",
            "x-amz-security-token", "authorization");
    private static final Set<String> AUTH_PARAMS = Set.of("X-Amz-Algorithm", "X-Amz-Credential", "X-Amz-Date",
            "X-Amz-SignedHeaders", "X-Amz-Signature", "X-Amz-Security-Token");

    private Tamper() {
    }

    static Optional<RequestView> headerValue(RequestView view, Random random) {
        List<String> candidates = new ArrayList<>();
        for (String name : signedHeaders(view)) {
            if (!NOT_BY_SIGNATURE.contains(name) && view.headers().contains(name)) {
                candidates.add(name);
            }
        }
        if (candidates.isEmpty()) {
            return Optional.empty();
        }
        String name = candidates.get(random.nextInt(candidates.size()));
        String value = view.headers().all(name).get(0);
        return Optional.of(view.withHeaders(view.headers().with(name, value + "x")));
    }

    static Optional<RequestView> queryValue(RequestView view, Random random) {
        String query = view.rawQuery();
        if (query.isEmpty()) {
            return Optional.empty();
        }
        String[] params = query.split("&", -1);
        List<Integer> candidates = new ArrayList<>();
        for (int i = 0; i < params.length; i++) {
            String name = params[i].contains("=") ? params[i].substring(0, params[i].indexOf('=')) : params[i];
            if (!AUTH_PARAMS.contains(name) && !name.isEmpty()) {
                candidates.add(i);
            }
        }
        if (candidates.isEmpty()) {
            return Optional.empty();
        }
        int at = candidates.get(random.nextInt(candidates.size()));
        if (params[at].startsWith("X-Amz-Expires=")) {
            long expires = Long.parseLong(params[at].substring("X-Amz-Expires=".length()));
            if (expires <= 1) {
                return Optional.empty();
            }
            params[at] = "X-Amz-Expires=" + (expires - 1);
        } else {
            params[at] = params[at].contains("=") ? params[at] + "v" : params[at] + "=v";
        }
        return Optional.of(new RequestView(view.method(), view.rawPath(), String.join("&", params), view.headers()));
    }

    static String path(String rawPath) {
        return rawPath.isEmpty() || rawPath.equals("/") ? "/x" : rawPath + "x";
    }

    static Optional<RequestView> date(RequestView view) {
        Optional<String> header = view.headers().first("x-amz-date");
        if (header.isPresent()) {
            return Optional.of(view.withHeaders(view.headers().with("x-amz-date", shift(header.get()))));
        }
        String query = view.rawQuery();
        int at = query.indexOf("X-Amz-Date=");
        if (at < 0) {
            return Optional.empty();
        }
        int start = at + "X-Amz-Date=".length();
        String date = query.substring(start, start + 16);
        return Optional.of(new RequestView(view.method(), view.rawPath(),
                query.substring(0, start) + shift(date) + query.substring(start + 16), view.headers()));
    }

    /** One second later, or earlier when that would change the day. */
    private static String shift(String amzDate) {
        Instant t = AmzDates.parse(amzDate).orElseThrow();
        String later = AmzDates.format(t.plusSeconds(1));
        return later.startsWith(amzDate.substring(0, 8)) ? later : AmzDates.format(t.minusSeconds(1));
    }

    private static List<String> signedHeaders(RequestView view) {
        Optional<String> authorization = view.headers().first("authorization");
        String line;
        if (authorization.isPresent()) {
            String value = authorization.get();
            int at = value.indexOf("SignedHeaders=") + "SignedHeaders=".length();
            line = value.substring(at, value.indexOf(',', at));
        } else {
            line = Query.parse(view.rawQuery()).values("X-Amz-SignedHeaders").get(0);
        }
        return List.of(line.split(";"));
    }
}
