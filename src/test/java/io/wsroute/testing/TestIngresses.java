package io.wsroute.testing;

import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import java.util.Map;

/** The one-rule Ingress the tests build again and again: a host and a Prefix path to Service chat:8080. */
public final class TestIngresses {

    private TestIngresses() {}

    /** Ingress {@code namespace/name} on {@code className}: {@code host}{@code path} (Prefix) to Service chat:8080. */
    public static Ingress toChat(
            String namespace,
            String name,
            String className,
            String host,
            String path,
            Map<String, String> annotations) {
        return new IngressBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace(namespace)
                .withAnnotations(annotations)
                .endMetadata()
                .withNewSpec()
                .withIngressClassName(className)
                .addNewRule()
                .withHost(host)
                .withNewHttp()
                .addNewPath()
                .withPath(path)
                .withPathType("Prefix")
                .withNewBackend()
                .withNewService()
                .withName("chat")
                .withNewPort()
                .withNumber(8080)
                .endPort()
                .endService()
                .endBackend()
                .endPath()
                .endHttp()
                .endRule()
                .endSpec()
                .build();
    }
}
