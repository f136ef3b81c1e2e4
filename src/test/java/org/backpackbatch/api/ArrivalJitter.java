package org.backpackbatch.api;

/**
 * The client's throttle counts a request when it leaves, the server when it arrives; a loaded
 * machine can delay an arrival by more than the throttle's margin and bunch it into the next
 * window. Tests of the rate limits tolerate that many 503s, far fewer than a broken throttle meets.
 */
public final class ArrivalJitter {

    /** 503s late arrivals on a loaded machine may cause: under half the ten or more a throttle that does not hold causes. */
    public static final long TOLERATED_503S = 4;

    private ArrivalJitter() {
    }
}
