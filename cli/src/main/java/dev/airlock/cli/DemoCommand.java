package dev.airlock.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/**
 * {@code airlock demo} in the command list. The demo carries S3Proxy, so it is a jar of its own that
 * {@code bin/airlock demo} runs; this entry is reached only when airlock.jar is run directly.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "A narrated, enforced agent session against an in-process S3 server (no AWS account).",
        footer = {"%nRun it through the launcher, which starts the demo's own jar:", "  bin/airlock demo [--help]"})
public final class DemoCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        throw new BadInputException("the demo is a jar of its own (demo/target/airlock-demo.jar)",
                "run it through the launcher: bin/airlock demo (build first: mvn -q -B -DskipTests package)");
    }
}
