package dev.incidentcommand.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A webhook receiver in the test JVM, as a chat tool, a status page or a paging service would
 * be: it records every request it gets and answers as told, so tests can make it fail or be slow.
 */
public final class Receiver implements AutoCloseable {

    /** How to answer the n-th request (counting from 1). */
    public enum Answer { OK, FAIL, SLOW, DOWN }

    /** One request as it arrived, and how it was answered. */
    public record Request(int number, Answer answer, Map<String, String> headers, String body) {

        public String header(String name) {
            return headers.get(name.toLowerCase());
        }
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger count = new AtomicInteger();
    private final Duration slow;
    private volatile IntFunction<Answer> answers;

    /** @param slow how long a SLOW answer takes: longer than the sender waits */
    public Receiver(IntFunction<Answer> answers, Duration slow) {
        this.answers = answers;
        this.slow = slow;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
    }

    public static Receiver answeringOk() {
        return new Receiver(n -> Answer.OK, Duration.ZERO);
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    /** From now on, answer this way. */
    public void answer(IntFunction<Answer> next) {
        this.answers = next;
    }

    /** Every request received, failed and repeated ones included, in arrival order. */
    public List<Request> requests() {
        return List.copyOf(requests);
    }

    /**
     * What a receiver that drops repeats keeps: each delivery id once, as it first arrived and was
     * accepted (a slow answer was accepted, even if the sender stopped waiting), in arrival order.
     */
    public List<Request> deliveries() {
        Map<String, Request> first = new LinkedHashMap<>();
        requests.stream().filter(request -> request.answer() != Answer.FAIL)
                .forEach(request -> first.putIfAbsent(request.header("Incident-Command-Delivery"), request));
        return List.copyOf(first.values());
    }

    private void handle(HttpExchange exchange) throws IOException {
        int number = count.incrementAndGet();
        Answer answer = answers.apply(number);
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        if (answer == Answer.DOWN) {
            exchange.sendResponseHeaders(503, -1);
            exchange.close();
            return;
        }
        Map<String, String> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(), values.get(0)));
        requests.add(new Request(number, answer, headers, body));
        if (answer == Answer.SLOW) {
            try {
                Thread.sleep(slow.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        exchange.sendResponseHeaders(answer == Answer.FAIL ? 500 : 200, -1);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
