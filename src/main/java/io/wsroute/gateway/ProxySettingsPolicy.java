package io.wsroute.gateway;

import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.PolicyStatus;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;
import io.wsroute.nginx.NginxGatewayFabric;

/**
 * NGINX Gateway Fabric's ProxySettingsPolicy ({@code gateway.nginx.org/v1alpha1}), the only place NGF takes
 * proxy timeouts from. wsroute reads it and, for a WebSocketRoute with a gatewayRef, writes one; it does not own the
 * CRD (NGF installs it).
 */
@Group(NginxGatewayFabric.POLICY_GROUP)
@Version(NginxGatewayFabric.POLICY_VERSION)
@Kind(NginxGatewayFabric.PROXY_SETTINGS_POLICY_KIND)
@Plural("proxysettingspolicies")
@Singular("proxysettingspolicy")
@ShortNames("pspolicy")
public class ProxySettingsPolicy extends CustomResource<ProxySettingsPolicySpec, PolicyStatus> implements Namespaced {}
