package dev.airlock.cli.differential;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.airlock.cli.BatchCheck;
import dev.airlock.cli.differential.KnownDivergences.Mismatch;
import dev.airlock.cli.differential.RequestGenerator.Case;
import java.io.IOException;
import java.io.ByteArrayInputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Differential test: our engine against the reference evaluator {@code @cloud-copilot/iam-simulate}
 * on thousands of generated requests covering every feature of the engine.
 *
 * <p>The reference is AGPL-3.0: it is installed by npm into {@code tools/differential/node_modules}
 * (pinned by the package-lock.json there) and only ever run as a separate {@code node} process
 * ({@code tools/differential/oracle.mjs}); nothing of it is bundled with Airlock. Our engine runs
 * in-process through {@link BatchCheck}, on the very same JSON Lines.
 *
 * <p>Every disagreement fails the test unless docs/divergences.md documents it and
 * {@link KnownDivergences} recognises it. The seed is fixed; {@code -Ddifferential.seed=N} picks
 * another.
 */
class DifferentialTest {

    static final long DEFAULT_SEED = 20240601L;
    private static final int MIN_REQUESTS = 5000;
    private static final int MIN_PER_DECISION = 300;
    /** Lines the reference may refuse (it validates actions, ARNs and context keys); kept near zero. */
    private static final int MAX_ORACLE_ERRORS = 10;
    private static final int SHOWN_MISMATCHES = 8;
    private static final String SIMULATE_VERSION = "0.1.173";
    private static final List<String> DECISIONS = List.of("Allowed", "ImplicitlyDenied", "ExplicitlyDenied");

    @Test
    void engineAgreesWithTheReferenceEvaluator(@TempDir Path tmp) throws Exception {
        long started = System.nanoTime();
        long seed = Long.getLong("differential.seed", DEFAULT_SEED);
        List<Case> cases = RequestGenerator.generate(seed);
        assertThat(cases).as("generated requests (seed %d)", seed).hasSizeGreaterThanOrEqualTo(MIN_REQUESTS);

        Path input = tmp.resolve("requests.jsonl");
        Files.write(input, cases.stream().map(Case::line).toList(), StandardCharsets.UTF_8);

        Path tool = repositoryRoot().resolve("tools").resolve("differential");
        installReference(tool);
        List<String> reference = runOracle(tool, input, tmp);
        List<String> ours = runEngine(cases);
        assertThat(reference).as("reference answers, one per request").hasSize(cases.size());
        assertThat(ours).as("engine answers, one per request").hasSize(cases.size());

        Report report = compare(cases, ours, reference);
        double seconds = (System.nanoTime() - started) / 1e9;
        String text = report.render(seed, seconds);
        System.out.println(text);
        writeReport(text, report);

        assertThat(report.oracleErrors).as("lines the reference refused (see the report above)")
                .hasSizeLessThanOrEqualTo(MAX_ORACLE_ERRORS);
        for (String d : DECISIONS) {
            assertThat(report.decisions.getOrDefault(d, 0)).as("requests the reference decided %s", d)
                    .isGreaterThanOrEqualTo(MIN_PER_DECISION);
        }
        if (!report.unexpected.isEmpty()) {
            Disagreement first = report.unexpected.get(0);
            fail("%d disagreements with the reference are not documented in docs/divergences.md (seed %d; per-feature "
                    + "totals and examples in the report above and in cli/target/differential-report.txt, every one in "
                    + "cli/target/differential-disagreements.jsonl). First [%s]:%n  request:   %s%n  engine:    %s%n"
                    + "  reference: %s", report.unexpected.size(), seed, first.c().feature(), first.c().line(),
                    first.ours(), first.reference());
        }
    }

    // ---- the reference, as a separate process --------------------------------------------------

    private static Path repositoryRoot() {
        Path p = Path.of("").toAbsolutePath();
        for (Path d = p; d != null; d = d.getParent()) {
            if (Files.isRegularFile(d.resolve("tools/differential/oracle.mjs"))) {
                return d;
            }
        }
        throw new IllegalStateException("cannot find tools/differential/oracle.mjs above " + p);
    }

