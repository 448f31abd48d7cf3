package dev.airlock.enforce;

import dev.airlock.callmap.CallAuthorizer;
import dev.airlock.callmap.CallContext;
import dev.airlock.callmap.CallMapper;
import dev.airlock.callmap.CallMapping;
import dev.airlock.callmap.HttpRequestView;
import dev.airlock.callmap.IamRequestPart;
import dev.airlock.callmap.Outbound;
import dev.airlock.policy.PolicySet;
import dev.airlock.proxy.Gate;
import dev.airlock.proxy.HttpHead;
import dev.airlock.proxy.IncomingCall;
import dev.airlock.proxy.Verdict;
import dev.airlock.sigv4.CredentialLookup;
import dev.airlock.sigv4.Headers;
import dev.airlock.sigv4.Payload;
import dev.airlock.sigv4.PayloadVerificationException;
import dev.airlock.sigv4.Refused;
import dev.airlock.sigv4.RequestView;
import dev.airlock.sigv4.SigV4Verifier;
import dev.airlock.sigv4.SigningKeyCache;
import dev.airlock.sigv4.VerificationResult;
import dev.airlock.sigv4.Verified;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The enforcing endpoint's decision on each call: verify the SigV4 signature against the
 * credentials Airlock minted, refuse a revoked, expired or over-limit session, work out the IAM
 * action, resources and condition keys, evaluate them against the session policy, and either
 * answer with an AWS-shaped error or forward the call re-signed with the upstream credentials.
 * Every call becomes a {@link CallEvent}.
 */
public final class EnforcingGate implements Gate {

    /** Largest body buffered to verify or map a call (JSON and Query API calls, DeleteObjects). */
    static final int MAX_BUFFERED_BODY = 1 << 20;

    private final EnforcedSession session;
    private final PolicySet policies;
    private final SigV4Verifier verifier;
    private final CallMapper mapper;
    private final Forwarder forwarder;
    private final Consumer<CallEvent> events;
    private final Clock clock;
    private final AtomicLong calls = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();
    private final ThreadLocal<Pending> pending = new ThreadLocal<>();
    /** The protocol of the call being decided on this thread, for an error found after decide(). */
    private final ThreadLocal<AwsErrors.Protocol> protocols = ThreadLocal.withInitial(() -> AwsErrors.Protocol.S3);

    /** What decide() learned about a call, for the event completed() records. */
    private record Pending(String operation, List<String> actions, List<String> resources, String decision,
            String reason) {}

    public EnforcingGate(EnforcedSession session, Consumer<CallEvent> events, Clock clock) {
        this.session = session;
        this.policies = PolicySet.builder().identity(session.sessionPolicy()).build();
        SigningKeyCache keys = new SigningKeyCache(SigningKeyCache.DEFAULT_MAX_ENTRIES);
        CredentialLookup lookup = id -> id.equals(session.local().credentials().accessKeyId())
                ? Optional.of(session.local()) : Optional.empty();
        this.verifier = new SigV4Verifier(lookup, keys);
        this.forwarder = new Forwarder(session.upstream(), keys);
        this.mapper = mapperFor(session.upstream());
        this.events = events;
        this.clock = clock;
    }

    /**
     * An S3-compatible upstream serves path style under its own name too, and may resolve dot
     * segments in keys as file paths: its mapper refuses those.
     */
    private static CallMapper mapperFor(Upstream upstream) {
        if (upstream instanceof Upstream.Fixed fixed) {
            return CallMapper.builder().s3PathStyleHost(fixed.endpoint().getHost()).nonAwsUpstream().build();
        }
        return CallMapper.standard();
    }

