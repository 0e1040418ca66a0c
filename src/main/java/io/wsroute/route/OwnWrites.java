package io.wsroute.route;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * wsroute's own writes of the objects a route owns (its Ingress, or its HTTPRoute and ProxySettingsPolicy), so that
 * the informer's echo of a write does not reconcile the owning route a second time: the reconcile that wrote the object already decided from the same plan, and the echo would find
 * nothing to do. Only the exact version the API server returned for the write is absorbed; any other version
 * (someone else's edit, a deletion) reaches the route as before. The echo often arrives while the write is still in
 * flight (the watch can be faster than the write's response), so events seen during a write are held until its
 * version is known; those that are not the echo are released then.
 *
 * <p>Keys are "Kind/namespace/name". Entries live from a write until its echo arrives (or the next write replaces
 * them), so there is at most one per object a route owns.
 */
final class OwnWrites {

    private static final class Write {
        String resourceVersion;
        final List<String> heldBack = new ArrayList<>();
    }

    private final Map<String, Write> writes = new HashMap<>();

    static String key(HasMetadata object) {
        // the kind of the class, not of the object: an informer's item may lack its kind
        return HasMetadata.getKind(object.getClass()) + "/"
                + object.getMetadata().getNamespace() + "/"
                + object.getMetadata().getName();
    }

    /** A write of the object starts: its events are held until {@link #finished} or {@link #failed}. */
    synchronized void started(String key) {
        writes.put(key, new Write());
    }

    /**
     * Whether an event for the object at this version is absorbed: the echo of wsroute's own write (dropped), or
     * held back while a write is in flight (released by {@link #finished} when it is not the echo).
     */
    synchronized boolean absorbs(String key, String resourceVersion) {
        Write write = writes.get(key);
        if (write == null || resourceVersion == null) {
            return false;
        }
        if (write.resourceVersion == null) {
            write.heldBack.add(resourceVersion);
            return true;
        }
        if (resourceVersion.equals(write.resourceVersion)) {
            writes.remove(key);
            return true;
        }
        // an earlier version the watch had not delivered yet, or a later change by someone else: the route hears
        // of it, and the echo is still expected
        return false;
    }

    /**
     * The write stored this version. Returns whether events held back during the write must now reach the route
     * (any of them other than the echo).
     */
    synchronized boolean finished(String key, String resourceVersion) {
        Write write = writes.get(key);
        if (write == null) {
            return false;
        }
        boolean echoSeen = write.heldBack.contains(resourceVersion);
        boolean others = write.heldBack.stream().anyMatch(v -> !v.equals(resourceVersion));
        if (echoSeen || resourceVersion == null) {
            writes.remove(key);
        } else {
            write.resourceVersion = resourceVersion;
            write.heldBack.clear();
        }
        return others;
    }

    /** The write failed: whatever was held back must reach the route. */
    synchronized boolean failed(String key) {
        Write write = writes.remove(key);
        return write != null && !write.heldBack.isEmpty();
    }

    synchronized int size() {
        return writes.size();
    }
}
