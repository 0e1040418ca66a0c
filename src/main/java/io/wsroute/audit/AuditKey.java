package io.wsroute.audit;

/**
 * What an Ingress's findings depend on, as far as the caches say: its own resourceVersion, the controllers
 * (IngressClasses and ConfigMaps: {@code epoch}), the Services of its namespace ({@code namespaceEpoch}) and the
 * namespace's admission mode. Equal keys, equal findings: a change-driven step skips the Ingress.
 * (Ready endpoint counts are not in the key: the periodic pass re-evaluates everything.)
 */
record AuditKey(String resourceVersion, long epoch, long namespaceEpoch, String mode) {}
