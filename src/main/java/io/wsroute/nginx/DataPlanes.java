package io.wsroute.nginx;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** The one list of data plane implementations; {@link ControllerFlavor#plane()} reads it. */
final class DataPlanes {

    private static final Map<ControllerFlavor, DataPlane> PLANES =
            index(List.of(new IngressNginxPlane(), new NginxIncPlane()));

    private DataPlanes() {}

    static DataPlane of(ControllerFlavor flavor) {
        DataPlane plane = PLANES.get(flavor);
        if (plane == null) {
            throw new IllegalStateException("no data plane implements " + flavor.cliName());
        }
        return plane;
    }

    private static Map<ControllerFlavor, DataPlane> index(List<DataPlane> planes) {
        Map<ControllerFlavor, DataPlane> byFlavor = new EnumMap<>(ControllerFlavor.class);
        planes.forEach(plane -> byFlavor.put(plane.flavor(), plane));
        return byFlavor;
    }
}
