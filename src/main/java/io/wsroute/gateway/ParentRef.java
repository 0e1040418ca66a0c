package io.wsroute.gateway;

/** A Gateway named in an HTTPRoute's {@code spec.parentRefs[index]}, before it is resolved. */
public record ParentRef(int index, String namespace, String name) {}
