package dev.airlock.broker.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.airlock.broker.token.TokenException.Kind;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.biscuitsec.biscuit.crypto.KeyPair;
import org.junit.jupiter.api.Test;

class CapabilityTokensTest {
    static final Instant NOW = Instant.parse("2026-12-06T23:00:00Z");
    static final dev.airlock.broker.auth.ClientId AGENT = new dev.airlock.broker.auth.ClientId("agent-a");
    final Set<String> revoked = new HashSet<>();
    final Map<String, Integer> used = new HashMap<>();
    final CapabilityTokens tokens = new CapabilityTokens(new KeyPair(), revoked::contains);

    TokenGrant grant(List<String> actions, List<String> resources) {
        return new TokenGrant(Optional.of(actions), Optional.of(resources), Optional.of(NOW.plusSeconds(3600)),
                Optional.of(Tier.CONFIRM), Optional.of(Set.of(SessionMode.ENFORCE)), Optional.of(Duration.ofHours(1)),
                Optional.of(3), Optional.empty(), Optional.of(false), Optional.empty());
    }

    String root() {
        return tokens.mint("T-42", grant(List.of("s3:Get*", "s3:ListBucket"), List.of("arn:aws:s3:::acme/reports/*",
                "arn:aws:s3:::acme")));
    }

    static TokenRequest ask(List<String> actions, List<String> resources) {
        return new TokenRequest(actions, resources, Duration.ofMinutes(15), SessionMode.ENFORCE, Tier.NONE,
                OptionalLong.empty(), false, AGENT, NOW);
    }

    void allowed(String token, TokenRequest r) {
        tokens.authorize(tokens.verify(token), r, id -> used.getOrDefault(id, 0));
    }

    void refused(String token, TokenRequest r, Kind kind) {
        assertThatThrownBy(() -> allowed(token, r)).isInstanceOfSatisfying(TokenException.class,
                e -> assertThat(e.kind()).as(e.getMessage()).isEqualTo(kind));
    }

    @Test
    void aRequestInsideTheTokenIsAllowedAndOneOutsideIsNot() {
        String t = root();
        allowed(t, ask(List.of("s3:GetObject", "s3:listbucket"), List.of("arn:aws:s3:::acme/reports/q1.csv")));
        allowed(t, ask(List.of("s3:GetObject*"), List.of("arn:aws:s3:::acme/reports/*")));
        refused(t, ask(List.of("s3:PutObject"), List.of("arn:aws:s3:::acme/reports/q1.csv")), Kind.NOT_ALLOWED);
        refused(t, ask(List.of("s3:*"), List.of("arn:aws:s3:::acme/reports/q1.csv")), Kind.NOT_ALLOWED);
        refused(t, ask(List.of("s3:GetObject"), List.of("arn:aws:s3:::acme/payroll/x")), Kind.NOT_ALLOWED);
        refused(t, ask(List.of("s3:GetObject"), List.of("*")), Kind.NOT_ALLOWED);
        refused(t, ask(List.of("s3:GetObject"), List.of("arn:aws:s3:::acme/reports/x", "arn:aws:s3:::other/x")),
                Kind.NOT_ALLOWED);
    }

    @Test
    void theSessionsTermsAreCheckedTtlModeTierExpiryAndCount() {
        String t = root();
        List<String> a = List.of("s3:GetObject");
        List<String> r = List.of("arn:aws:s3:::acme/reports/x");
        refused(t, new TokenRequest(a, r, Duration.ofHours(2), SessionMode.ENFORCE, Tier.NONE, OptionalLong.empty(), false, AGENT, NOW),
                Kind.NOT_ALLOWED);
        refused(t, new TokenRequest(a, r, Duration.ofMinutes(15), SessionMode.STS, Tier.NONE, OptionalLong.empty(), false, AGENT, NOW),
                Kind.NOT_ALLOWED);
        refused(t, new TokenRequest(a, r, Duration.ofMinutes(15), SessionMode.ENFORCE, Tier.TOTP, OptionalLong.empty(), false, AGENT, NOW),
                Kind.NOT_ALLOWED);
        refused(t, new TokenRequest(a, r, Duration.ofMinutes(15), SessionMode.ENFORCE, Tier.NONE, OptionalLong.empty(), false, AGENT,
                NOW.plusSeconds(3601)), Kind.NOT_ALLOWED);
        VerifiedToken v = tokens.verify(t);
        used.put(v.id(), 2);
        allowed(t, ask(a, r));
        used.put(v.id(), 3);
        refused(t, ask(a, r), Kind.NOT_ALLOWED);
    }