    /** Runs {@code npm ci} in tools/differential unless the pinned reference is already installed there. */
    private static void installReference(Path tool) throws IOException, InterruptedException {
        requireTool("node");
        Path installed = tool.resolve("node_modules/@cloud-copilot/iam-simulate/package.json");
        if (Files.isRegularFile(installed)
                && Json.read(Files.readString(installed)).path("version").asText().equals(SIMULATE_VERSION)) {
            return;
        }
        requireTool("npm");
        Path log = Files.createTempFile("npm-ci", ".log");
        Process npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund", "--loglevel=error")
                .directory(tool.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!npm.waitFor(10, TimeUnit.MINUTES)) {
            npm.destroyForcibly();
            fail("npm ci in %s did not finish within 10 minutes", tool);
        }
        if (npm.exitValue() != 0) {
            fail("npm ci in %s failed (exit %d):%n%s", tool, npm.exitValue(), Files.readString(log));
        }
    }

    private static void requireTool(String name) throws InterruptedException {
        try {
            Process p = new ProcessBuilder(name, "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                fail("'%s --version' failed; the differential test needs Node.js and npm", name);
            }
        } catch (IOException e) {
            fail("the differential test needs Node.js (node) and npm on the PATH to run the reference evaluator "
                    + "@cloud-copilot/iam-simulate: cannot run '%s' (%s). Install them (e.g. apt-get install nodejs "
                    + "npm) and re-run.", name, e.getMessage());
        }
    }

    private static List<String> runOracle(Path tool, Path input, Path tmp) throws IOException, InterruptedException {
        Path out = tmp.resolve("reference.jsonl");
        Path err = tmp.resolve("reference.err");
        ProcessBuilder pb = new ProcessBuilder("node", tool.resolve("oracle.mjs").toString())
                .directory(tool.toFile()).redirectInput(input.toFile()).redirectOutput(out.toFile())
                .redirectError(err.toFile());
        pb.environment().put("TZ", "UTC");
        Process node = pb.start();
        if (!node.waitFor(Duration.ofMinutes(3).toSeconds(), TimeUnit.SECONDS)) {
            node.destroyForcibly();
            fail("the reference oracle did not finish within 3 minutes");
        }
        if (node.exitValue() != 0) {
            fail("the reference oracle failed (exit %d):%n%s", node.exitValue(), Files.readString(err));
        }
        return Files.readAllLines(out, StandardCharsets.UTF_8);
    }

    // ---- our engine, in-process ------------------------------------------------------------------

    private static List<String> runEngine(List<Case> cases) {
        StringBuilder in = new StringBuilder(cases.size() * 600);
        cases.forEach(c -> in.append(c.line()).append('\n'));
        StringWriter out = new StringWriter();
        BatchCheck.run(new ByteArrayInputStream(in.toString().getBytes(StandardCharsets.UTF_8)), out);
        return out.toString().lines().toList();
    }

    // ---- comparison --------------------------------------------------------------------------------

    /** Per-feature tallies. */
    static final class Tally {
        int total;
        int agreed;
        int known;
        int unexpected;
        int oracleErrors;
        final Map<String, Integer> decisions = new TreeMap<>();
    }

    record Disagreement(int index, Case c, String ours, String reference) {}

    record OracleError(int index, Case c, String message) {}

    static final class Report {
        final Map<String, Tally> features = new TreeMap<>();
        final Map<String, Integer> decisions = new TreeMap<>();
        final Map<String, Integer> known = new TreeMap<>();
        final List<Disagreement> unexpected = new ArrayList<>();
        final List<OracleError> oracleErrors = new ArrayList<>();
        int compared;

