package dev.incidentcommand.common;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * Relay-style connections keyed on a number that only grows (a row id, a sequence): a cursor is
 * that number, made opaque. Pages are fetched with one row more than asked to learn whether
 * another page follows.
 */
public final class Connections {

    public static final int MAX_PAGE = 100;

    private Connections() {
    }

    public record PageInfo(boolean hasNextPage, String endCursor) {
    }

    public record Edge<T>(String cursor, T node) {
    }

    public record Connection<T>(List<Edge<T>> edges, PageInfo pageInfo) {
    }

    /** A page request, already checked: {@code first} rows after position {@code after}. */
    public record PageRequest(int first, Long after) {

        /** How many rows to fetch: one more than the page, to see if another follows. */
        public int fetchSize() {
            return first + 1;
        }
    }

    public static PageRequest request(Integer first, String after, int defaultSize) {
        int size = first == null ? defaultSize : first;
        // An empty page could only say "more follow" without a cursor to follow them with.
        if (size < 1 || size > MAX_PAGE) {
            throw new BadRequest("'first' must be between 1 and " + MAX_PAGE + ", got " + size + ".");
        }
        return new PageRequest(size, after == null ? null : decode(after));
    }

    public static <T> Connection<T> of(List<T> rows, PageRequest request, ToLongFunction<T> position) {
        boolean more = rows.size() > request.first();
        List<Edge<T>> edges = new ArrayList<>();
        for (T row : rows.subList(0, Math.min(rows.size(), request.first()))) {
            edges.add(new Edge<>(encode(position.applyAsLong(row)), row));
        }
        String end = edges.isEmpty() ? null : edges.get(edges.size() - 1).cursor();
        return new Connection<>(edges, new PageInfo(more, end));
    }

    private static String encode(long position) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString(("cursor:" + position).getBytes(StandardCharsets.UTF_8));
    }

    private static long decode(String cursor) {
        try {
            String plain = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (plain.startsWith("cursor:")) {
                return Long.parseLong(plain.substring("cursor:".length()));
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw new BadRequest("'after' is not a cursor this list gave out; pass a previous page's pageInfo.endCursor.");
    }
}
