package dev.airlock.cli.check;

/** Refuses action names the AWS catalog does not know, with a suggestion. */
final class ActionNames {
    private ActionNames() {}

    static void requireKnown(String action) {
        // Wired to the catalog once it lands (see dev.airlock.catalog).
    }
}
