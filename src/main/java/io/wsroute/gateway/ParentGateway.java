package io.wsroute.gateway;

/**
 * A Gateway an HTTPRoute names in {@code spec.parentRefs}, with what serves it.
 *
 * @param parentRef index of the parentRef, for the field of a finding
 */
public record ParentGateway(int parentRef, String namespace, String name, Served served) {

    /** Which data plane serves the Gateway, from its GatewayClass's controllerName. */
    public enum Served {
        /** NGINX Gateway Fabric. */
        NGF,
        /** Another Gateway API implementation: only the implementation-neutral rules apply. */
        OTHER,
        /** The Gateway or its class is not known (lint without them, or not in the cache yet): judged as NGF. */
        UNKNOWN;

        public boolean judgedAsNgf() {
            return this != OTHER;
        }
    }

    public String key() {
        return namespace + "/" + name;
    }
}
