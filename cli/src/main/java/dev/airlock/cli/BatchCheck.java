package dev.airlock.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.airlock.cli.check.DecisionJson;
import dev.airlock.cli.check.RequestJson;
import dev.airlock.policy.Evaluator;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;

/**
 * {@code airlock check --batch}: one request per JSON line in, one decision per line out, in
 * order. A bad line yields {@code {"error": ...}} and processing continues.
 */
public final class BatchCheck {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private BatchCheck() {}

    /** Tallies of one batch run. */
    public record Totals(int lines, int allowed, int implicitlyDenied, int explicitlyDenied, int errors) {}

    public static Totals run(Reader in, Writer out) {
        RequestJson reader = new RequestJson(MAPPER);
        int lines = 0, allowed = 0, implicit = 0, explicit = 0, errors = 0;
        try (BufferedReader br = new BufferedReader(in)) {
            String text;
            int lineNo = 0;
            while ((text = br.readLine()) != null) {
                lineNo++;
                if (text.isBlank()) {
                    continue;
                }
                lines++;
                String result;
                try {
                    JsonNode node = MAPPER.readTree(text);
                    RequestJson.Parsed p = reader.parse(node);
                    var decision = Evaluator.evaluate(p.policies(), p.request());
                    switch (decision.outcome()) {
                        case ALLOWED -> allowed++;
                        case IMPLICITLY_DENIED -> implicit++;
                        case EXPLICITLY_DENIED -> explicit++;
                    }
                    result = MAPPER.writeValueAsString(DecisionJson.of(MAPPER, decision));
                } catch (JsonProcessingException e) {
                    errors++;
                    result = error(lineNo, "malformed JSON: " + e.getOriginalMessage());
                } catch (BadInputException e) {
                    errors++;
                    result = error(lineNo, e.getMessage());
                }
                out.write(result);
                out.write('\n');
            }
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Totals(lines, allowed, implicit, explicit, errors);
    }

    private static String error(int line, String message) throws JsonProcessingException {
        return MAPPER.writeValueAsString(MAPPER.createObjectNode().put("error", "line " + line + ": " + message));
    }
}
