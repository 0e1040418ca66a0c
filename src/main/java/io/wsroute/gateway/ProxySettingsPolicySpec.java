package io.wsroute.gateway;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.LocalPolicyTargetReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** The fields of NGF's ProxySettingsPolicy spec, under their upstream JSON names. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class ProxySettingsPolicySpec {

    private ProxyBuffering buffering;
    private ProxyTimeout timeout;
    private List<LocalPolicyTargetReference> targetRefs = new ArrayList<>();

    public ProxyBuffering getBuffering() {
        return buffering;
    }

    public void setBuffering(ProxyBuffering buffering) {
        this.buffering = buffering;
    }

    public ProxyTimeout getTimeout() {
        return timeout;
    }

    public void setTimeout(ProxyTimeout timeout) {
        this.timeout = timeout;
    }

    public List<LocalPolicyTargetReference> getTargetRefs() {
        return targetRefs;
    }

    public void setTargetRefs(List<LocalPolicyTargetReference> targetRefs) {
        this.targetRefs = targetRefs == null ? new ArrayList<>() : targetRefs;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ProxySettingsPolicySpec other
                && Objects.equals(buffering, other.buffering)
                && Objects.equals(timeout, other.timeout)
                && Objects.equals(targetRefs, other.targetRefs);
    }

    @Override
    public int hashCode() {
        return Objects.hash(buffering, timeout, targetRefs);
    }
}
