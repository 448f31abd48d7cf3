package dev.airlock.cli.run;

import org.junit.jupiter.api.AfterEach;

/**
 * Every {@link RunBadInputIT} case again with the resident helper serving {@code run}: the same
 * messages, exit codes and audit, relayed from the helper; an MFA code is asked for on the client's
 * terminal (here there is none, as in the plain case).
 */
class RunBadInputThroughHelperIT extends RunBadInputIT {

    @Override
    AirlockProcess prepared(AirlockProcess airlock) throws Exception {
        return airlock.startHelper();
    }

    @AfterEach
    void stopHelpers() throws Exception {
        airlock.stopHelpers();
    }
}
