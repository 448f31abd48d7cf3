package dev.airlock.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {

    @ParameterizedTest
    @CsvSource({
        "900, 900", "900s, 900", "15m, 900", "1h, 3600", "1h30m, 5400", "2h0m30s, 7230", "90m, 5400",
        "' 15m ', 900", "15M, 900", "1H30M, 5400", "PT15M, 900", "pt1h, 3600", "+15m, 900", "1s, 1"
    })
    void parsesTheUsualForms(String text, long seconds) {
        assertThat(Durations.parse(text)).isEqualTo(Duration.ofSeconds(seconds));
    }

    @Test
    void garbageSaysHowToWriteADuration() {
        assertThatThrownBy(() -> Durations.parse("15 minutes")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("\"15 minutes\" is not a duration; use e.g. 15m, 1h, 900s");
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "15x", "m", "h15", "30m1h", "1h1h", "1.5h", "15 m", "1h 30m", "PT", "P1Y", "1d"})
    void rejectsWhatIsNotADuration(String text) {
        assertThatThrownBy(() -> Durations.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not a duration").hasMessageEndingWith("use e.g. 15m, 1h, 900s");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "0s", "0h0m0s", "PT0S"})
    void rejectsZero(String text) {
        assertThatThrownBy(() -> Durations.parse(text)).hasMessageContaining("is zero; a duration must be longer than zero");
    }

    @ParameterizedTest
    @ValueSource(strings = {"-5m", "-900", "-PT5M"})
    void rejectsNegatives(String text) {
        assertThatThrownBy(() -> Durations.parse(text)).hasMessageContaining("is negative");
    }

    @Test
    void rejectsEmptyAndAbsurdlyLong() {
        assertThatThrownBy(() -> Durations.parse("  ")).hasMessageStartingWith("an empty string is not a duration");
        assertThatThrownBy(() -> Durations.parse("99999999999999999999s")).hasMessageContaining("longer than a year");
        assertThatThrownBy(() -> Durations.parse("9000h")).hasMessageContaining("longer than a year");
    }

    @Test
    void formatsAsParseReads() {
        assertThat(Durations.format(Duration.ofMinutes(15))).isEqualTo("15m");
        assertThat(Durations.format(Duration.ofMinutes(90))).isEqualTo("1h30m");
        assertThat(Durations.format(Duration.ofSeconds(30))).isEqualTo("30s");
        assertThat(Durations.format(Duration.ofSeconds(3605))).isEqualTo("1h5s");
        assertThat(Durations.format(Duration.ofHours(36))).isEqualTo("36h");
        assertThat(Durations.format(Duration.ZERO)).isEqualTo("0s");
        assertThat(Durations.format(Duration.ofMillis(1500))).isEqualTo("1.5s");
        assertThat(Durations.format(Duration.ofMinutes(-2))).isEqualTo("-2m");
        for (String s : new String[] {"15m", "1h30m", "2h0m30s", "45s", "12h"}) {
            assertThat(Durations.parse(Durations.format(Durations.parse(s)))).isEqualTo(Durations.parse(s));
        }
    }
}
