package org.backpackbatch.cli;

import java.io.PrintWriter;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Callable;
import org.backpackbatch.api.RateLimit;
import org.backpackbatch.app.UsageException;
import org.backpackbatch.emulator.AccountSpec;
import org.backpackbatch.emulator.BackpackEmulator;
import org.backpackbatch.emulator.EmulatorConfig;
import org.backpackbatch.emulator.FaultPlan;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "emulator",
        description = {"Runs the Backpack emulator in the foreground until stopped.",
                "Once ready it prints one line per account: account NAME URL TOKEN"})
final class EmulatorCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--port", defaultValue = "8080", description = "Port to listen on, 0 for any free port (default ${DEFAULT-VALUE}).")
    private int port;

    @Option(names = "--bind", defaultValue = "127.0.0.1", description = "Address to listen on (default ${DEFAULT-VALUE}).")
    private String bind;

    @Option(names = "--accounts", defaultValue = "acme", paramLabel = "NAME[:SEED][,...]",
            description = "Accounts to host, each with an optional seed (default ${DEFAULT-VALUE}).")
    private String accounts;

    @Option(names = "--seed", defaultValue = "demo", paramLabel = "demo|empty|PAGES",
            description = "Default seed: the demo account, nothing, or PAGES generated pages (default ${DEFAULT-VALUE}).")
    private String seed;

    @Option(names = "--seed-value", defaultValue = "1", paramLabel = "N", description = "Seed of the page generator (default ${DEFAULT-VALUE}).")
    private long seedValue;

    @Option(names = "--rate-limit", defaultValue = "100/5s", paramLabel = "N/5s|off", description = "Per-account limit (default ${DEFAULT-VALUE}).")
    private String rateLimit;

    @Option(names = "--calendar-rate-limit", defaultValue = "10/5s", paramLabel = "N/5s|off",
            description = "Per-account limit of calendar endpoints (default ${DEFAULT-VALUE}).")
    private String calendarRateLimit;

    @Option(names = "--latency-ms", defaultValue = "0", paramLabel = "N|MIN-MAX", description = "Latency added to every answer (default ${DEFAULT-VALUE}).")
    private String latency;

    @Option(names = "--fault-rate", defaultValue = "0", paramLabel = "F",
            description = "Share of requests answered with a 500, a dropped connection or a cut-off body (default ${DEFAULT-VALUE}).")
    private double faultRate;

    @Option(names = "--fault-seed", defaultValue = "1", paramLabel = "N", description = "Seed of the fault sequence (default ${DEFAULT-VALUE}).")
    private long faultSeed;

    @Option(names = "--require-ssl", description = "Answer plain-HTTP requests with a 302 to the https URL.")
    private boolean requireSsl;

    @Override
    public Integer call() throws Exception {
        EmulatorConfig config = parseConfig();
        CountDownLatch stopped = new CountDownLatch(1);
        try (BackpackEmulator emulator = startOn(config)) {
            Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown, "emulator-shutdown"));
            PrintWriter out = spec.commandLine().getOut();
            for (BackpackEmulator.HostedAccount account : emulator.accounts()) {
                out.println("account " + account.name() + " " + account.baseUrl() + " " + account.token());
            }
            out.flush();
            stopped.await();
        }
        return 0;
    }

    private static BackpackEmulator startOn(EmulatorConfig config) throws java.io.IOException {
        try {
            return BackpackEmulator.start(config);
        } catch (java.net.BindException e) {
            throw new UsageException("cannot listen on " + config.bind() + ":" + config.port() + ": " + e.getMessage());
        }
    }

    private EmulatorConfig parseConfig() {
        try {
            int[] latencyRange = FaultPlan.parseLatency(latency);
            return new EmulatorConfig(bind, port, AccountSpec.parseList(accounts), seed, seedValue,
                    RateLimit.parse(rateLimit), RateLimit.parse(calendarRateLimit),
                    new FaultPlan(latencyRange[0], latencyRange[1], faultRate, faultSeed), requireSsl);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }
}