    @Override
    public Verdict decide(IncomingCall call) throws IOException {
        Instant now = clock.instant();
        Headers headers = headers(call.head());
        RequestView view = new RequestView(call.method(), call.rawPath(), call.rawQuery(), headers);
        HttpRequestView http = HttpRequestView.of(call.method(), call.head().first("Host").orElse(call.authority()),
                call.rawPath(), call.rawQuery(), headers.asMap());
        // A service that signs the body's hash itself must have the body before the signature is checked.
        Optional<byte[]> body = SigV4Verifier.needsBody(view) ? Optional.of(readBounded(call.body())) : Optional.empty();
        VerificationResult result = verifier.verify(view, body.map(Payload::ofBody).orElse(Payload.streamed()), now);
        if (result instanceof Refused refused) {
            return refuse(call, refused);
        }
        Verified verified = (Verified) result;
        calls.incrementAndGet(); // only the session's own, signed calls count against its limit
        String service = verified.scope().service();
        AwsErrors.Protocol protocol = AwsErrors.protocolOf(call.head(), service);
        protocols.set(protocol);
        Optional<Verdict> stop = sessionState(protocol);
        if (stop.isPresent()) {
            return stop.get();
        }
        if (body.isEmpty() && mapper.needsBody(http)) {
            try {
                body = Optional.of(readBounded(verified.payload().open(call.body())));
            } catch (PayloadVerificationException e) {
                return bodyRefused(protocol, e);
            }
        }
        CallMapping mapping = mapper.map(body.map(http::withBody).orElse(http), context(call, now));
        CallAuthorizer.Verdict verdict = CallAuthorizer.authorize(mapping, policies, session.principalArn());
        remember(mapping, verdict);
        if (!verdict.allowed()) {
            return AwsErrors.error(protocol, 403, "AccessDenied", denial(mapping, verdict));
        }
        Outbound outbound = ((CallMapping.Mapped) mapping).outbound();
        Route route;
        try {
            route = route(call, outbound, verified);
        } catch (Route.Unroutable e) {
            Pending p = pending.get();
            pending.set(new Pending(p.operation(), p.actions(), p.resources(), "refused", e.getMessage()));
            return AwsErrors.error(protocol, 400, "InvalidRequest", "Airlock cannot route this call: " + e.getMessage());
        }
        InputStream streamed = body.isPresent() ? InputStream.nullInputStream() : verified.payload().open(call.body());
        OptionalLong length = streamedLength(verified, call);
        return forwarder.forward(call, verified, route, headers, outbound, body, streamed, length, now, new LiveLimits());
    }

    /**
     * A body that failed its hash or chunk signatures, read here or while it streamed upstream:
     * refused with S3's error and never forwarded whole. The call keeps what it was mapped to.
     */
    private Verdict.Respond bodyRefused(AwsErrors.Protocol protocol, PayloadVerificationException e) {
        Pending p = Optional.ofNullable(pending.get()).orElse(new Pending("", List.of(), List.of(), "", ""));
        pending.set(new Pending(p.operation(), p.actions(), p.resources(), "refused",
                "the request body failed verification: " + e.failure().name()));
        return AwsErrors.error(protocol, e.error().httpStatus(), e.error().code(), e.error().message());
    }

    /**
     * Counts a forwarded call's bytes while they move, and stops the transfer once the session is
     * over its byte limit or has been revoked: a limit checked only between calls would let one
     * large download run past it. Revocation is looked up once per MiB, not per chunk.
     */
    private final class LiveLimits implements Verdict.Meter {
        private long sinceCheck;

        @Override
        public void moved(long n) throws IOException {
            long total = bytes.addAndGet(n);
            if (total > session.limits().maxBytes()) {
                throw new IOException("Airlock session " + session.id() + " reached its limit on bytes mid-transfer");
            }
            sinceCheck += n;
            if (sinceCheck >= (1 << 20)) {
                sinceCheck = 0;
                if (session.revoked().getAsBoolean()) {
                    throw new IOException("Airlock session " + session.id() + " was revoked mid-transfer");
                }
            }
        }
    }

    /**
     * The one target both mapped and forwarded. Inside a CONNECT tunnel the Host must be the host
     * the tunnel was opened to, so a request cannot claim one host to the mapper and reach another.
     */
    private Route route(IncomingCall call, Outbound outbound, Verified verified) throws Route.Unroutable {
        String host = call.head().first("Host").orElse(call.authority());
        if (call.secure() && !bare(host).equalsIgnoreCase(bare(call.authority()))) {
            throw new Route.Unroutable("Host '" + host + "' differs from the tunnel's host '" + call.authority() + "'");
        }
        return Route.of(forwarder.upstream(), outbound, verified.scope().service(), verified.scope().region());
    }

    private static String bare(String authority) {
        int colon = authority.lastIndexOf(':');
        return colon > 0 && authority.indexOf(']') < colon ? authority.substring(0, colon) : authority;
    }

    private Optional<Verdict> sessionState(AwsErrors.Protocol protocol) {
        if (session.revoked().getAsBoolean()) {
            pending.set(new Pending("", List.of(), List.of(), "refused", "session revoked"));
            return Optional.of(AwsErrors.error(protocol, 403, "AccessDenied",
                    "Airlock session " + session.id() + " was revoked"));
        }
        if (calls.get() > session.limits().maxCalls() || bytes.get() > session.limits().maxBytes()) {
            String which = calls.get() > session.limits().maxCalls() ? "calls" : "bytes";
            pending.set(new Pending("", List.of(), List.of(), "refused", "over the session's " + which + " limit"));
            return Optional.of(AwsErrors.error(protocol, 403, "AccessDenied",
                    "Airlock session " + session.id() + " reached its limit on " + which));
        }
        return Optional.empty();
    }

