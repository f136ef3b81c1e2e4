package org.backpackbatch.emulator;

import java.util.List;
import org.backpackbatch.api.RateLimit;

/**
 * How to run the emulator. A null rate limit means no limit. Port 0 takes any free port.
 */
public record EmulatorConfig(
        String bind,
        int port,
        List<AccountSpec> accounts,
        String defaultSeed,
        long seedValue,
        RateLimit rateLimit,
        RateLimit calendarRateLimit,
        FaultPlan faults,
        boolean requireSsl) {

    public EmulatorConfig {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is not between 0 and 65535");
        }
        accounts = List.copyOf(accounts);
        if (accounts.isEmpty()) {
            throw new IllegalArgumentException("the emulator needs at least one account");
        }
        Seeds.check(defaultSeed);
    }

    /** One demo account {@code acme} on a free loopback port, limits as the service has them, no faults. */
    public static EmulatorConfig defaults() {
        return new EmulatorConfig("127.0.0.1", 0, List.of(new AccountSpec("acme", null)), "demo", 1,
                RateLimit.DEFAULT, RateLimit.CALENDAR_DEFAULT, FaultPlan.NONE, false);
    }

    public EmulatorConfig withPort(int newPort) {
        return new EmulatorConfig(bind, newPort, accounts, defaultSeed, seedValue, rateLimit, calendarRateLimit, faults, requireSsl);
    }

    public EmulatorConfig withAccounts(List<AccountSpec> newAccounts) {
        return new EmulatorConfig(bind, port, newAccounts, defaultSeed, seedValue, rateLimit, calendarRateLimit, faults, requireSsl);
    }

    public EmulatorConfig withSeed(String newDefaultSeed, long newSeedValue) {
        return new EmulatorConfig(bind, port, accounts, newDefaultSeed, newSeedValue, rateLimit, calendarRateLimit, faults, requireSsl);
    }

    public EmulatorConfig withRateLimit(RateLimit newRateLimit) {
        return new EmulatorConfig(bind, port, accounts, defaultSeed, seedValue, newRateLimit, calendarRateLimit, faults, requireSsl);
    }

    public EmulatorConfig withFaults(FaultPlan newFaults) {
        return new EmulatorConfig(bind, port, accounts, defaultSeed, seedValue, rateLimit, calendarRateLimit, newFaults, requireSsl);
    }

    public EmulatorConfig withRequireSsl(boolean newRequireSsl) {
        return new EmulatorConfig(bind, port, accounts, defaultSeed, seedValue, rateLimit, calendarRateLimit, faults, newRequireSsl);
    }
}
