package io.wsroute.migrate;

import java.io.PrintWriter;
import java.util.List;

/** The report on stderr: a block per Ingress, a line per change, and a summary. */
public final class MigrationReport {

    private MigrationReport() {}

    public static void print(List<? extends Migrated> migrated, PrintWriter err) {
        int decisions = 0;
        for (Migrated ingress : migrated) {
            boolean open = ingress.needsDecision();
            decisions += open ? 1 : 0;
            err.printf(
                    "%s: Ingress %s: %s%n", ingress.source(), ingress.name(), open ? "needs a decision" : "translated");
            ingress.changes()
                    .forEach(change -> err.printf("  %s: %s%n", change.kind().label(), change.text()));
        }
        err.printf(
                "%d Ingress%s migrated, %d need%s a decision%n",
                migrated.size(), migrated.size() == 1 ? "" : "es", decisions, decisions == 1 ? "s" : "");
    }
}
