package io.wsroute.probe;

/** Where the operator sends a route's handshake probe (configuration {@code wsroute.probe.mode}). */
public enum ProbeMode {
    /** No probing; routes carry no HandshakeVerified condition. */
    OFF,
    /** The controller's Service by its cluster DNS name: what pods in the cluster reach. */
    CONTROLLER_SERVICE,
    /** The route's Ingress load-balancer address (status.loadBalancer): what clients outside reach. */
    LOAD_BALANCER,
    /** A fixed address from configuration (a port-forward, a node port, a test's nginx). */
    ADDRESS
}