    @Test
    void aHolderNarrowsOfflineAndCannotWiden() {
        String parent = root();
        String child = CapabilityTokens.attenuate(parent, new TokenGrant(Optional.of(List.of("s3:GetObject")),
                Optional.of(List.of("arn:aws:s3:::acme/reports/2026/*")), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.of(Duration.ofMinutes(20)), Optional.of(1), Optional.empty(), Optional.empty(), Optional.empty()));
        allowed(child, ask(List.of("s3:GetObject"), List.of("arn:aws:s3:::acme/reports/2026/q1.csv")));
        refused(child, ask(List.of("s3:ListBucket"), List.of("arn:aws:s3:::acme/reports/2026/q1.csv")), Kind.NOT_ALLOWED);
        refused(child, ask(List.of("s3:GetObject"), List.of("arn:aws:s3:::acme/reports/2025/q1.csv")), Kind.NOT_ALLOWED);
        String widened = CapabilityTokens.attenuate(parent, new TokenGrant(Optional.of(List.of("*")),
                Optional.of(List.of("*")), Optional.of(NOW.plusSeconds(86_400)), Optional.of(Tier.TOTP),
                Optional.of(Set.of(SessionMode.ENFORCE, SessionMode.STS)), Optional.of(Duration.ofHours(12)),
                Optional.of(100), Optional.empty(), Optional.of(true), Optional.empty()));
        refused(widened, ask(List.of("iam:CreateUser"), List.of("*")), Kind.NOT_ALLOWED);
        refused(widened, new TokenRequest(List.of("s3:GetObject"), List.of("arn:aws:s3:::acme/reports/x"),
                Duration.ofMinutes(15), SessionMode.STS, Tier.NONE, OptionalLong.empty(), false, AGENT, NOW), Kind.NOT_ALLOWED);
        VerifiedToken v = tokens.verify(child);
        assertThat(v.parents()).containsExactly(tokens.verify(parent).id());
        assertThat(v.taskId()).isEqualTo("T-42");
        used.put(v.id(), 1);
        refused(child, ask(List.of("s3:GetObject"), List.of("arn:aws:s3:::acme/reports/2026/q1.csv")), Kind.NOT_ALLOWED);
    }

    @Test
    void aNestedRequestNeedsATokenThatAllowsDelegationAndABlockCanTakeItAway() {
        TokenRequest nested = new TokenRequest(List.of("s3:GetObject"), List.of("arn:aws:s3:::acme/reports/x"),
                Duration.ofMinutes(15), SessionMode.ENFORCE, Tier.NONE, OptionalLong.empty(), true, AGENT, NOW);
        refused(root(), nested, Kind.NOT_ALLOWED);
        String delegable = tokens.mint("T-43", new TokenGrant(Optional.of(List.of("s3:GetObject")),
                Optional.of(List.of("arn:aws:s3:::acme/*")), Optional.of(NOW.plusSeconds(600)), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(true), Optional.empty()));
        allowed(delegable, nested);
        String closed = CapabilityTokens.attenuate(delegable, new TokenGrant(Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.of(false), Optional.empty()));
        refused(closed, nested, Kind.NOT_ALLOWED);
        allowed(closed, ask(List.of("s3:GetObject"), List.of("arn:aws:s3:::acme/reports/x")));
        String reopened = CapabilityTokens.attenuate(closed, new TokenGrant(Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.of(true), Optional.empty()));
        refused(reopened, nested, Kind.NOT_ALLOWED);
    }

