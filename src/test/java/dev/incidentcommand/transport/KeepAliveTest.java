package dev.incidentcommand.transport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.incidentcommand.support.IntegrationTest;
import dev.incidentcommand.support.Tokens;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Clients keep connections open and send the next request as soon as they have an answer, or
 * even before (HTTP/1.1 pipelining): every request on one connection is answered, in order,
 * however the requests before it ended. Alertmanager, curl loops and connection-pooling HTTP
 * clients all work this way. Spoken over a plain socket, so no client library hides what the
 * server does.
 */
class KeepAliveTest extends IntegrationTest {

    private static final Pattern CONTENT_LENGTH = Pattern.compile("(?i)content-length:\\s*(\\d+)");

    private final String bearer = "Bearer " + Tokens.jwt("alice", "RESPONDER");

    @Test
    void everyRequestOnOneConnectionIsAnsweredWhateverCameBefore() throws IOException {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            for (int round = 0; round < 20; round++) {
                // A query that waits for the database, and right behind it, before its answer, a GET
                // without a query that is refused at once; then, once both are answered, one more.
                out.write((post("{ incidents(first: 5) { totalCount } }") + get()).getBytes(StandardCharsets.UTF_8));
                out.flush();
                assertThat(statusAndBody(in)).startsWith("200").contains("totalCount");
                assertThat(statusAndBody(in)).startsWith("400");
                out.write(post("{ incidents(first: 1) { totalCount } }").getBytes(StandardCharsets.UTF_8));
                out.flush();
                assertThat(statusAndBody(in)).as("round %d: the request after them", round).startsWith("200");
            }
        }
    }

    private String post(String query) {
        String body = "{\"query\": \"" + query + "\"}";
        return "POST /graphql HTTP/1.1\r\nHost: localhost\r\nAuthorization: " + bearer
                + "\r\nContent-Type: application/json\r\nAccept: application/json\r\nContent-Length: "
                + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body;
    }

    private String get() {
        return "GET /graphql HTTP/1.1\r\nHost: localhost\r\nAuthorization: " + bearer + "\r\nAccept: application/json\r\n\r\n";
    }

    /** The next response on the connection: its status code and body. */
    private static String statusAndBody(InputStream in) throws IOException {
        String head;
        try {
            head = readHead(in);
        } catch (SocketTimeoutException e) {
            throw new AssertionError("No answer within 10 s on a connection that had answered every request before");
        }
        Matcher length = CONTENT_LENGTH.matcher(head);
        assertThat(length.find()).as("a length-delimited response: %s", head).isTrue();
        byte[] body = in.readNBytes(Integer.parseInt(length.group(1)));
        return head.substring("HTTP/1.1 ".length(), "HTTP/1.1 ".length() + 3) + " " + new String(body, StandardCharsets.UTF_8);
    }

    private static String readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (head.length() < 4 || !head.substring(head.length() - 4).equals("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new AssertionError("The server closed the connection: " + head);
            }
            head.append((char) b);
        }
        return head.toString();
    }
}