    private Verdict refuse(IncomingCall call, Refused refused) {
        String service = refused.service().orElse("s3");
        var error = refused.errorFor(service);
        pending.set(new Pending("", List.of(), List.of(), "refused", refused.reason().name()));
        return AwsErrors.error(AwsErrors.protocolOf(call.head(), service), error.httpStatus(), error.code(), error.message());
    }

    private CallContext context(IncomingCall call, Instant now) {
        return new CallContext(now, call.clientIp(), call.secure(), Optional.empty(), session.partition(),
                session.account(), session.principalArn(), Map.of());
    }

    private void remember(CallMapping mapping, CallAuthorizer.Verdict verdict) {
        if (mapping instanceof CallMapping.Mapped m) {
            List<String> actions = m.parts().stream().map(IamRequestPart::action).distinct().toList();
            List<String> resources = m.parts().stream().map(IamRequestPart::resource).distinct().toList();
            pending.set(new Pending(m.operation(), actions, resources, verdict.allowed() ? "allowed" : "denied",
                    verdict.allowed() ? "" : verdict.summary()));
        } else {
            pending.set(new Pending("", List.of(), List.of(), "denied", verdict.summary()));
        }
    }

    /** In AWS's own words where possible: who, which action, which resource, and why not. */
    private String denial(CallMapping mapping, CallAuthorizer.Verdict verdict) {
        if (!(mapping instanceof CallMapping.Mapped)) {
            return "Airlock denied this call: " + verdict.summary();
        }
        for (CallAuthorizer.PartVerdict part : verdict.parts()) {
            if (!part.allowed()) {
                return "User: " + session.principalArn() + " is not authorized to perform: " + part.part().action()
                        + " on resource: " + part.part().resource() + " because "
                        + (part.decision().deciding().isEmpty() ? "no session policy allows the " + part.part().action()
                                + " action" : "an explicit deny in the session policy")
                        + (part.problems().isEmpty() ? "" : " (" + String.join("; ", part.problems()) + ")")
                        + " [Airlock session " + session.id() + "]";
            }
        }
        return verdict.summary();
    }

    private static OptionalLong streamedLength(Verified verified, IncomingCall call) {
        OptionalLong decoded = verified.payload().decodedContentLength();
        if (decoded.isPresent()) {
            return decoded;
        }
        if (call.head().chunked()) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(call.head().contentLength().orElse(0L));
    }

    private static byte[] readBounded(InputStream in) throws IOException {
        byte[] data = in.readNBytes(MAX_BUFFERED_BODY + 1);
        if (data.length > MAX_BUFFERED_BODY) {
            throw new IOException("request body over " + MAX_BUFFERED_BODY + " bytes where a small API body was expected");
        }
        return data;
    }

    static Headers headers(HttpHead head) {
        Headers.Builder b = Headers.builder();
        for (HttpHead.Header h : head.headers()) {
            b.add(h.name(), h.value());
        }
        return b.build();
    }

    /**
     * An answer the endpoint gives without a decision, in the error shape of the protocol the call
     * claims (nothing of it is trusted or evaluated; its event says "refused").
     */
    @Override
    public Verdict.Respond refusal(IncomingCall call, int status, String code, String message) {
        String service;
        try {
            service = SigV4Verifier.claimedService(new RequestView(call.method().isEmpty() ? "-" : call.method(),
                    call.rawPath(), call.rawQuery(), headers(call.head()))).orElse("s3");
        } catch (RuntimeException unreadable) {
            service = "s3";
        }
        return AwsErrors.error(AwsErrors.protocolOf(call.head(), service), status, code, message);
    }

    @Override
    public Optional<Verdict.Respond> bodyRefused(IncomingCall call, IOException failure) {
        if (!(failure instanceof PayloadVerificationException e)) {
            return Optional.empty();
        }
        return Optional.of(bodyRefused(protocols.get(), e));
    }

    @Override
    public void completed(IncomingCall call, Verdict verdict, Gate.Completion done) {
        Pending p = pending.get();
        pending.remove();
        protocols.remove();
        if (p == null) {
            p = new Pending("", List.of(), List.of(), "refused", done.problem().orElse("not evaluated"));
        }
        events.accept(new CallEvent(session.id(), p.operation(), p.actions(), p.resources(), p.decision(), p.reason(),
                done.status(), done.bytesIn(), done.bytesOut(), done.nanos() / 1000,
                p.reason().equals(done.problem().orElse(null)) ? Optional.empty() : done.problem()));
    }
}
