package dev.airlock.cli.run;

import java.io.PrintWriter;
import java.util.function.Consumer;

/** What Airlock says about a session while it runs: prefixed and flushed on stderr, never on stdout. */
final class Notices {
    private Notices() {}

    static Consumer<String> to(PrintWriter err) {
        return m -> {
            err.println("airlock: " + m);
            err.flush();
        };
    }
}
