package io.wsroute.rules;

import java.util.List;

/** The registry: which checks run, and on which Ingresses. */
final class RuleChecks {

    /** Run on every Ingress. */
    static final List<RuleCheck> ALWAYS = List.of(new MarkerCheck());

    /** Run only on Ingresses that carry WebSocket traffic, in rule-id order. */
    static final List<RuleCheck> WEBSOCKET = List.of(
            new TimeoutCheck(), // WS101, WS102, WS103
            new RedirectCheck(), // WS104
            new HttpVersionCheck(), // WS105
            new UpgradeHeaderCheck(), // WS106
            new BackendProtocolCheck(), // WS107
            new NginxIncServicesCheck(), // WS108, WS109
            new AnnotationPrefixCheck(), // WS110, WS111
            new SnippetGateCheck(), // WS112
            new AffinityCheck(), // WS113
            new ReloadCheck(), // WS114
            new TlsBackendCheck(), // WS115
            new ConfigMapProblemsCheck(), // WS116, WS125
            new SecondConnectionHeaderCheck(), // WS117
            new RejectionCheck(), // WS118, WS122
            new PassthroughCheck()); // WS143, WS144 (ingress-nginx)

    private RuleChecks() {}
}
