package io.wsroute.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithConverter;
import io.smallrye.config.WithDefault;
import io.wsroute.nginx.ControllerFlavor;
import io.wsroute.nginx.IngressNginxVersion;
import io.wsroute.nginx.NginxIncVersion;
import io.wsroute.probe.ProbeMode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Everything wsroute can be told, under the {@code wsroute.} prefix (environment: {@code WSROUTE_...}). */
@ConfigMapping(prefix = "wsroute")
public interface WsrouteConfig {

    Admission admission();

    Rules rules();

    Controllers controllers();

    Probe probe();

    /** PEM files of the webhook's serving certificate; application.properties hands them to the HTTPS listener. */
    Tls tls();

    /** Lease-based leader election: only the Lease holder reconciles; every replica serves the webhooks. */
    LeaderElection leaderElection();

    /** The background audit of every Ingress (leader only): io.wsroute.audit. */
    Audit audit();

    /** Gateway API (NGINX Gateway Fabric): whether wsroute watches HTTPRoutes, Gateways and their policies. */
    GatewayApi gatewayApi();

    /** The pod wsroute runs in, as the chart passes it through the downward API; unset outside a cluster. */
    Pod pod();

    interface Pod {
        /** metadata.namespace of the pod. */
        Optional<String> namespace();

        /** spec.serviceAccountName of the pod: with the namespace, who wsroute's own API requests come from. */
        Optional<String> serviceAccount();
    }

    interface GatewayApi {
        /**
         * Off by default: the chart grants read access to the Gateway API objects only when its webhooks are on, and
         * the caches start only for the types the cluster serves.
         */
        @WithDefault("false")
        boolean enabled();
    }

    interface Audit {
        /** Off: no audit, no reports, no audit Events (the webhooks and routes are unaffected). */
        @WithDefault("true")
        boolean enabled();

        /** How often every Ingress is evaluated again from the cache, changed or not (EndpointSlices, missed events). */
        @WithDefault("10m")
        Duration interval();

        /** How long changes are collected before one audit step evaluates them all (coalescing bursts). */
        @WithDefault("2s")
        Duration debounce();

        /** Results kept per namespace report (the summary counts all): keeps a report far below etcd's object limit. */
        @WithDefault("500")
        int maxReportResults();
    }

    interface Tls {
        Optional<String> cert();

        Optional<String> key();

        /** wsroute issues, stores and renews its own webhook certificate (Helm {@code tls.mode=self-managed}). */
        SelfManaged selfManaged();
    }

    interface SelfManaged {
        @WithDefault("false")
        boolean enabled();

        /** Secret (in {@link #namespace()}) that holds the CA, the serving certificate and their keys. */
        @WithDefault("wsroute-webhook-tls")
        String secret();

        /** wsroute's own namespace (the chart passes the pod's); required when enabled. */
        Optional<String> namespace();

        /** The Service the API server calls; its cluster DNS names go into the certificate. */
        @WithDefault("wsroute")
        String service();

        /** Name of wsroute's ValidatingWebhookConfiguration and MutatingWebhookConfiguration, whose caBundle it sets. */
        @WithDefault("wsroute")
        String webhookConfiguration();

        /** Extra DNS names or IP addresses for the certificate (wsroute reached by URL, e.g. outside the cluster). */
        Optional<List<String>> hosts();

        @WithDefault("8760h")
        Duration certificateValidity();

        @WithDefault("87600h")
        Duration caValidity();

        /** Renew a certificate (or the CA) when less than this is left. */
        @WithDefault("720h")
        Duration renewBefore();

        /** How often the Secret and the caBundles are checked (and renewals by other replicas picked up). */
        @WithDefault("1h")
        Duration checkInterval();
    }

    interface LeaderElection {
        /** Namespace of the Lease; leader election is off without one (local runs, tests). */
        Optional<String> namespace();

        @WithDefault("wsroute-leader")
        String leaseName();
    }

    /** {@code wsroute.admission.existing-violations}. */
    enum ExistingViolations {
        WARN,
        DENY
    }

    interface Admission {
        /** enforce: deny Ingresses with error findings; warn: admit them with warnings. */
        @WithDefault("enforce")
        @WithConverter(ConfiguredModeConverter.class)
        AdmissionMode mode();

        /**
         * Flavour assumed when an Ingress's IngressClass cannot be found (named class missing, or no class and no
         * default class): {@code ingress-nginx} or {@code nginx-inc}. Any other value stops start-up.
         */
        @WithDefault("ingress-nginx")
        ControllerFlavor defaultController();

        /**
         * Longest wsroute takes to answer a review. A decision not ready by then is abandoned and the request admitted
         * with a warning. Keep it well below the webhook configurations' timeoutSeconds, after which the API server
         * applies failurePolicy instead.
         */
        @WithDefault("2s")
        Duration deadline();

        /**
         * What an UPDATE of an Ingress that already broke a rule gets in enforce mode: {@code warn} (default) denies
         * only the errors the update introduces and returns those it already had as warnings, so a label change or
         * a Helm upgrade of an application is not held hostage by an Ingress that predates wsroute; {@code deny}
         * judges the new object alone and denies every error.
         */
        @WithDefault("warn")
        ExistingViolations existingViolations();

