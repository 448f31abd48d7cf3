package dev.airlock.broker.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.airlock.policy.match.Wildcard;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class PatternRegexTest {

    /** Every string of length 0..n over {@code alphabet}. */
    static List<String> strings(String alphabet, int n) {
        List<String> out = new ArrayList<>(List.of(""));
        List<String> layer = List.of("");
        for (int len = 1; len <= n; len++) {
            List<String> next = new ArrayList<>();
            for (String s : layer) {
                for (char c : alphabet.toCharArray()) {
                    next.add(s + c);
                }
            }
            out.addAll(next);
            layer = next;
        }
        return out;
    }

    /**
     * Soundness, against the policy engine's own wildcard matcher: whenever a requested pattern's
     * text matches a token pattern's regex, every name the requested pattern covers is covered by
     * the token pattern. 20,000 random pairs over a small alphabet, checked on every name up to 6 long.
     */
    @Test
    void aMatchMeansContainmentForEveryConcreteName() {
        Random random = new Random(12);
        List<String> names = strings("ab.", 6);
        int matched = 0;
        for (int i = 0; i < 20_000; i++) {
            String token = randomPattern(random);
            String asked = randomPattern(random);
            if (!Pattern.matches(PatternRegex.of(token), asked)) {
                continue;
            }
            matched++;
            Wildcard t = Wildcard.compile(token, false);
            Wildcard a = Wildcard.compile(asked, false);
            for (String name : names) {
                if (a.matches(name)) {
                    assertThat(t.matches(name)).as("%s covers %s but %s does not", asked, name, token).isTrue();
                }
            }
        }
        assertThat(matched).as("pairs that exercised the property").isGreaterThan(1_000);
    }

    @Test
    void everyPatternContainsItselfAndTheNamesItCovers() {
        Random random = new Random(7);
        for (int i = 0; i < 2_000; i++) {
            String p = randomPattern(random);
            assertThat(Pattern.matches(PatternRegex.of(p), p)).as(p).isTrue();
        }
        assertThat(Pattern.matches(PatternRegex.of("arn:aws:s3:::b/reports/*"), "arn:aws:s3:::b/reports/q1/*")).isTrue();
        assertThat(Pattern.matches(PatternRegex.of("arn:aws:s3:::b/reports/*"), "arn:aws:s3:::b/*")).isFalse();
        assertThat(Pattern.matches(PatternRegex.of("arn:aws:s3:::b/r?"), "arn:aws:s3:::b/r*")).isFalse();
        assertThat(Pattern.matches(PatternRegex.of("arn:aws:s3:::b.c/x"), "arn:aws:s3:::bxc/x")).isFalse();
        assertThat(Pattern.matches(PatternRegex.action("S3:Get*"), "s3:getobject")).isTrue();
    }

    @Test
    void charactersAClassCannotHoldSafelyAreRefused() {
        for (String bad : List.of("arn:aws:s3:::b/\"x", "arn:aws:s3:::b/\\x", "arn:aws:s3:::b/[x]", "arn:aws:s3:::b/^",
                "arn:aws:s3:::b/ x", "arn:aws:s3:::b/\u00e9", "arn:aws:s3:::b/\n")) {
            assertThatThrownBy(() -> PatternRegex.of(bad)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    private static String randomPattern(Random r) {
        String alphabet = "ab.*?";
        StringBuilder b = new StringBuilder();
        int len = r.nextInt(6);
        for (int i = 0; i < len; i++) {
            b.append(alphabet.charAt(r.nextInt(alphabet.length())));
        }
        return b.toString();
    }
}
