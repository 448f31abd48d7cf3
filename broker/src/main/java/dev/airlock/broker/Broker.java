package dev.airlock.broker;

import dev.airlock.audit.AuditLog;
import dev.airlock.broker.api.ApiJson;
import dev.airlock.broker.api.ApiProblem;
import dev.airlock.broker.api.CheckQuery;
import dev.airlock.broker.api.SessionCreate;
import dev.airlock.broker.auth.AuthenticationException;
import dev.airlock.broker.auth.ClientId;
import dev.airlock.broker.auth.RequestVerifier;
import dev.airlock.broker.http.ApiHandler;
import dev.airlock.broker.http.ApiRequest;
import dev.airlock.broker.http.ApiResponse;
import dev.airlock.broker.http.Problem;
import dev.airlock.broker.limits.RateLimiter;
import dev.airlock.broker.state.TokenStore;
import dev.airlock.broker.token.CapabilityTokens;
import dev.airlock.broker.token.Tier;
import dev.airlock.broker.token.TokenException;
import dev.airlock.broker.token.TokenRequest;
import dev.airlock.broker.token.VerifiedToken;
import dev.airlock.config.ConfigException;
import dev.airlock.lifecycle.SessionPlan;
import dev.airlock.lifecycle.UsageProblem;
import dev.airlock.session.ScopeException;
import dev.airlock.session.StsException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;

/**
 * The broker's API: every request is authenticated ({@link RequestVerifier}), charged to its
 * client's bucket for its route, routed ({@link Routes}), answered, and recorded as exactly one
 * {@code broker.request} audit event with the client, the token's id and parents, the route and
 * the outcome, whichever way it ends.
 */
public final class Broker implements ApiHandler {

    private final RequestVerifier verifier;
    private final RateLimiter limiter;
    private final CapabilityTokens tokens;
    private final TokenStore tokenStore;
    private final BrokerSessions sessions;
    private final SessionViews views;
    private final Consumer<AuditLog.Event> audit;
    private final Clock clock;
    private final Object reservations = new Object();

    Broker(RequestVerifier verifier, RateLimiter limiter, CapabilityTokens tokens, TokenStore tokenStore,
            BrokerSessions sessions, SessionViews views, Consumer<AuditLog.Event> audit, Clock clock) {
        this.verifier = verifier;
        this.limiter = limiter;
        this.tokens = tokens;
        this.tokenStore = tokenStore;
        this.sessions = sessions;
        this.views = views;
        this.audit = audit;
        this.clock = clock;
    }

    /** What one request was, for its audit event. */
    private static final class Outcome {
        Optional<ClientId> client = Optional.empty();
        Optional<VerifiedToken> token = Optional.empty();
        Optional<String> session = Optional.empty();
        Optional<String> reason = Optional.empty();
        String route = "";
    }

    @Override
    public ApiResponse handle(ApiRequest request) {
        Outcome o = new Outcome();
        ApiResponse response;
        try {
            response = dispatch(request, o);
        } catch (ApiProblem e) {
            response = e.problem().response();
        } catch (AuthenticationException e) {
            int status = e.kind() == AuthenticationException.Kind.BUSY ? 503 : 401;
            response = Problem.of(status, e.kind().slug(), "Request not authenticated", e.getMessage()).response();
        } catch (TokenException e) {
            int status = e.kind() == TokenException.Kind.NOT_ALLOWED ? 403 : 401;
            response = Problem.of(status, e.kind().slug(), "Token refused", e.getMessage()).response();
        } catch (ScopeException | UsageProblem e) {
            response = Problem.of(400, "invalid-scope", "The session cannot be planned", e.getMessage()).response();
        } catch (StsException e) {
            response = Problem.of(502, "sts-refused", "STS did not issue the session", e.getMessage()).response();
        } catch (ConfigException e) {
            response = Problem.of(500, "broker-misconfigured", "The broker's configuration", e.getMessage()).response();
        } catch (RuntimeException e) {
            response = Problem.of(500, "internal-error", "Internal error", e.getClass().getSimpleName()).response();
        }
        record(request.target().method() + " " + request.target().path(), request.peer(), o, response);
        return response;
    }

