package dev.airlock.broker;

import dev.airlock.broker.api.ApiProblem;
import dev.airlock.broker.auth.CanonicalRequest;
import dev.airlock.broker.http.Problem;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** The API's routes, read from the canonical target the signature covered. */
final class Routes {
    private Routes() {}

    private static final Pattern SESSION_ID = Pattern.compile("[0-9]{8}T[0-9]{6}-[0-9a-z]{8}");

    /** A route, named as rate limits and the audit name it. */
    enum Route {
        CREATE_SESSION("POST /v1/sessions"), LIST_SESSIONS("GET /v1/sessions"), SHOW_SESSION("GET /v1/sessions/{id}"),
        REVOKE_SESSION("DELETE /v1/sessions/{id}"), CHECK("POST /v1/check"), AUDIT("GET /v1/audit"),
        OPENAPI("GET /v1/openapi.json");

        private final String name;

        Route(String name) {
            this.name = name;
        }

        String method() {
            return name.substring(0, name.indexOf(' '));
        }

        String template() {
            return name.substring(name.indexOf(' ') + 1);
        }

        String value() {
            return name;
        }
    }

    static Route resolve(CanonicalRequest t) {
        String template = t.path().matches("/v1/sessions/[^/]+") ? "/v1/sessions/{id}" : t.path();
        Optional<Route> any = Optional.empty();
        for (Route r : Route.values()) {
            if (r.template().equals(template)) {
                any = Optional.of(r);
                if (r.method().equals(t.method())) {
                    params(r, t);
                    return r;
                }
            }
        }
        if (any.isPresent()) {
            throw new ApiProblem(Problem.of(405, "method-not-allowed", "Method not allowed",
                    t.method() + " is not a method of " + template));
        }
        throw new ApiProblem(Problem.of(404, "no-such-route", "No such route", t.path() + " is not part of the API "
                + "(see /v1/openapi.json)"));
    }

    private static void params(Route r, CanonicalRequest t) {
        Set<String> allowed = r == Route.AUDIT ? Set.of("session") : Set.of();
        if (!t.query().isEmpty()) {
            for (String pair : t.query().split("&")) {
                String name = pair.substring(0, pair.indexOf('='));
                if (!allowed.contains(name)) {
                    throw ApiProblem.invalid("unknown-parameter", "\"" + name + "\" is not a parameter of " + r.value());
                }
            }
        }
    }

    static Optional<String> sessionId(CanonicalRequest t) {
        String id = t.path().substring(t.path().lastIndexOf('/') + 1);
        if (!SESSION_ID.matcher(id).matches()) {
            throw ApiProblem.invalid("invalid-session-id", "\"" + id + "\" is not a session id (20261206T223000-ab12cd34)");
        }
        return Optional.of(id);
    }

    static byte[] openApi() {
        try (InputStream in = Routes.class.getResourceAsStream("/dev/airlock/broker/openapi.json")) {
            if (in == null) {
                throw new IllegalStateException("the OpenAPI document is missing from the build");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
