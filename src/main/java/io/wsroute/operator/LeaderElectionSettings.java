package io.wsroute.operator;

import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.quarkus.arc.Unremovable;
import io.wsroute.config.WsrouteConfig;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Produces;
import org.jboss.logging.Logger;

/**
 * Lease-based leader election for the operator SDK: only the Lease holder runs the reconcilers; the webhooks do not
 * depend on it, so every replica serves them. On only when a Lease namespace is configured (the chart passes the
 * pod's namespace): a local run or a test has none, and the SDK would fail to infer one. quarkus-operator-sdk
 * additionally activates it only in the prod profile.
 */
@Dependent
public class LeaderElectionSettings {

    private static final Logger LOG = Logger.getLogger(LeaderElectionSettings.class);

    /** Null (no bean value) turns leader election off; quarkus-operator-sdk looks this bean up by type. */
    @Produces
    @Dependent
    @Unremovable
    LeaderElectionConfiguration leaderElection(WsrouteConfig config, Leadership leadership) {
        return leaderElection(config, leadership::started, leadership::stopped);
    }

    LeaderElectionConfiguration leaderElection(WsrouteConfig config, Runnable onStart, Runnable onStop) {
        WsrouteConfig.LeaderElection settings = config.leaderElection();
        if (settings.namespace().isEmpty()) {
            LOG.info("leader election off (no wsroute.leader-election.namespace): this process reconciles alone");
            return null;
        }
        LOG.infof("leader election on: Lease %s/%s", settings.namespace().get(), settings.leaseName());
        // The SDK's defaults (durations, identity from HOSTNAME, exit when the Lease is lost), plus callbacks so
        // that the audit follows the same Lease (Leadership).
        return new LeaderElectionConfiguration(
                settings.leaseName(),
                settings.namespace().get(),
                LeaderElectionConfiguration.LEASE_DURATION_DEFAULT_VALUE,
                LeaderElectionConfiguration.RENEW_DEADLINE_DEFAULT_VALUE,
                LeaderElectionConfiguration.RETRY_PERIOD_DEFAULT_VALUE,
                null,
                new LeaderCallbacks(onStart, onStop, identity -> {}),
                true);
    }
}
