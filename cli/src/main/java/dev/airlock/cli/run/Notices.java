package dev.airlock.cli.run;

import dev.airlock.session.SessionPolicy;
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

    /**
     * Said before anything is opened, in every mode (dry runs too): stdout may be a file or the
     * AWS CLI reading credential_process JSON, and the human who could stop the session reads stderr.
     */
    static void warnings(SessionPolicy policy, Consumer<String> notices) {
        policy.warnings().forEach(w -> notices.accept("warning: " + w));
    }
}