        String render(long seed, double seconds) {
            StringBuilder b = new StringBuilder();
            b.append(String.format("%nDifferential test against @cloud-copilot/iam-simulate %s: seed %d, %d requests, "
                    + "%.1f s%n", SIMULATE_VERSION, seed, features.values().stream().mapToInt(t -> t.total).sum(),
                    seconds));
            b.append(String.format("compared %d; reference decisions %s; reference refused %d; documented "
                    + "divergences %s; undocumented disagreements %d%n", compared, decisions, oracleErrors.size(),
                    known, unexpected.size()));
            b.append(String.format("%-30s %6s %6s %6s %6s %6s   %s%n", "feature", "total", "agree", "known", "DIFF",
                    "refuse", "reference decisions"));
            features.forEach((f, t) -> b.append(String.format("%-30s %6d %6d %6d %6d %6d   %s%n", f, t.total, t.agreed,
                    t.known, t.unexpected, t.oracleErrors, t.decisions)));
            for (Disagreement d : unexpected.subList(0, Math.min(SHOWN_MISMATCHES, unexpected.size()))) {
                b.append(String.format("%nDISAGREEMENT #%d [%s]%n  request:   %s%n  engine:    %s%n  reference: %s%n",
                        d.index() + 1, d.c().feature(), d.c().line(), d.ours(), d.reference()));
            }
            if (unexpected.size() > SHOWN_MISMATCHES) {
                b.append(String.format("%n... and %d more disagreements%n", unexpected.size() - SHOWN_MISMATCHES));
            }
            for (OracleError e : oracleErrors.subList(0, Math.min(SHOWN_MISMATCHES, oracleErrors.size()))) {
                b.append(String.format("%nREFUSED BY THE REFERENCE #%d [%s]: %s%n  request: %s%n", e.index() + 1,
                        e.c().feature(), e.message(), e.c().line()));
            }
            for (KnownDivergences.Divergence d : KnownDivergences.ALL) {
                if (!known.containsKey(d.name())) {
                    b.append(String.format("note: documented divergence %s did not occur with this seed%n", d.name()));
                }
            }
            return b.toString();
        }
    }

    static Report compare(List<Case> cases, List<String> ours, List<String> reference) {
        Report report = new Report();
        for (int i = 0; i < cases.size(); i++) {
            Case c = cases.get(i);
            Tally t = report.features.computeIfAbsent(c.feature(), k -> new Tally());
            t.total++;
            JsonNode ref = Json.read(reference.get(i));
            JsonNode our = Json.read(ours.get(i));
            if (ref.has("error")) {
                t.oracleErrors++;
                report.oracleErrors.add(new OracleError(i, c, ref.get("error").asText()));
                continue;
            }
            report.compared++;
            String refDecision = ref.path("decision").asText();
            String ourDecision = our.has("error") ? "error: " + our.get("error").asText() : our.path("decision").asText();
            t.decisions.merge(refDecision, 1, Integer::sum);
            report.decisions.merge(refDecision, 1, Integer::sum);
            if (refDecision.equals(ourDecision)) {
                t.agreed++;
                continue;
            }
            var known = KnownDivergences.explain(new Mismatch(Json.read(c.line()), ourDecision, refDecision));
            if (known.isPresent()) {
                t.known++;
                report.known.merge(known.get(), 1, Integer::sum);
            } else {
                t.unexpected++;
                report.unexpected.add(new Disagreement(i, c, ours.get(i), reference.get(i)));
            }
        }
        return report;
    }

    /** Writes the report and every disagreement (one JSON object per line) under target/. */
    private static void writeReport(String text, Report report) {
        try {
            Path dir = Path.of("target");
            if (Files.isDirectory(dir)) {
                Files.writeString(dir.resolve("differential-report.txt"), text, StandardCharsets.UTF_8);
                List<String> all = new ArrayList<>();
                for (Disagreement d : report.unexpected) {
                    all.add("{\"feature\":\"" + d.c().feature() + "\",\"engine\":" + d.ours() + ",\"reference\":"
                            + d.reference() + ",\"request\":" + d.c().line() + "}");
                }
                Files.write(dir.resolve("differential-disagreements.jsonl"), all, StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            // the report was printed already; the file is a convenience
        }
    }
}
