package io.wsroute.helm;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** The chart rendered by real Helm (helm-java), as typed fabric8 objects where fabric8 knows the kind. */
public record RenderedChart(String yaml, List<HasMetadata> objects) {

    public static final Path CHART = Path.of("helm", "wsroute");
    public static final String RELEASE = "wsroute";
    public static final String NAMESPACE = "wsroute-system";
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    public static RenderedChart render(Map<String, Object> values) {
        return render(values, null);
    }

    /** helm template with --set for each value, against the default capabilities or a given Kubernetes version. */
    public static RenderedChart render(Map<String, Object> values, String kubeVersion) {
        TemplateCommand template = new Helm(CHART).template().withName(RELEASE).withNamespace(NAMESPACE);
        if (kubeVersion != null) {
            template = template.withKubeVersion(kubeVersion);
        }
        for (Map.Entry<String, Object> value : values.entrySet()) {
            template = template.set(value.getKey(), value.getValue());
        }
        return parse(template.call());
    }

    public static RenderedChart parse(String yaml) {
        List<HasMetadata> objects = new ArrayList<>();
        for (Object document : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(yaml)) {
            if (document != null) {
                objects.add(SERIALIZATION.unmarshal(SERIALIZATION.asJson(document)));
            }
        }
        return new RenderedChart(yaml, objects);
    }

    public <T extends HasMetadata> List<T> all(Class<T> type) {
        return objects.stream().filter(type::isInstance).map(type::cast).toList();
    }

    public <T extends HasMetadata> T one(Class<T> type) {
        List<T> found = all(type);
        if (found.size() != 1) {
            throw new AssertionError("expected one " + type.getSimpleName() + ", rendered " + found.size());
        }
        return found.get(0);
    }

    public List<HasMetadata> ofKind(String kind) {
        return objects.stream().filter(o -> Objects.equals(o.getKind(), kind)).toList();
    }

    public static Map<String, Object> values(Object... keyValues) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            values.put((String) keyValues[i], keyValues[i + 1]);
        }
        return values;
    }
}
