package dev.airlock.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.airlock.cli.check.DecisionJson;
import dev.airlock.cli.check.LineBlocks;
import dev.airlock.cli.check.RequestJson;
import dev.airlock.cli.check.RequestLines;
import dev.airlock.policy.Decision;
import dev.airlock.policy.Evaluator;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * {@code airlock check --batch}: one request per JSON line in, one decision per line out, in
 * order. A bad line yields {@code {"error": "line N: ..."}} and processing continues. Blank lines
 * are skipped (and counted in the line numbers).
 *
 * <p>Each line is decided exactly as {@link #decideLine} decides it on its own. The input is cut
 * into blocks of whole lines, which worker threads (one per processor) decide while this thread
 * reads the next blocks and writes the finished ones in order. At most two blocks per worker are in
 * flight, so memory stays bounded for any input length. A worker does not know how many lines came
 * before its block, so it numbers errors within the block and the writer adds the count.
 */
public final class BatchCheck {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private BatchCheck() {}

    /** Tallies of one batch run. */
    public record Totals(int lines, int allowed, int implicitlyDenied, int explicitlyDenied, int errors) {
        static final Totals NONE = new Totals(0, 0, 0, 0, 0);

        Totals plus(Totals o) {
            return new Totals(lines + o.lines, allowed + o.allowed, implicitlyDenied + o.implicitlyDenied,
                    explicitlyDenied + o.explicitlyDenied, errors + o.errors);
        }
    }

    /** A line that could not be decided: where its output goes in the block's text, its number in the block. */
    private record LineError(int at, int line, String message) {}

    /** A decided block: its output (errors still to be placed), line count (blank ones too) and tallies. */
    private record Done(String text, List<LineError> errors, int lineCount, Totals totals) {}

    public static Totals run(InputStream in, Writer out) {
        int workers = Math.max(1, Runtime.getRuntime().availableProcessors());
        ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(r, "airlock-batch");
            t.setDaemon(true);
            return t;
        });
        // Each worker thread keeps its own reader, and with it its own cache of compiled policies.
        ThreadLocal<RequestLines> readers = ThreadLocal.withInitial(() -> new RequestLines(MAPPER, workers));
        ArrayDeque<Future<Done>> inFlight = new ArrayDeque<>();
        InOrder writer = new InOrder(out);
        try {
            LineBlocks blocks = new LineBlocks(in);
            for (Optional<LineBlocks.Block> b = blocks.next(); b.isPresent(); b = blocks.next()) {
                LineBlocks.Block block = b.get();
                inFlight.add(pool.submit(() -> decide(block, readers.get())));
                while (!inFlight.isEmpty() && (inFlight.peek().isDone() || inFlight.size() >= 2 * workers)) {
                    writer.write(inFlight.poll());
                }
            }
            while (!inFlight.isEmpty()) {
                writer.write(inFlight.poll());
            }
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            pool.shutdownNow();
        }
        return writer.totals;
    }

    /**
     * The output line (without its line break) of one batch line on its own, {@code lineNo} being
     * its line number; empty for a blank line, which a batch skips. What {@link #run} writes for
     * every line.
     */
    public static Optional<String> decideLine(String text, int lineNo) {
        if (text.isBlank()) {
            return Optional.empty();
        }
        try {
            RequestJson.Parsed p = new RequestJson(MAPPER).parse(text);
            StringWriter out = new StringWriter();
            try (JsonGenerator g = MAPPER.getFactory().createGenerator(out)) {
                DecisionJson.write(g, Evaluator.evaluate(p.policies(), p.request()));
            }
            return Optional.of(out.toString());
        } catch (BadInputException e) {
            return Optional.of(error(lineNo, e.getMessage()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes decided blocks in order, numbering their errors after the lines before them. */
    private static final class InOrder {
        private final Writer out;
        private int linesBefore;
        private Totals totals = Totals.NONE;

        InOrder(Writer out) {
            this.out = out;
        }

        void write(Future<Done> pending) throws IOException {
            Done done = await(pending);
            int from = 0;
            for (LineError e : done.errors()) {
                out.write(done.text(), from, e.at() - from);
                out.write(error(linesBefore + e.line(), e.message()));
                from = e.at();
            }
            out.write(done.text(), from, done.text().length() - from);
            linesBefore += done.lineCount();
            totals = totals.plus(done.totals());
        }

        private static Done await(Future<Done> pending) {
            try {
                return pending.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while deciding a batch", e);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException r) {
                    throw r;
                }
                throw new IllegalStateException("deciding a batch failed", e.getCause());
            }
        }
    }

    private static String error(int line, String message) {
        try {
            return MAPPER.writeValueAsString(MAPPER.createObjectNode().put("error", "line " + line + ": " + message));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Done decide(LineBlocks.Block block, RequestLines reader) throws IOException {
        int lines = 0, allowed = 0, implicit = 0, explicit = 0;
        List<LineError> errors = new ArrayList<>(0);
        StringWriter text = new StringWriter(block.length() / 4);
        try (JsonGenerator g = MAPPER.getFactory().createGenerator(text)) {
            g.setRootValueSeparator(null);
            RequestLines.Lines in = reader.lines(block.bytes(), block.length());
            int line = 0;
            while (in.next()) {
                line++;
                if (in.blank()) {
                    continue;
                }
                lines++;
                try {
                    RequestJson.Parsed p = in.parse();
                    Decision decision = Evaluator.evaluate(p.policies(), p.request());
                    switch (decision.outcome()) {
                        case ALLOWED -> allowed++;
                        case IMPLICITLY_DENIED -> implicit++;
                        case EXPLICITLY_DENIED -> explicit++;
                    }
                    DecisionJson.write(g, decision);
                } catch (BadInputException e) {
                    g.flush();
                    errors.add(new LineError(text.getBuffer().length(), line, e.getMessage()));
                }
                g.writeRaw('\n');
            }
            g.flush();
            return new Done(text.toString(), errors, line, new Totals(lines, allowed, implicit, explicit, errors.size()));
        }
    }
}