    private ApiResponse dispatch(ApiRequest r, Outcome o) {
        Routes.Route route = Routes.resolve(r.target());
        o.route = route.value();
        if (route == Routes.Route.OPENAPI) {
            return ApiResponse.json(200, Routes.openApi());
        }
        ClientId client = verifier.verify(r.target(), r.headers(), r.body(), clock.millis());
        o.client = Optional.of(client);
        OptionalLong wait = limiter.take(client, route.value());
        if (wait.isPresent()) {
            long seconds = Math.max(1, (wait.getAsLong() + 999) / 1000);
            throw new ApiProblem(new Problem(429, "rate-limited", "Too many requests",
                    "the rate for " + route.value() + " is used up; retry in " + seconds + " s", Optional.of(seconds)));
        }
        return switch (route) {
            case CREATE_SESSION -> create(r, client, o);
            case LIST_SESSIONS -> views.list(client);
            case SHOW_SESSION -> views.show(client, o.session = Routes.sessionId(r.target()));
            case REVOKE_SESSION -> views.revoke(client, o.session = Routes.sessionId(r.target()));
            case CHECK -> check(CheckQuery.parse(r.body()), client, o);
            case AUDIT -> views.audit(client, o.session = r.target().param("session"));
            case OPENAPI -> throw new IllegalStateException("answered above");
        };
    }

    private ApiResponse create(ApiRequest r, ClientId client, Outcome o) {
        SessionCreate c = SessionCreate.parse(r.body());
        o.reason = c.reason();
        VerifiedToken token = tokens.verify(c.token());
        o.token = Optional.of(token);
        if (c.parent().filter(p -> !sessions.isLive(p)).isPresent()) {
            throw ApiProblem.invalid("unknown-parent", "\"parent\" " + c.parent().get() + " is not a live session of "
                    + "this broker");
        }
        SessionPlan plan = sessions.plan(c, client);
        o.session = Optional.of(plan.sessionId());
        // Tiers come from the guardrails (risk tiers); until then every request asks for none.
        // The token judges how long the session really lives (an enforcing endpoint outlives its first credentials).
        TokenRequest asked = new TokenRequest(plan.actions(), plan.resources(), BrokerSessions.lifetime(plan, c),
                c.sessionMode(),
                Tier.NONE, c.limits().flatMap(SessionCreate.Limits::maxCostCents)
                        .map(OptionalLong::of).orElse(OptionalLong.empty()), c.parent().isPresent(), client, clock.instant());
        synchronized (reservations) {
            // Decided and counted together, so concurrent requests cannot both take a token's last session.
            tokens.authorize(token, asked, tokenStore::sessionsUsed);
            tokenStore.countSession(token.revocationIds());
        }
        return ApiResponse.json(201, ApiJson.write(SessionViews.created(sessions.open(plan, c, client, token.id()))));
    }

    private ApiResponse check(CheckQuery q, ClientId client, Outcome o) {
        o.session = Optional.of(q.session());
        return views.check(client, q);
    }

    @Override
    public void refused(Problem problem, String requestLine, String peer) {
        Outcome o = new Outcome();
        record(requestLine.isEmpty() ? "(no request line)" : requestLine, peer, o, problem.response());
    }

    private void record(String request, String peer, Outcome o, ApiResponse response) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("request", request.length() > 300 ? request.substring(0, 300) : request);
        f.put("route", o.route);
        f.put("client", o.client.map(ClientId::value).orElse("(unauthenticated)"));
        f.put("peer", peer);
        o.token.ifPresent(t -> {
            f.put("capability", CapabilityTokens.shortId(t.id()));
            f.put("capabilityParents", t.parents().stream().map(CapabilityTokens::shortId).toList());
            f.put("task", t.taskId());
        });
        o.reason.ifPresent(why -> f.put("reason", why));
        f.put("status", response.status());
        f.put("decision", response.status() < 400 ? "allowed" : "refused");
        if (response.contentType().equals(Problem.MEDIA_TYPE)) {
            f.put("problem", SessionViews.problemSlug(response));
        }
        audit.accept(new AuditLog.Event("broker.request", o.session, f));
    }
}
