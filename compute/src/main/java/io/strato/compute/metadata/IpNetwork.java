package io.strato.compute.metadata;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/** A parsed CIDR with the text forms netaddr gives (netmask, network address). */
record IpNetwork(byte[] address, int prefixLength) {
    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    private static final Pattern IPV6_CHARACTERS = Pattern.compile("[0-9A-Fa-f:.]+");

    static IpNetwork parse(String cidr) {
        int slash = cidr.indexOf('/');
        String host = slash < 0 ? cidr : cidr.substring(0, slash);
        byte[] address = parseAddress(host, cidr);
        int maximum = address.length * 8;
        int prefix = maximum;
        if (slash >= 0) {
            try {
                prefix = Integer.parseInt(cidr.substring(slash + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not a CIDR: " + cidr);
            }
        }
        if (prefix < 0 || prefix > maximum) {
            throw new IllegalArgumentException("not a CIDR: " + cidr);
        }
        return new IpNetwork(address, prefix);
    }

    private static byte[] parseAddress(String host, String cidr) {
        var ipv4 = IPV4.matcher(host);
        if (ipv4.matches()) {
            byte[] bytes = new byte[4];
            for (int i = 0; i < 4; i++) {
                int part = Integer.parseInt(ipv4.group(i + 1));
                if (part > 255) {
                    throw new IllegalArgumentException("not a CIDR: " + cidr);
                }
                bytes[i] = (byte) part;
            }
            return bytes;
        }
        if (host.indexOf(':') >= 0 && IPV6_CHARACTERS.matcher(host).matches()) {
            try {
                byte[] bytes = InetAddress.getByName(host).getAddress();
                if (bytes.length == 16) {
                    return bytes;
                }
            } catch (UnknownHostException e) {
                // fall through
            }
        }
        throw new IllegalArgumentException("not a CIDR: " + cidr);
    }

    int version() {
        return address.length == 4 ? 4 : 6;
    }

    /** {@code 255.255.255.0} or {@code ffff:ffff:ffff:ffff::}. */
    String netmask() {
        byte[] mask = new byte[address.length];
        for (int bit = 0; bit < prefixLength; bit++) {
            mask[bit / 8] |= (byte) (0x80 >>> (bit % 8));
        }
        return format(mask);
    }

    /** The address with the host bits cleared. */
    String networkAddress() {
        byte[] network = address.clone();
        for (int bit = prefixLength; bit < network.length * 8; bit++) {
            network[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
        }
        return format(network);
    }

    static String format(byte[] bytes) {
        if (bytes.length == 4) {
            return (bytes[0] & 0xff) + "." + (bytes[1] & 0xff) + "." + (bytes[2] & 0xff) + "." + (bytes[3] & 0xff);
        }
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((bytes[2 * i] & 0xff) << 8) | (bytes[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLength = 0;
        for (int i = 0; i < 8; ) {
            if (groups[i] != 0) {
                i++;
                continue;
            }
            int start = i;
            while (i < 8 && groups[i] == 0) {
                i++;
            }
            if (i - start > bestLength) {
                bestStart = start;
                bestLength = i - start;
            }
        }
        if (bestLength < 2) {
            bestStart = -1;
        }
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                text.append("::");
                i += bestLength - 1;
                continue;
            }
            if (!text.isEmpty() && text.charAt(text.length() - 1) != ':') {
                text.append(':');
            }
            text.append(Integer.toHexString(groups[i]));
        }
        return text.toString();
    }
}
