package io.wsroute.config;

import io.wsroute.nginx.NginxIncVersion;
import org.eclipse.microprofile.config.spi.Converter;

/** {@code wsroute.controllers.nginx-inc.version}: a release such as {@code 5.5.4} or {@code 4.0}; else start-up stops. */
public class NginxIncVersionConverter implements Converter<NginxIncVersion> {

    @Override
    public NginxIncVersion convert(String value) {
        try {
            return NginxIncVersion.parse(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("wsroute.controllers.nginx-inc.version: " + e.getMessage(), e);
        }
    }
}
