package dev.airlock.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class LowerCaseTest {

    @Test
    void agreesWithToLowerCaseInTheRootLocale() {
        for (String s : List.of("", "aws:sourceip", "aws:SourceIp", "S3:GetObject", "AZ@[`az{", "aws:PrincipalTag/Équipe",
                "İstanbul", "ΣΑΣ", "ǅ", "tag/\u00c0\u00ff", "key/\u212a", "x\u0130", "MIXED-Case_123/ünïcödé")) {
            assertThat(LowerCase.of(s)).as(s).isEqualTo(s.toLowerCase(Locale.ROOT));
        }
    }

    @Test
    void returnsTheStringItselfWhenNothingChanges() {
        String s = "aws:sourceip";
        assertThat(LowerCase.of(s)).isSameAs(s);
    }
}
