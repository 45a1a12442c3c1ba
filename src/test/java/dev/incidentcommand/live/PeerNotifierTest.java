package dev.incidentcommand.live;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The NOTIFY payloads instances wake each other with; across instances see {@code LiveTimelineTest}. */
class PeerNotifierTest {

    @Test
    void anotherInstanceReadsEveryPositionAndTheSenderNone() {
        List<String> payloads = PeerNotifier.payloads("a1", Map.of(7L, 3, 9L, 12));

        assertThat(read("b2", payloads)).containsExactlyInAnyOrderEntriesOf(Map.of(7L, 3, 9L, 12));
        assertThat(read("a1", payloads)).isEmpty();
        // A name that merely begins like the reader's is another instance.
        assertThat(read("a", payloads)).hasSize(2);
    }

    @Test
    void manyPositionsSplitUnderPostgresLimitEachNamingItsSender() {
        Map<Long, Integer> positions = new LinkedHashMap<>();
        for (long id = 1_000_000; id < 1_002_000; id++) {
            positions.put(id, (int) id % 5_000);
        }

        List<String> payloads = PeerNotifier.payloads("a1", positions);

        assertThat(payloads).hasSizeGreaterThan(1)
                .allSatisfy(payload -> assertThat(payload).startsWith("a1" + PeerNotifier.FROM).hasSizeLessThan(8_000));
        assertThat(read("b2", payloads)).isEqualTo(positions);
        assertThat(read("a1", payloads)).isEmpty();
    }

    @Test
    void aPayloadWithoutSenderFromAnOlderInstanceIsStillRead() {
        assertThat(read("a1", List.of("7:3,9:12"))).containsExactlyInAnyOrderEntriesOf(Map.of(7L, 3, 9L, 12));
    }

    private static Map<Long, Integer> read(String reader, List<String> payloads) {
        Map<Long, Integer> positions = new LinkedHashMap<>();
        payloads.forEach(payload -> PeerNotifier.parse(reader, payload, positions::put));
        return positions;
    }
}
