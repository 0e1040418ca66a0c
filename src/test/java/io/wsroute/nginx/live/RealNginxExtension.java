package io.wsroute.nginx.live;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A {@link RealNginxRig} for the whole test class, as a static {@code @RegisterExtension} field: started before the
 * first test, closed after the last.
 */
public final class RealNginxExtension implements BeforeAllCallback, AfterAllCallback {

    /** How the class's rig starts. */
    @FunctionalInterface
    public interface Start {
        RealNginxRig start() throws Exception;
    }

    private final Start start;
    private RealNginxRig rig;

    public RealNginxExtension(Start start) {
        this.start = start;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        rig = start.start();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (rig != null) {
            rig.close();
            rig = null;
        }
    }

    public RealNginxRig rig() {
        if (rig == null) {
            throw new IllegalStateException("the real-nginx rig runs only between the class's first and last test");
        }
        return rig;
    }
}
