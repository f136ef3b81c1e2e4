package org.backpackbatch.emulator;

import java.util.SplittableRandom;

/**
 * Latency and faults for each request, decided from the seed and the request's number alone,
 * so that the same seed gives the same sequence of faults.
 */
public record FaultPlan(int minLatencyMs, int maxLatencyMs, double faultRate, long seed) {

    public static final FaultPlan NONE = new FaultPlan(0, 0, 0, 0);

    public FaultPlan {
        if (minLatencyMs < 0 || maxLatencyMs < minLatencyMs) {
            throw new IllegalArgumentException("latency must be N or MIN-MAX milliseconds with 0 <= MIN <= MAX");
        }
        if (faultRate < 0 || faultRate > 1) {
            throw new IllegalArgumentException("fault rate must be between 0 and 1");
        }
    }

    /** The treatment of one request. {@code cutAt} is the share of the body sent before a cut; {@code cutAborts} whether the cut also breaks the HTTP framing. */
    public record Decision(Fault fault, int latencyMs, double cutAt, boolean cutAborts) {
    }

    public Decision decide(long requestNumber) {
        SplittableRandom random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + requestNumber);
        int latency = minLatencyMs == maxLatencyMs ? minLatencyMs : random.nextInt(minLatencyMs, maxLatencyMs + 1);
        Fault fault = Fault.NONE;
        if (faultRate > 0 && random.nextDouble() < faultRate) {
            Fault[] kinds = {Fault.SERVER_ERROR, Fault.DROPPED_CONNECTION, Fault.CUT_BODY};
            fault = kinds[random.nextInt(kinds.length)];
        }
        return new Decision(fault, latency, 0.1 + 0.8 * random.nextDouble(), random.nextBoolean());
    }

    /** Parses {@code N} or {@code MIN-MAX} milliseconds. */
    public static int[] parseLatency(String spec) {
        String[] parts = spec.trim().split("-", 2);
        try {
            int min = Integer.parseInt(parts[0].trim());
            int max = parts.length == 2 ? Integer.parseInt(parts[1].trim()) : min;
            return new int[] {min, max};
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("latency '" + spec + "' is not N or MIN-MAX milliseconds");
        }
    }
}
