package dev.airlock.cli.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.AfterEach;

/**
 * Every {@link RunIT} case again, with {@code run} served by the resident helper (the default for
 * users): the same observable behaviour, child environment, exit codes, time cap, audit and records.
 * After each case, every top-level session must have been opened by the helper, or the case proved
 * nothing.
 */
class RunThroughHelperIT extends RunIT {

    @Override
    AirlockProcess prepared(AirlockProcess airlock) throws Exception {
        airlock.stopHelpers();
        return airlock.startHelper();
    }

    @AfterEach
    void everySessionWasOpenedByTheHelper() throws Exception {
        try {
            if (Files.exists(home.resolve("airlock/audit/audit.jsonl"))) {
                List<String> starts = auditText().lines().filter(l -> l.contains("\"type\":\"session.start\"")).toList();
                // A nested run is served by the helper only when its environment is the helper's; one
                // inside a session holds the outer session's keys instead, and the CLI opens it.
                assertThat(starts.stream().filter(l -> !l.contains("\"parent\":")))
                        .allMatch(l -> l.contains("\"openedBy\":\"helper\""));
            }
        } finally {
            airlock.stopHelpers();
        }
    }
}