    @Test
    void aTokenBoundToClientsIsUselessToOthersAndABlockNarrowsTheList() {
        String bound = tokens.mint("T-44", new TokenGrant(Optional.of(List.of("s3:GetObject")),
                Optional.of(List.of("arn:aws:s3:::acme/*")), Optional.of(NOW.plusSeconds(600)), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.of(Set.of(AGENT, new dev.airlock.broker.auth.ClientId("sub-agent")))));
        TokenRequest asA = ask(List.of("s3:GetObject"), List.of("arn:aws:s3:::acme/x"));
        TokenRequest asOther = new TokenRequest(asA.actions(), asA.resources(), asA.ttl(), asA.mode(), asA.tier(),
                asA.maxCostCents(), false, new dev.airlock.broker.auth.ClientId("intruder"), NOW);
        TokenRequest asSub = new TokenRequest(asA.actions(), asA.resources(), asA.ttl(), asA.mode(), asA.tier(),
                asA.maxCostCents(), false, new dev.airlock.broker.auth.ClientId("sub-agent"), NOW);
        allowed(bound, asA);
        refused(bound, asOther, Kind.NOT_ALLOWED);
        String forSub = CapabilityTokens.attenuate(bound, new TokenGrant(Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.of(Set.of(new dev.airlock.broker.auth.ClientId("sub-agent"),
                        new dev.airlock.broker.auth.ClientId("intruder")))));
        allowed(forSub, asSub);
        refused(forSub, asA, Kind.NOT_ALLOWED);
        refused(forSub, asOther, Kind.NOT_ALLOWED);
    }

    @Test
    void revokingAParentRevokesEveryTokenAttenuatedFromIt() {
        String parent = root();
        String child = CapabilityTokens.attenuate(parent, TokenGrant.none());
        String grandchild = CapabilityTokens.attenuate(child, TokenGrant.none());
        allowed(grandchild, ask(List.of("s3:GetObject"), List.of("arn:aws:s3:::acme/reports/x")));
        revoked.add(tokens.verify(child).id());
        assertThatThrownBy(() -> tokens.verify(grandchild)).isInstanceOfSatisfying(TokenException.class,
                e -> assertThat(e.kind()).isEqualTo(Kind.REVOKED));
        assertThat(tokens.verify(parent).id()).isNotNull();
        revoked.add(tokens.verify(parent).id());
        assertThatThrownBy(() -> tokens.verify(parent)).isInstanceOf(TokenException.class);
    }

    @Test
    void tamperedTruncatedAndForeignTokensDoNotVerify() {
        String t = root();
        CapabilityTokens other = new CapabilityTokens(new KeyPair(), id -> false);
        String foreign = other.mint("T-42", grant(List.of("*"), List.of("*")));
        for (String bad : List.of(foreign, t.substring(0, t.length() - 10), flip(t, t.length() / 2), flip(t, 40))) {
            assertThatThrownBy(() -> tokens.verify(bad)).isInstanceOf(TokenException.class);
        }
        for (String notOne : List.of("", "alkt_", "bearer " + t, t + " ", "alkt_!!!")) {
            assertThatThrownBy(() -> tokens.verify(notOne)).isInstanceOfSatisfying(TokenException.class,
                    e -> assertThat(e.kind()).isIn(Kind.MALFORMED, Kind.UNVERIFIED));
        }
    }

    @Test
    void requestTextCannotInjectDatalog() {
        String t = root();
        refused(t, ask(List.of("s3:PutObject\"), item(\"action\", \"s3:GetObject"),
                List.of("arn:aws:s3:::acme/reports/x")), Kind.NOT_ALLOWED);
        refused(t, ask(List.of("s3:GetObject"), List.of("arn:aws:s3:::other/x\") or true or resource(\"")),
                Kind.NOT_ALLOWED);
    }

    private static String flip(String s, int at) {
        char c = s.charAt(at);
        return s.substring(0, at) + (c == 'A' ? 'B' : 'A') + s.substring(at + 1);
    }
}
