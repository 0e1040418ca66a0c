package io.wsroute.it;

import java.net.URI;
import java.util.Map;

/**
 * {@link RealApiServer}, with wsroute reaching it through a {@link CuttableProxy}: tests cut wsroute off the API
 * server (as in an API server restart or a network partition) while they themselves keep talking to it directly.
 */
public class ProxiedApiServer extends RealApiServer {

    static CuttableProxy proxy;

    @Override
    public Map<String, String> start() {
        Map<String, String> properties = super.start();
        try {
            URI direct = URI.create(properties.get("quarkus.kubernetes-client.api-server-url"));
            proxy = new CuttableProxy(direct.getPort());
            properties.put("quarkus.kubernetes-client.api-server-url", "https://127.0.0.1:" + proxy.port());
            return properties;
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the API server proxy", e);
        }
    }

    @Override
    public void stop() {
        try {
            if (proxy != null) {
                proxy.close();
            }
        } catch (Exception ignored) {
            // the API server goes next anyway
        }
        super.stop();
    }
}
