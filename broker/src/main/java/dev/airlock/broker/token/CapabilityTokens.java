package dev.airlock.broker.token;

import dev.airlock.broker.token.TokenException.Kind;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.ToIntFunction;
import java.util.regex.Pattern;
import org.biscuitsec.biscuit.crypto.KeyPair;
import org.biscuitsec.biscuit.datalog.RunLimits;
import org.biscuitsec.biscuit.error.Error;
import org.biscuitsec.biscuit.token.Authorizer;
import org.biscuitsec.biscuit.token.Biscuit;
import org.biscuitsec.biscuit.token.RevocationIdentifier;
import org.biscuitsec.biscuit.token.UnverifiedBiscuit;
import org.biscuitsec.biscuit.token.builder.Block;
import org.biscuitsec.biscuit.token.builder.Fact;
import org.biscuitsec.biscuit.token.builder.Term;
import org.biscuitsec.biscuit.token.builder.Utils;

/**
 * Capability tokens as Biscuits (Ed25519; offline attenuation by appended blocks whose Datalog
 * checks every later use must pass). The broker mints and verifies with its root key; anyone
 * holding a token can narrow it without the broker ({@link #attenuate}). Authorisation runs every
 * block's checks through Biscuit's own authorizer: nothing is read out of a block in Java.
 */
public final class CapabilityTokens {

