package io.wsroute.route.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** What wsroute observed and did. Mutable, as the operator SDK expects of a status it patches. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class WebSocketRouteStatus {

    @JsonPropertyDescription("The metadata.generation this status describes.")
    private Long observedGeneration;

    @JsonPropertyDescription(
            "Ready: the Ingress is in place as declared. Enforced: every declared setting is enforced by the controller. HandshakeVerified: a live WebSocket handshake through the controller succeeded (when probing is on).")
    private List<Condition> conditions = new ArrayList<>();

    @JsonPropertyDescription("Name of the Ingress wsroute owns for this route, in the same namespace.")
    private String ingressName;

    @JsonPropertyDescription("The WebSocket URL clients use: ws:// or, with TLS, wss://.")
    private String url;

    @JsonPropertyDescription("The NGINX controller serving the route: ingress-nginx or nginx-inc.")
    private String controller;

    @JsonPropertyDescription("The IngressClass the Ingress uses.")
    private String ingressClassName;

    @JsonPropertyDescription(
            "Load-balancer address of the Ingress, or the Gateway's first address, once the controller has published it.")
    private String address;

    @JsonPropertyDescription("The Gateway serving the route (namespace/name), for a route with spec.gatewayRef.")
    private String gateway;

    @JsonPropertyDescription(
            "Name of the HTTPRoute wsroute owns for this route, in the same namespace, for a route with spec.gatewayRef.")
    private String httpRouteName;

    public Long getObservedGeneration() {
        return observedGeneration;
    }

    public void setObservedGeneration(Long observedGeneration) {
        this.observedGeneration = observedGeneration;
    }

    public List<Condition> getConditions() {
        return conditions;
    }

    public void setConditions(List<Condition> conditions) {
        this.conditions = conditions == null ? new ArrayList<>() : new ArrayList<>(conditions);
    }

    public Optional<Condition> condition(String type) {
        return conditions.stream().filter(c -> type.equals(c.getType())).findFirst();
    }

    public String getIngressName() {
        return ingressName;
    }

    public void setIngressName(String ingressName) {
        this.ingressName = ingressName;
    }

    public String getUrl() {
        return url;
    }

    public void setUrl(String url) {
        this.url = url;
    }

    public String getController() {
        return controller;
    }

    public void setController(String controller) {
        this.controller = controller;
    }

    public String getIngressClassName() {
        return ingressClassName;
    }

    public void setIngressClassName(String ingressClassName) {
        this.ingressClassName = ingressClassName;
    }

    public String getAddress() {
        return address;
    }

    public void setAddress(String address) {
        this.address = address;
    }

    public String getGateway() {
        return gateway;
    }

    public void setGateway(String gateway) {
        this.gateway = gateway;
    }

    public String getHttpRouteName() {
        return httpRouteName;
    }

    public void setHttpRouteName(String httpRouteName) {
        this.httpRouteName = httpRouteName;
    }

    /** Same observed state: the reconciler writes the status only when this is false. */
    @Override
    public boolean equals(Object other) {
        return other instanceof WebSocketRouteStatus that
                && Objects.equals(observedGeneration, that.observedGeneration)
                && Objects.equals(conditions, that.conditions)
                && Objects.equals(ingressName, that.ingressName)
                && Objects.equals(url, that.url)
                && Objects.equals(controller, that.controller)
                && Objects.equals(ingressClassName, that.ingressClassName)
                && Objects.equals(address, that.address)
                && Objects.equals(gateway, that.gateway)
                && Objects.equals(httpRouteName, that.httpRouteName);
    }

    @Override
    public int hashCode() {
        return Objects.hash(
                observedGeneration,
                conditions,
                ingressName,
                url,
                controller,
                ingressClassName,
                address,
                gateway,
                httpRouteName);
    }
}
