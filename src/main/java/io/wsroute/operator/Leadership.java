package io.wsroute.operator;

import io.quarkus.runtime.StartupEvent;
import io.wsroute.config.WsrouteConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

/**
 * Whether this replica is the one that does cluster-wide background work (the route controllers, the audit).
 * Leader election itself is the operator SDK's ({@link LeaderElectionSettings}); its Lease callbacks land here, so
 * work that is not a JOSDK controller (io.wsroute.audit) follows the same Lease instead of electing on its own.
 * Without leader election (no Lease namespace, or a profile where quarkus-operator-sdk does not activate it) this
 * process is alone and leads from the start.
 */
@ApplicationScoped
public class Leadership {

    private static final Logger LOG = Logger.getLogger(Leadership.class);

    private final AtomicBoolean leader = new AtomicBoolean();
    private final List<Once> onStart = new CopyOnWriteArrayList<>();

    void onStart(@Observes StartupEvent event, WsrouteConfig config) {
        if (config.leaderElection().namespace().isEmpty() || !electionActiveInProfile()) {
            started();
        }
    }

    void started() {
        if (!leader.compareAndSet(false, true)) {
            return;
        }
        LOG.info("this replica leads: background work (routes, audit) runs here");
        // Each action runs once even when whenLeading races with this: whichever thread gets to it first runs it.
        onStart.forEach(Once::run);
    }

    void stopped() {
        // The operator SDK exits the process when it loses the Lease; this only stops new work meanwhile.
        leader.set(false);
        LOG.info("this replica no longer leads");
    }

    public boolean isLeader() {
        return leader.get();
    }

    /**
     * Runs {@code action} once this replica leads (now, if it already does), and only once: the SDK exits the
     * process when the Lease is lost, so there is no second term to run it again in.
     */
    public void whenLeading(Runnable action) {
        Once once = new Once(action);
        onStart.add(once);
        if (leader.get()) {
            once.run();
        }
    }

    /** An action and whether it ran, so the two threads that may both see it due (above) run it once between them. */
    private record Once(Runnable action, AtomicBoolean ran) {
        Once(Runnable action) {
            this(action, new AtomicBoolean());
        }

        void run() {
            if (ran.compareAndSet(false, true)) {
                action.run();
            }
        }
    }

    /** Whether quarkus-operator-sdk activates leader election in the running profile (its default: prod only). */
    static boolean electionActiveInProfile() {
        var config = ConfigProvider.getConfig();
        List<String> active = config.getOptionalValues(
                        "quarkus.operator-sdk.activate-leader-election-for-profiles", String.class)
                .orElse(List.of("prod"));
        List<String> profiles = io.quarkus.runtime.configuration.ConfigUtils.getProfiles();
        return profiles.stream().anyMatch(active::contains);
    }
}
