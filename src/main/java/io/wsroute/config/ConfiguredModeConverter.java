package io.wsroute.config;

import org.eclipse.microprofile.config.spi.Converter;

/**
 * {@code wsroute.admission.mode} takes {@code enforce} or {@code warn} only: {@code off} is for namespace labels
 * (turning the webhook off cluster-wide is done by not installing it), and anything else stops start-up.
 */
public class ConfiguredModeConverter implements Converter<AdmissionMode> {

    @Override
    public AdmissionMode convert(String value) {
        return AdmissionMode.parse(value)
                .filter(m -> m != AdmissionMode.OFF)
                .orElseThrow(() -> new IllegalArgumentException(
                        "wsroute.admission.mode must be enforce or warn, got \"" + value + "\""));
    }
}
