package dev.airlock.catalog;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Why an action name was not found and what the user probably meant.
 *
 * @param service the closest known service prefix, present only when the service was unknown
 * @param actions closest full action names ({@code service:Name}), best first; may be empty
 */
public record DidYouMean(String input, Reason reason, Optional<String> service, List<String> actions) {

    public enum Reason {
        /** Not of the form {@code service:Action}. */
        MALFORMED,
        /** No service has this prefix. */
        UNKNOWN_SERVICE,
        /** The service exists but has no such action. */
        UNKNOWN_ACTION
    }

    public DidYouMean {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(service, "service");
        actions = List.copyOf(actions);
    }

    /** A one-line explanation suitable for a CLI error. */
    public String message() {
        StringBuilder text = new StringBuilder();
        switch (reason) {
            case MALFORMED -> text.append("'").append(input).append("' is not of the form service:Action");
            case UNKNOWN_SERVICE -> text.append("unknown service in '").append(input).append("'");
            case UNKNOWN_ACTION -> text.append("unknown action '").append(input).append("'");
        }
        if (!actions.isEmpty()) {
            text.append("; did you mean ").append(String.join(", ", actions)).append('?');
        } else if (service.isPresent()) {
            text.append("; did you mean service '").append(service.get()).append("'?");
        }
        return text.toString();
    }
}
