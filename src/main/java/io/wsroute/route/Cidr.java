package io.wsroute.route;

import io.wsroute.route.api.RouteGrammar;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** Numeric check of an address range that already matches {@link RouteGrammar#CIDR}. */
final class Cidr {

    private Cidr() {}

    static boolean valid(String range) {
        int slash = range.indexOf('/');
        String address = slash < 0 ? range : range.substring(0, slash);
        boolean v4 = address.indexOf(':') < 0;
        if (v4) {
            for (String octet : address.split("\\.")) {
                if (Integer.parseInt(octet) > 255) {
                    return false;
                }
            }
        }
        if (slash >= 0 && Integer.parseInt(range.substring(slash + 1)) > (v4 ? 32 : 128)) {
            return false;
        }
        try {
            // A literal (the grammar admits nothing else), so this parses and never resolves a name.
            InetAddress.getByName(address);
            return true;
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
