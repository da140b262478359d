package io.strato.network.dataplane;

/** MTU bounds the dataplane accepts. */
public final class Mtu {
    public static final int MINIMUM = 68;
    public static final int MAXIMUM = 65535;

    private Mtu() {
    }

    public static int check(int mtu) {
        if (mtu < MINIMUM || mtu > MAXIMUM) {
            throw DataplaneException.invalid("MTU " + mtu + " is out of range " + MINIMUM + ".." + MAXIMUM);
        }
        return mtu;
    }
}
