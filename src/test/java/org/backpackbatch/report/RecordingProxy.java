package org.backpackbatch.report;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An HTTP proxy on a loopback port that forwards nothing: it answers one page itself and records
 * the request line of everything a browser sends through it (plain requests as {@code GET
 * http://host/path}, TLS as {@code CONNECT host:443}), answering the rest 404. A browser told to
 * send all its traffic here, loopback included, can reach nothing else, and every request it tried
 * is in {@link #requests()}.
 */
final class RecordingProxy implements AutoCloseable {

    private final ServerSocket server;
    private final String pageUrl;
    private final byte[] page;
    private final List<String> requests = new CopyOnWriteArrayList<>();

    RecordingProxy(String pageUrl, byte[] page) throws IOException {
        this.pageUrl = pageUrl;
        this.page = page.clone();
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "recording-proxy");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Where a browser is told its proxy is. */
    String address() {
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    /** Every request line received, in order of arrival. */
    List<String> requests() {
        return List.copyOf(requests);
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket connection = server.accept();
                Thread answerer = new Thread(() -> answer(connection), "recording-proxy-connection");
                answerer.setDaemon(true);
                answerer.start();
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void answer(Socket connection) {
        try (connection) {
            BufferedReader in = new BufferedReader(new InputStreamReader(connection.getInputStream(), StandardCharsets.ISO_8859_1));
            String requestLine = in.readLine();
            if (requestLine == null) {
                return;
            }
            requests.add(requestLine);
            for (String header = in.readLine(); header != null && !header.isEmpty(); header = in.readLine()) {
                // the headers say nothing the request line does not
            }
            boolean isPage = requestLine.equals("GET " + pageUrl + " HTTP/1.1");
            byte[] body = isPage ? page : new byte[0];
            String head = (isPage ? "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n" : "HTTP/1.1 404 Not Found\r\n")
                    + "Content-Length: " + body.length + "\r\nConnection: close\r\n\r\n";
            OutputStream out = connection.getOutputStream();
            out.write(head.getBytes(StandardCharsets.ISO_8859_1));
            out.write(body);
            out.flush();
        } catch (IOException browserWentAway) {
            // what it asked for is recorded already
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