        /**
         * Serves {@code POST /admission/floor}, which reads a body and answers a fixed AdmissionReview without
         * looking at it: the framework's cost of a webhook call, which the admission benchmark (BENCHMARKS.md)
         * compares wsroute's endpoints against. Off (404) unless a benchmark turns it on.
         */
        @WithDefault("false")
        boolean benchmarkFloor();
    }

    interface Rules {
        /** Minimum idle timeout for WebSocket traffic; the mutator sets timeouts to it. */
        @WithDefault("1h")
        Duration minIdleTimeout();

        /** Minimum worker-shutdown-timeout before reloads count as dropping sockets early. */
        @WithDefault("240s")
        Duration minReloadGrace();
    }

    interface Controllers {
        IngressNginx ingressNginx();

        NginxInc nginxInc();

        /** The configured settings of one controller (the only place that maps a flavour to its keys). */
        default Controller of(ControllerFlavor flavor) {
            return Map.<ControllerFlavor, Controller>of(
                            ControllerFlavor.INGRESS_NGINX, ingressNginx(), ControllerFlavor.NGINX_INC, nginxInc())
                    .get(flavor);
        }
    }

    /** What every controller has in wsroute's configuration. */
    interface Controller {
        /** namespace/name of the controller's ConfigMap. */
        String configMap();

        /** namespace/name of the controller's Service, probed in {@code wsroute.probe.mode=controller-service}. */
        String service();
    }

    interface IngressNginx extends Controller {
        /** namespace/name of the ingress-nginx controller ConfigMap (the Helm chart's default name). */
        @WithDefault("ingress-nginx/ingress-nginx-controller")
        String configMap();

        /** namespace/name of the controller's Service, probed in {@code wsroute.probe.mode=controller-service}. */
        @WithDefault("ingress-nginx/ingress-nginx-controller")
        String service();

        /**
         * The release that serves these Ingresses (1.9 to 1.15, e.g. {@code 1.11.3}); unset means the latest. A few
         * verdicts differ between releases (README "ingress-nginx releases").
         */
        @WithConverter(IngressNginxVersionConverter.class)
        Optional<IngressNginxVersion> version();

        /**
         * Whether the controller runs with {@code --enable-ssl-passthrough}, which its ConfigMap does not show. With
         * it, TLS connections of an Ingress with {@code ssl-passthrough: "true"} bypass nginx (README "TLS
         * passthrough").
         */
        @WithDefault("true")
        boolean sslPassthrough();
    }

    interface NginxInc extends Controller {
        /**
         * namespace/name of the F5 controller ConfigMap (its {@code -nginx-configmaps} flag). The F5 chart names it
         * after the release ({@code <release>-nginx-ingress}, or just the release name when that already contains
         * {@code nginx-ingress}; charts/nginx-ingress/templates/_helpers.tpl "nginx-ingress.configName"), so the
         * default fits {@code helm install nginx-ingress ... -n nginx-ingress}. The plain-manifest install uses
         * {@code nginx-ingress/nginx-config}.
         */
        @WithDefault("nginx-ingress/nginx-ingress")
        String configMap();

        /** The controller's -enable-snippets flag, which its ConfigMap does not show. */
        @WithDefault("false")
        boolean snippetsEnabled();

        /** The controller's release: which annotations it reads and how it validates them (README "F5 annotations"). */
        @WithDefault("5.5.4")
        @WithConverter(NginxIncVersionConverter.class)
        NginxIncVersion version();

        /** The controller runs NGINX Plus (its -nginx-plus flag); on NGINX OSS it rejects Plus-only annotations. */
        @WithDefault("false")
        boolean plus();

        /**
         * namespace/name of the controller's Service, probed in {@code wsroute.probe.mode=controller-service}; the F5
         * chart names it {@code <release>-controller} unless controller.service.name says otherwise.
         */
        @WithDefault("nginx-ingress/nginx-ingress-controller")
        String service();
    }

    /**
     * Live WebSocket handshakes through the controller for each ready WebSocketRoute (condition HandshakeVerified).
     * Probes run on their own bounded pool, never in a reconcile.
     */
    interface Probe {
        /**
         * off; controller-service (the serving controller's Service by cluster DNS name, what pods reach);
         * load-balancer (the Ingress's status.loadBalancer address, what clients outside reach); address (a fixed
         * host, {@code wsroute.probe.address}).
         */
        @WithDefault("controller-service")
        ProbeMode mode();

        /** Host (name or IP) to connect to in mode address. */
        Optional<String> address();

        /** Port for ws:// routes. */
        @WithDefault("80")
        int httpPort();

        /** Port for wss:// routes. */
        @WithDefault("443")
        int httpsPort();

        /** How often a ready route is probed again. */
        @WithDefault("5m")
        Duration interval();

        /** Bound on one probe: connect, TLS handshake and the answer. */
        @WithDefault("5s")
        Duration timeout();

        /** Probes running at once. */
        @WithDefault("4")
        int concurrency();

        /** Probes waiting for a thread; when full, routes are probed on a later reconcile. */
        @WithDefault("64")
        int queueLimit();

        /** Accept any certificate for wss:// routes (controllers serving their self-signed default certificate). */
        @WithDefault("false")
        boolean insecure();
    }
}
