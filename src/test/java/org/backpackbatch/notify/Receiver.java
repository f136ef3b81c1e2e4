package org.backpackbatch.notify;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.backpackbatch.api.ScriptedServer;

/**
 * A webhook or ping receiver on a loopback port: records every request it takes and answers the
 * n-th with the n-th status given (the last one from then on); a redirect points to {@code /elsewhere}.
 */
public final class Receiver implements AutoCloseable {

    /** One request as it arrived. */
    public record Call(String method, String path, String contentType, String authorization, String body) {
    }

    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final ScriptedServer server;

    private Receiver(int... statuses) throws IOException {
        server = ScriptedServer.start("127.0.0.1", (exchange, number) -> {
            calls.add(new Call(exchange.getRequestMethod(), exchange.getRequestURI().toString(),
                    exchange.getRequestHeaders().getFirst("Content-Type"), exchange.getRequestHeaders().getFirst("Authorization"),
                    ScriptedServer.requestBody(exchange)));
            int status = statuses[Math.min(number, statuses.length) - 1];
            String[] redirect = status / 100 == 3 ? new String[] {"Location", url("/elsewhere")} : new String[0];
            ScriptedServer.reply(exchange, status, "", redirect);
        });
    }

    public static Receiver answering(int... statuses) throws IOException {
        return new Receiver(statuses);
    }

    /** A URL on this receiver, e.g. {@code url("/hook")}. */
    public String url(String path) {
        return server.accountUrl().replaceFirst("/acme$", "") + path;
    }

    public List<Call> calls() {
        return List.copyOf(calls);
    }

    @Override
    public void close() {
        server.close();
    }
}
