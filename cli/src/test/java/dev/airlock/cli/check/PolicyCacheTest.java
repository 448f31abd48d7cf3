package dev.airlock.cli.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.airlock.cli.PolicyFiles;
import dev.airlock.policy.Policy;
import dev.airlock.policy.PolicyKind;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PolicyCacheTest {

    private static final PolicyCache.Slot FIRST = new PolicyCache.Slot(PolicyKind.IDENTITY, "identityPolicies[0]");
    private static final PolicyCache.Slot SECOND = new PolicyCache.Slot(PolicyKind.IDENTITY, "identityPolicies[1]");

    private static String text(int n) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":{\"Sid\":\"S" + n
                + "\",\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}}";
    }

    private static Policy policy(PolicyCache.Slot slot, int n) {
        return PolicyFiles.parse(slot.name(), slot.kind(), text(n));
    }

    private static void put(PolicyCache cache, PolicyCache.Slot slot, int n) {
        byte[] b = text(n).getBytes(StandardCharsets.UTF_8);
        cache.put(slot, b, 0, b.length, policy(slot, n));
    }

    private static boolean holds(PolicyCache cache, PolicyCache.Slot slot, int n) {
        byte[] line = ("{\"identityPolicies\":[" + text(n) + "]}").getBytes(StandardCharsets.UTF_8);
        int at = "{\"identityPolicies\":[".length();
        return cache.at(slot, line, at, line.length).map(h -> h.end() == at + text(n).length()).orElse(false);
    }

    @Test
    void aPolicyIsFoundByItsExactTextInItsOwnSlotOnly() {
        PolicyCache cache = new PolicyCache(1 << 20);
        put(cache, FIRST, 1);
        assertThat(holds(cache, FIRST, 1)).isTrue();
        assertThat(holds(cache, FIRST, 2)).isFalse();
        assertThat(holds(cache, SECOND, 1)).isFalse();
    }

    @Test
    void onlyObjectsAndStringsAreCached() {
        PolicyCache cache = new PolicyCache(1 << 20);
        byte[] b = "[1] ".getBytes(StandardCharsets.UTF_8);
        cache.put(FIRST, b, 0, 3, policy(FIRST, 1));
        assertThat(cache.bytes()).isZero();
    }

    @Test
    void aSlotKeepsItsNewestTexts() {
        PolicyCache cache = new PolicyCache(1 << 20);
        for (int i = 0; i < PolicyCache.PER_SLOT + 5; i++) {
            put(cache, FIRST, i);
        }
        assertThat(holds(cache, FIRST, 0)).isFalse();
        assertThat(holds(cache, FIRST, 4)).isFalse();
        assertThat(holds(cache, FIRST, 5)).isTrue();
        assertThat(holds(cache, FIRST, PolicyCache.PER_SLOT + 4)).isTrue();
    }

    @Test
    void overTheBudgetTheLeastRecentlyUsedSlotGivesUpItsOldestTexts() {
        int one = text(10).length();
        PolicyCache cache = new PolicyCache(3L * one);
        put(cache, FIRST, 10);
        put(cache, SECOND, 12);
        put(cache, SECOND, 13);
        assertThat(holds(cache, FIRST, 10)).isTrue(); // SECOND is now the least recently used
        put(cache, FIRST, 11);
        assertThat(cache.bytes()).isEqualTo(3L * one);
        assertThat(holds(cache, SECOND, 12)).isFalse();
        assertThat(holds(cache, SECOND, 13)).isTrue();
        assertThat(holds(cache, FIRST, 10)).isTrue();
        assertThat(holds(cache, FIRST, 11)).isTrue();
    }
}
