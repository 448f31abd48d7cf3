package dev.airlock.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.airlock.policy.Decision;
import dev.airlock.policy.Evaluator;
import dev.airlock.policy.Layer;
import dev.airlock.policy.Outcome;
import dev.airlock.policy.Request;
import dev.airlock.policy.RequestContext;
import dev.airlock.policy.StatementRef;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Smoke test of the benchmark inputs: each case's request gets the decision the case file expects. */
class BenchCasesTest {

    @Test
    void everyCaseGetsItsExpectedDecision() {
        List<BenchCases.Case> cases = BenchCases.all();
        assertThat(cases).extracting(BenchCases.Case::id)
                .containsExactly(BenchCases.IDENTITY_10, BenchCases.CONDITIONS_100, BenchCases.FULL_CHAIN);
        for (BenchCases.Case c : cases) {
            Decision d = Evaluator.evaluate(c.policies(), c.request());
            assertThat(d.outcome()).as(c.id()).isEqualTo(c.expected());
        }
    }

    @Test
    void identity10IsAllowedByTheLastStatementOnly() {
        BenchCases.Case c = BenchCases.load(BenchCases.IDENTITY_10);
        assertThat(c.policies().identityPolicies().get(0).statements()).hasSize(10);
        Decision d = Evaluator.evaluate(c.policies(), c.request());
        assertThat(d.deciding()).extracting(StatementRef::statement).containsExactly("SendOrders");
    }

    @Test
    void conditions100IsAllowedByTheLastStatementOnly() {
        BenchCases.Case c = BenchCases.load(BenchCases.CONDITIONS_100);
        assertThat(c.policies().identityPolicies().get(0).statements()).hasSize(100);
        Decision d = Evaluator.evaluate(c.policies(), c.request());
        assertThat(d.deciding()).extracting(StatementRef::statement).containsExactly("Stmt099");
    }

    @Test
    void conditions100TurnsOnItsConditions() {
        // With the team tag changed, the last statement's StringEquals fails and nothing else allows.
        BenchCases.Case c = BenchCases.load(BenchCases.CONDITIONS_100);
        Map<String, List<String>> context = new HashMap<>(c.request().context().asMap());
        context.put("aws:principaltag/team", List.of("marketing"));
        Request other = c.request().withContext(RequestContext.of(context));
        assertThat(Evaluator.evaluate(c.policies(), other).outcome()).isEqualTo(Outcome.IMPLICITLY_DENIED);
    }

    @Test
    void fullChainUsesEveryLayer() {
        BenchCases.Case c = BenchCases.load(BenchCases.FULL_CHAIN);
        assertThat(c.policies().scps()).hasSize(2);
        assertThat(c.policies().permissionsBoundary()).isPresent();
        assertThat(c.policies().sessionPolicy()).isPresent();
        assertThat(c.policies().resourcePolicy()).isPresent();
        Decision d = Evaluator.evaluate(c.policies(), c.request());
        assertThat(d.deciding()).extracting(StatementRef::layer).contains(Layer.IDENTITY, Layer.RESOURCE);
    }
}
