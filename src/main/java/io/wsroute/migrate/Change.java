package io.wsroute.migrate;

/** One line of the migration report about an Ingress. */
public record Change(Kind kind, String text) {

    public enum Kind {
        /** carried over with the same effect */
        TRANSLATED("translated"),
        /** no equivalent on the target: the effect is gone */
        LOST("no equivalent"),
        /** written, or left out, in a way the user must confirm */
        DECIDE("decide"),
        /** for information: nothing changes for the traffic */
        NOTE("note");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** Lost effects and open decisions make the migration exit 1. */
    public boolean needsDecision() {
        return kind == Kind.LOST || kind == Kind.DECIDE;
    }
}
