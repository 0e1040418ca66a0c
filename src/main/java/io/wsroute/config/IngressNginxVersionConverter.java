package io.wsroute.config;

import io.wsroute.nginx.IngressNginxVersion;
import org.eclipse.microprofile.config.spi.Converter;

/** {@code wsroute.controllers.ingress-nginx.version}: a malformed release stops start-up instead of every review. */
public class IngressNginxVersionConverter implements Converter<IngressNginxVersion> {

    @Override
    public IngressNginxVersion convert(String value) {
        return IngressNginxVersion.parse(value);
    }
}
