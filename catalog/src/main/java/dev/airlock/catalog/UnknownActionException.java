package dev.airlock.catalog;

/** Thrown when an action name is not in the catalog; carries the suggestions. */
public final class UnknownActionException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final transient DidYouMean didYouMean;

    public UnknownActionException(DidYouMean didYouMean) {
        super(didYouMean.message());
        this.didYouMean = didYouMean;
    }

    public DidYouMean didYouMean() {
        return didYouMean;
    }
}
