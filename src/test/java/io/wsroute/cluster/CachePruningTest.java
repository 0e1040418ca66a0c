package io.wsroute.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.FieldsV1;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntryBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import io.fabric8.kubernetes.client.informers.cache.ItemStore;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CachePruningTest {

    @Test
    void onlyWsroutesOwnManagedFieldsAreKeptAndTheRestOfTheObjectIsUntouched() {
        Ingress ingress = ingress(
                entry("kubectl-client-side-apply"),
                entry(CachePruning.WSROUTE_FIELD_MANAGER),
                entry("kube-controller-manager"));

        Ingress pruned = CachePruning.pruned(ingress);

        assertThat(pruned).isSameAs(ingress);
        assertThat(pruned.getMetadata().getManagedFields())
                .extracting(ManagedFieldsEntry::getManager)
                .containsExactly(CachePruning.WSROUTE_FIELD_MANAGER);
        assertThat(pruned.getMetadata().getManagedFields().get(0).getFieldsV1().getAdditionalProperties())
                .isEqualTo(Map.of("f:metadata", Map.of("f:annotations", Map.of("f:a", Map.of()))));
        assertThat(pruned.getMetadata().getAnnotations()).containsEntry("a", "b");
        assertThat(pruned.getSpec().getIngressClassName()).isEqualTo("nginx");
    }

    @Test
    void objectsWithoutOwnEntriesKeepNone() {
        Ingress pruned = CachePruning.pruned(ingress(entry("kubectl"), entry("helm")));
        assertThat(pruned.getMetadata().getManagedFields()).isNullOrEmpty();
        assertThat(CachePruning.pruned(ingress()).getMetadata().getManagedFields())
                .isNullOrEmpty();
    }

    @Test
    void theStorePrunesWhatItStores() {
        ItemStore<Ingress> store = CachePruning.store();
        Ingress ingress = ingress(entry("kubectl"));
        store.put(store.getKey(ingress), ingress);
        assertThat(store.get("apps/chat").getMetadata().getManagedFields()).isNullOrEmpty();
        assertThat(store.size()).isEqualTo(1);
    }

    private static ManagedFieldsEntry entry(String manager) {
        FieldsV1 fields = new FieldsV1();
        fields.setAdditionalProperty(
                "f:metadata", Map.of("f:annotations", Map.of("f:a", Map.of()), "f:labels", Map.of()));
        fields.setAdditionalProperty("f:spec", Map.of("f:rules", Map.of()));
        return new ManagedFieldsEntryBuilder()
                .withManager(manager)
                .withOperation("Apply")
                .withFieldsType("FieldsV1")
                .withFieldsV1(fields)
                .build();
    }

    private static Ingress ingress(ManagedFieldsEntry... entries) {
        return new IngressBuilder()
                .withNewMetadata()
                .withNamespace("apps")
                .withName("chat")
                .addToAnnotations("a", "b")
                .withManagedFields(entries)
                .endMetadata()
                .withNewSpec()
                .withIngressClassName("nginx")
                .endSpec()
                .build();
    }
}
