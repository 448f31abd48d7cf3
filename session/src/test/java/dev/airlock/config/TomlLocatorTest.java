package dev.airlock.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.airlock.config.ConfigNode.Loc;
import org.junit.jupiter.api.Test;

class TomlLocatorTest {

    private static ConfigPath path(Object... segments) {
        return new ConfigPath(java.util.List.of(segments));
    }

    @Test
    void locatesKeysValuesAndHeaders() {
        TomlLocator l = TomlLocator.scan("""
                top = 1 # comment
                [ a . "b.c" ]   # header
                x.'y z' = "v"
                s = \"""
                fake = "not a key"
                \"""
                arr = [
                  # comment ]
                  "one", 'two',
                  [3, 4],
                ]
                inline = { k = "v", n = { m = 1 } }
                after = 2
                [[t]]
                v = 1
                [[t]]
                v = 2
                [t.sub]
                w = 3
                """);
        assertThat(l.key(path("top"))).isEqualTo(new Loc(1, 1));
        assertThat(l.value(path("top"))).isEqualTo(new Loc(1, 7));
        assertThat(l.key(path("a"))).isEqualTo(new Loc(2, 3));
        assertThat(l.key(path("a", "b.c"))).isEqualTo(new Loc(2, 7));
        assertThat(l.value(path("a", "b.c"))).isEqualTo(new Loc(2, 1));
        assertThat(l.key(path("a", "b.c", "x", "y z"))).isEqualTo(new Loc(3, 3));
        assertThat(l.value(path("a", "b.c", "x", "y z"))).isEqualTo(new Loc(3, 11));
        assertThat(l.key(path("a", "b.c", "fake"))).as("inside a multi-line string").isEqualTo(new Loc(2, 7));
        assertThat(l.value(path("a", "b.c", "arr", 0))).isEqualTo(new Loc(9, 3));
        assertThat(l.value(path("a", "b.c", "arr", 1))).isEqualTo(new Loc(9, 10));
        assertThat(l.value(path("a", "b.c", "arr", 2, 1))).isEqualTo(new Loc(10, 7));
        assertThat(l.key(path("a", "b.c", "inline", "n", "m"))).isEqualTo(new Loc(12, 27));
        assertThat(l.key(path("a", "b.c", "after"))).isEqualTo(new Loc(13, 1));
        assertThat(l.key(path("t", 0, "v"))).isEqualTo(new Loc(15, 1));
        assertThat(l.key(path("t", 1, "v"))).isEqualTo(new Loc(17, 1));
        assertThat(l.key(path("t", 1, "sub", "w"))).isEqualTo(new Loc(19, 1));
        assertThat(l.duplicate()).isEmpty();
    }

    @Test
    void unknownPathsFallBackToTheNearestLocatedParent() {
        TomlLocator l = TomlLocator.scan("[p.q]\nr = 1\n");
        assertThat(l.key(path("p", "q", "zzz"))).isEqualTo(new Loc(1, 4));
        assertThat(l.key(path("nothing"))).isEqualTo(Loc.UNKNOWN);
    }

    @Test
    void stopsQuietlyOnWhatItDoesNotUnderstand() {
        TomlLocator l = TomlLocator.scan("a = 1\n= broken\nb = 2\n");
        assertThat(l.key(path("a"))).isEqualTo(new Loc(1, 1));
        assertThat(l.key(path("b"))).isEqualTo(Loc.UNKNOWN);
    }

    @Test
    void findsDuplicates() {
        assertThat(TomlLocator.scan("[a]\nx = 1\n\nx = 2\n").duplicate())
                .contains(new TomlLocator.Duplicate(path("a", "x"), new Loc(4, 1), new Loc(2, 1)));
        assertThat(TomlLocator.scan("[a]\n[b]\n[a]\n").duplicate()).map(TomlLocator.Duplicate::loc)
                .contains(new Loc(3, 1));
    }
}