    /** Marks the text as an Airlock token (and a secret): {@code alkt_} and the Biscuit in base64url. */
    public static final String PREFIX = "alkt_";
    private static final Pattern TASK = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,63}");
    private static final Pattern TEXT = Pattern.compile(Pattern.quote(PREFIX) + "[A-Za-z0-9_=-]+");
    // Generous for a dozen small blocks; bounded so a hostile token cannot make the broker spin.
    private static final RunLimits LIMITS = new RunLimits(2_000, 100, java.time.Duration.ofMillis(250));
    private static final SecureRandom RANDOM = new SecureRandom();

    private final KeyPair root;
    private final Predicate<String> revoked;

    public CapabilityTokens(KeyPair root, Predicate<String> revoked) {
        this.root = root;
        this.revoked = revoked;
    }

    /** A new token for {@code taskId}; the broker's grant must say what actions, resources and expiry it allows. */
    public String mint(String taskId, TokenGrant grant) {
        if (!TASK.matcher(taskId).matches()) {
            throw new IllegalArgumentException("task id \"" + taskId + "\" is not 1 to 64 of A-Z a-z 0-9 . _ : -");
        }
        if (grant.actions().isEmpty() || grant.resources().isEmpty() || grant.expires().isEmpty()) {
            throw new IllegalArgumentException("a new token needs its actions, resources and expiry");
        }
        try {
            var builder = Biscuit.builder(RANDOM, root);
            builder.add_authority_fact(Utils.fact("task", List.of(Utils.string(taskId))));
            for (String check : BlockChecks.of(grant, 0)) {
                builder.add_authority_check(check);
            }
            return PREFIX + builder.build().serialize_b64url();
        } catch (Error e) {
            throw new IllegalStateException("cannot build a token: " + e, e);
        }
    }

    /** {@code token} narrowed by {@code grant}: offline, with no key but the one the token carries. */
    public static String attenuate(String token, TokenGrant grant) {
        try {
            UnverifiedBiscuit b = UnverifiedBiscuit.from_b64url(body(token));
            Block block = new Block();
            for (String check : BlockChecks.of(grant, b.revocation_identifiers().size())) {
                block.add_check(check);
            }
            return PREFIX + b.attenuate(block).serialize_b64url();
        } catch (Error | java.security.GeneralSecurityException e) {
            throw new TokenException(Kind.MALFORMED, "cannot attenuate the token: " + e, e);
        }
    }

    /** What a holder can read of a token without the broker's key: its block ids and its blocks' Datalog. */
    public record Description(List<String> revocationIds, String datalog) {}

    public static Description describe(String token) {
        try {
            UnverifiedBiscuit b = UnverifiedBiscuit.from_b64url(body(token));
            List<String> ids = new ArrayList<>();
            for (RevocationIdentifier id : b.revocation_identifiers()) {
                ids.add(id.toHex());
            }
            return new Description(ids, b.print());
        } catch (Error e) {
            throw new TokenException(Kind.MALFORMED, "cannot read the token: " + e, e);
        }
    }

    /** The token, verified against the root key, with every block checked against the revocation list. */
    public VerifiedToken verify(String token) {
        Biscuit b;
        try {
            b = Biscuit.from_b64url(body(token), root.public_key());
        } catch (Error e) {
            throw new TokenException(Kind.UNVERIFIED, "the token does not verify against this broker's key "
                    + "(tampered, truncated, or from another broker)", e);
        } catch (java.security.GeneralSecurityException e) {
            throw new TokenException(Kind.UNVERIFIED, "the token's signatures do not verify", e);
        }
        List<String> ids = new ArrayList<>();
        for (RevocationIdentifier id : b.revocation_identifiers()) {
            ids.add(id.toHex());
        }
        for (String id : ids) {
            if (revoked.test(id)) {
                throw new TokenException(Kind.REVOKED, "the token or one it was attenuated from (" + shortId(id)
                        + ") is revoked");
            }
        }
        return new VerifiedToken(b, taskId(b), ids);
    }

    /**
     * Whether every block of {@code token} allows {@code request}.
     *
     * @param sessionsUsed sessions already opened under the given revocation id (with any token that holds that block)
     */
    public void authorize(VerifiedToken token, TokenRequest request, ToIntFunction<String> sessionsUsed) {
        List<Fact> common = commonFacts(token, request, sessionsUsed);
        run(token, common, item("session", ""));
        for (String a : request.actions()) {
            run(token, common, item("action", a.toLowerCase(java.util.Locale.ROOT)));
        }
        for (String r : request.resources()) {
            run(token, common, item("resource", r));
        }
    }

    private static Fact item(String kind, String value) {
        try {
            return Utils.fact("item", List.of(Utils.string(kind), Utils.string(value)));
        } catch (Error.Language e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<Fact> commonFacts(VerifiedToken token, TokenRequest r, ToIntFunction<String> used) {
        List<Fact> facts = new ArrayList<>();
        try {
            facts.add(Utils.fact("time", List.of(Utils.date(Date.from(r.now())))));
            facts.add(Utils.fact("tier", List.of(Utils.integer(r.tier().ordinal()))));
            facts.add(Utils.fact("mode", List.of(Utils.string(r.mode().label()))));
            facts.add(Utils.fact("ttl", List.of(Utils.integer(r.ttl().toSeconds()))));
            facts.add(Utils.fact("max_cost_cents", List.of(Utils.integer(r.maxCostCents().orElse(Long.MAX_VALUE)))));
            facts.add(Utils.fact("client", List.of(Utils.string(r.client().value()))));
            facts.add(Utils.fact("nested", List.of(new org.biscuitsec.biscuit.token.builder.Term.Bool(r.nested()))));
            for (int i = 0; i < token.revocationIds().size(); i++) {
                List<Term> t = List.of(Utils.integer(i), Utils.integer(used.applyAsInt(token.revocationIds().get(i))));
                facts.add(Utils.fact("sessions_used", t));
            }
        } catch (Error.Language e) {
            throw new IllegalStateException(e);
        }
        return facts;
    }

    private static void run(VerifiedToken token, List<Fact> common, Fact item) {
        try {
            Authorizer au = token.biscuit().authorizer();
            common.forEach(au::add_fact);
            au.add_fact(item);
            au.add_policy("allow if true");
            au.authorize(LIMITS);
        } catch (Error.FailedLogic e) {
            throw new TokenException(Kind.NOT_ALLOWED, "outside the token: " + describe(item) + " fails " + e, e);
        } catch (Error e) {
            throw new TokenException(Kind.NOT_ALLOWED, "the token could not be evaluated (" + e + ")", e);
        }
    }

    private static String describe(Fact item) {
        String s = item.toString();
        return s.startsWith("item(\"session\"") ? "the session's terms" : s;
    }

    private static String taskId(Biscuit b) {
        try {
            Set<Fact> facts = b.authorizer().query("task_id($t) <- task($t)");
            return facts.stream().findFirst().map(f -> f.terms().get(0).toString().replace("\"", ""))
                    .orElseThrow(() -> new TokenException(Kind.MALFORMED, "the token names no task"));
        } catch (Error e) {
            throw new TokenException(Kind.MALFORMED, "cannot read the token's task", e);
        }
    }

    private static String body(String token) {
        if (!TEXT.matcher(token).matches()) {
            throw new TokenException(Kind.MALFORMED, "not an Airlock token (alkt_ and base64url)");
        }
        return token.substring(PREFIX.length());
    }

    /** Enough of an id to name it in a message. */
    public static String shortId(String id) {
        return id.length() > 16 ? id.substring(0, 16) : id;
    }
}
