package dev.incidentcommand.timeline;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import dev.incidentcommand.command.CommandEvent;
import dev.incidentcommand.communication.CommunicationEvent;
import dev.incidentcommand.incident.IncidentEvent;
import dev.incidentcommand.incident.IncidentEvent.StatusChanged;
import dev.incidentcommand.incident.IncidentStatus;
import dev.incidentcommand.task.TaskEvent;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Every kind of timeline event has exactly one typed record, stored as JSON and read back as itself. */
class EventDetailsTest {

    private static final List<Class<?>> FAMILIES = List.of(IncidentEvent.class, TaskEvent.class, CommunicationEvent.class,
            CommandEvent.class);

    @Test
    void everyKindHasExactlyOneRecordNamedAfterIt() {
        List<TimelineEventKind> kinds = FAMILIES.stream()
                .flatMap(family -> Stream.of(family.getPermittedSubclasses()))
                .map(EventJson::kindOf)
                .toList();
        assertThat(kinds).doesNotHaveDuplicates().containsExactlyInAnyOrder(TimelineEventKind.values());
    }

    @Test
    void detailsAreStoredWithoutEmptyValuesAndReadBackAsTheirRecord() {
        Instant until = Instant.parse("2026-11-27T10:15:00Z");
        StatusChanged moved = new StatusChanged(IncidentStatus.MITIGATING, IncidentStatus.MONITORING, null, until, null, null);
        String json = EventJson.write(moved);
        assertThat(EventJson.readMap(json)).isEqualTo(Map.of("from", "MITIGATING", "to", "MONITORING",
                "monitoringUntil", "2026-11-27T10:15:00Z"));
        TimelineEvent stored = new TimelineEvent(1, 1, 5, TimelineEventKind.STATUS_CHANGED, until, 1, "moved", json);
        assertThat(stored.details(StatusChanged.class)).contains(moved);
        assertThat(stored.details(IncidentEvent.SeverityChanged.class)).isEmpty();
    }

    @Test
    void everySummaryNamesWhatHappened() {
        assertThat(new StatusChanged(IncidentStatus.MITIGATING, IncidentStatus.MONITORING, null, Instant.parse("2026-11-27T10:15:00Z"), null, null)
                .summary(new EventDetails.Narration("alice", "INC-7", Instant.parse("2026-11-27T10:00:00Z"))))
                .isEqualTo("alice moved INC-7 from MITIGATING to MONITORING – monitoring until 2026-11-27 10:15 UTC");
        assertThat(Arrays.stream(TimelineEventKind.values())).hasSize(32);
    }
}
