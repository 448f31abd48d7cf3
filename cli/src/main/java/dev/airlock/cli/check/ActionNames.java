package dev.airlock.cli.check;

import dev.airlock.catalog.ActionCatalog;
import dev.airlock.catalog.UnknownActionException;
import dev.airlock.cli.BadInputException;

/** Refuses action names the AWS catalog does not know, with a suggestion. */
final class ActionNames {
    private ActionNames() {}

    static void requireKnown(String action) {
        try {
            ActionCatalog.builtIn().require(action);
        } catch (UnknownActionException e) {
            throw new BadInputException("--action: " + e.didYouMean().message(),
                    "list the actions of a service with: airlock actions '"
                            + e.didYouMean().service().orElse(serviceOf(action)) + ":*'");
        }
    }

    private static String serviceOf(String action) {
        int colon = action.indexOf(':');
        return colon < 0 ? action : action.substring(0, colon);
    }
}
