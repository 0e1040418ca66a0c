package io.wsroute.nginx;

import java.util.Map;
import java.util.Optional;

/**
 * What one NGINX data plane does differently from the others, behind one interface: each controller has one
 * implementation, and {@link ControllerFlavor#plane()} finds it. Callers ask the plane instead of comparing
 * flavours, so a new data plane is a new implementation rather than a new branch in every caller.
 *
 * <p>The plane states facts (which keys the controller reads, how it parses a time, what its ConfigMap means); the
 * rules decide what a fact implies for WebSocket traffic.
 */
public interface DataPlane {

    /** The controller's identity (CLI name, IngressClass controller name). */
    ControllerFlavor flavor();

    /** True when the controller reads this exact annotation key. */
    boolean reads(String key);

    /**
     * True when the controller reads this exact key in the release the settings name: ingress-nginx's annotation
     * table is versioned by release ({@code wsroute.controllers.ingress-nginx.version}); a plane whose catalogue is
     * not versioned answers {@link #reads(String)}.
     */
    boolean reads(String key, IngressNginxVersion ingressNginx);

    /** True when the key carries one of this controller's prefixes, whether or not the name is one it reads. */
    boolean ownsPrefix(String key);

    /** Snippet annotations, which the controller gates behind its own switch ({@link #snippetGate()}). */
    boolean isSnippet(String key);

    /** What has to be on for the controller to apply snippet annotations. */
    SnippetGate snippetGate();

    /** The ConfigMap keys whose snippets the controller writes into every http block, server and location. */
    ConfigMapSnippets.Keys configMapSnippetKeys();

    /** The snippet annotation inserted into every location of the Ingress (where Upgrade headers live). */
    String locationSnippet();

    String proxyReadTimeout();

    String proxySendTimeout();

    /** How the controller reads and wants written its timeout annotations. */
    TimeoutSyntax timeoutSyntax();

    /** The annotation that turns the TLS-default HTTP to HTTPS redirect off. */
    String sslRedirect();

    /** An older key the controller reads for {@link #sslRedirect()} when that one is absent. */
    Optional<String> legacySslRedirect();

    /** The annotation that forces the HTTP to HTTPS redirect even without TLS on the Ingress. */
    String forceSslRedirect();

    /** Which requests {@link #forceSslRedirect()} (or its ConfigMap key) redirects, in words for messages. */
    String forceRedirectScope();

    /** How the controller's ConfigMap spells and reads its controller-wide redirect keys. */
    ConfigMapRedirects.Dialect configMapRedirects();

    /** The annotation that sets the redirect's status, when the controller has one (else only its ConfigMap). */
    Optional<String> redirectCodeAnnotation();

    /** The snippet annotation written into every server block of the Ingress. */
    String serverSnippet();

    /**
     * True when the Ingress's own snippet annotations replace the ConfigMap's snippets (F5), false when both are
     * written (ingress-nginx).
     */
    boolean snippetAnnotationsReplaceConfigMap();

    /** The annotation listing the Services the controller forwards Upgrade for, when it needs such a list. */
    Optional<String> webSocketServices();

    /**
     * The controller's own error for the annotation's value on this Ingress when it refuses it (drops the Ingress or
     * its locations, or renders a directive nginx refuses); empty when it takes the value.
     */
    Optional<String> refusal(String key, AnnotatedIngress ingress);

    /**
     * True when the controller ignores this annotation because the Ingress is a mergeable master or minion that may
     * not carry it (only the F5 controller merges Ingresses).
     */
    boolean droppedByMergeable(String key, Map<String, String> annotations, ControllerProfile profile);

    /**
     * True when the Ingress is a mergeable minion: only its locations are used, inside the server its master
     * defines (TLS, redirects).
     */
    boolean isMergeableMinion(Map<String, String> annotations);

    /** True when the controller ships an admission webhook of its own that judges Ingresses before they land. */
    boolean hasAdmissionWebhook();

    /**
     * The first-class annotations (never snippets) that make this controller carry WebSocket for the Ingress, beyond
     * the read and send timeouts; the caller drops the keys the Ingress already carries.
     */
    Map<String, String> upgradeAnnotations(UpgradeNeeds needs);

    /** How to give a WebSocket backend session affinity on this controller, as advice for a finding's fix. */
    String affinityAdvice();

    /**
     * The controller's documented defaults, used when its ConfigMap cannot be found.
     *
     * @param snippetsFlag the F5 controller's {@code -enable-snippets} flag, which only a plane gated by
     *     {@link SnippetGate#CONTROLLER_FLAG} reads
     */
    ControllerProfile defaults(boolean snippetsFlag);

    /**
     * Reads the controller's ConfigMap data as the controller does.
     *
     * @param source a human name for the ConfigMap, e.g. {@code ConfigMap ingress-nginx/ingress-nginx-controller}
     */
    ControllerProfile readConfigMap(Map<String, String> data, String source, boolean snippetsFlag);

    /** The route's access settings as this controller's annotations, and what it cannot enforce. */
    AccessPlan planAccess(RouteAccess access, ControllerProfile profile);
}
