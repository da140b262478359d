package io.strato.network.dataplane;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/** An interface address with its prefix length, e.g. {@code 10.0.0.1/24} or {@code fd00::1/64}. */
public record IpCidr(InetAddress address, int prefixLength) {
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]+");

    public IpCidr {
        int maximum = isIpv6(address) ? 128 : 32;
        if (prefixLength < 0 || prefixLength > maximum) {
            throw DataplaneException.invalid("prefix length " + prefixLength + " is out of range 0.." + maximum);
        }
    }

    /** Parses {@code address/prefix}; the address must be a literal, never a host name. */
    public static IpCidr parse(String text) {
        int slash = text == null ? -1 : text.indexOf('/');
        if (slash < 0) {
            throw DataplaneException.invalid("'" + text + "' is not an address in CIDR notation such as 10.0.0.1/24");
        }
        String literal = text.substring(0, slash);
        if (!(IPV4.matcher(literal).matches() || (literal.contains(":") && IPV6.matcher(literal).matches()))) {
            throw DataplaneException.invalid("'" + literal + "' is not an IPv4 or IPv6 address literal");
        }
        try {
            return new IpCidr(InetAddress.getByName(literal), Integer.parseInt(text.substring(slash + 1)));
        } catch (UnknownHostException | NumberFormatException e) {
            throw DataplaneException.invalid("'" + text + "' is not an address in CIDR notation: " + e.getMessage());
        }
    }

    public boolean isIpv6() {
        return isIpv6(address);
    }

    private static boolean isIpv6(InetAddress address) {
        return address.getAddress().length == 16;
    }

    @Override
    public String toString() {
        return address.getHostAddress() + "/" + prefixLength;
    }
}
