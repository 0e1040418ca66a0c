package io.wsroute.nginx;

/** What a controller needs before it applies snippet annotations. */
public enum SnippetGate {
    /**
     * ingress-nginx: ConfigMap {@code allow-snippet-annotations: "true"} and {@code annotations-risk-level} Critical
     * (snippets are rated Critical); its admission webhook denies the Ingress otherwise.
     */
    CONFIGMAP_AND_RISK_LEVEL,
    /** The F5 controller: its {@code -enable-snippets} command-line flag; it rejects the Ingress otherwise. */
    CONTROLLER_FLAG
}
