package io.trainyard.server.webhooks.delivery;

import io.trainyard.server.webhooks.WebhookProperties;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;
import org.springframework.stereotype.Component;

/**
 * Keeps webhooks from reaching inside the network: a host must resolve to public addresses only (no loopback,
 * private, link-local — which includes the cloud metadata address 169.254.169.254 —, carrier-grade NAT,
 * unique-local, multicast or unspecified ones) unless its name is in {@code trainyard.webhooks.allowed-hosts}.
 * It is also the HTTP client's resolver, so the addresses checked are the addresses connected to: a name
 * that resolves to a public address when the webhook is saved and to 127.0.0.1 at delivery time is refused
 * then too.
 */
@Component
public class SsrfGuard implements DnsResolver {

    private final Set<String> allowedHosts;

    SsrfGuard(WebhookProperties properties) {
        this.allowedHosts = properties.allowedHosts().stream().map(h -> h.strip().toLowerCase(Locale.ROOT))
                .filter(h -> !h.isEmpty()).collect(Collectors.toUnmodifiableSet());
    }

    /** Thrown when a host resolves to an address webhooks may not reach. */
    public static class RefusedAddressException extends UnknownHostException {
        RefusedAddressException(String message) {
            super(message);
        }
    }

    @Override
    public InetAddress[] resolve(String host) throws UnknownHostException {
        InetAddress[] addresses = SystemDefaultDnsResolver.INSTANCE.resolve(host);
        if (allowedHosts.contains(host.toLowerCase(Locale.ROOT))) {
            return addresses;
        }
        for (InetAddress address : addresses) {
            if (internal(address)) {
                throw new RefusedAddressException("'" + host + "' resolves to " + address.getHostAddress()
                        + ", an internal address (add the host to trainyard.webhooks.allowed-hosts to allow it)");
            }
        }
        return addresses;
    }

    @Override
    public String resolveCanonicalHostname(String host) throws UnknownHostException {
        return SystemDefaultDnsResolver.INSTANCE.resolveCanonicalHostname(host);
    }

    static boolean internal(InetAddress address) {
        if (address.isLoopbackAddress() || address.isSiteLocalAddress() || address.isLinkLocalAddress()
                || address.isAnyLocalAddress() || address.isMulticastAddress()) {
            return true;
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            return first == 0                                   // "this network"
                    || (first == 100 && second >= 64 && second < 128) // carrier-grade NAT 100.64/10
                    || (first == 192 && second == 0 && (b[2] & 0xff) == 0) // IETF protocol assignments
                    || (first == 198 && (second == 18 || second == 19)) // benchmarking
                    || first >= 240;                            // reserved and broadcast
        }
        if (address instanceof Inet6Address) {
            int first = b[0] & 0xff;
            boolean mappedOrCompatible = true;
            for (int i = 0; i < 10; i++) {
                mappedOrCompatible &= b[i] == 0;
            }
            if (mappedOrCompatible && ((b[10] == (byte) 0xff && b[11] == (byte) 0xff) || (b[10] == 0 && b[11] == 0))) {
                try { // ::ffff:a.b.c.d and ::a.b.c.d carry an IPv4 address
                    return internal(InetAddress.getByAddress(java.util.Arrays.copyOfRange(b, 12, 16)));
                } catch (UnknownHostException e) {
                    return true;
                }
            }
            return (first & 0xfe) == 0xfc;                      // unique local fc00::/7 (incl. fd00:ec2::254)
        }
        return true;
    }
}
