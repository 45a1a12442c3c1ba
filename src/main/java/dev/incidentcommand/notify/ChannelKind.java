package dev.incidentcommand.notify;

import java.util.EnumSet;
import java.util.Set;

import dev.incidentcommand.timeline.TimelineEventKind;

import static dev.incidentcommand.timeline.TimelineEventKind.*;

/** Where a channel delivers, and what it tells by default. */
public enum ChannelKind {
    /** Slack incoming-webhook JSON ({@code {"text": ...}}), which Mattermost and many chat tools accept too. */
    SLACK_WEBHOOK(false),
    /** Our JSON, signed with HMAC-SHA256 over the timestamp and the body. */
    WEBHOOK(true),
    /** PagerDuty Events API v2: pages trigger, joining acknowledges, resolving the incident resolves them. */
    PAGERDUTY_EVENTS(true);

    /** What people following incidents want to hear: where incidents stand, who commands, customer updates, the rules' reminders. */
    static final Set<TimelineEventKind> DEFAULT_EVENTS = EnumSet.of(INCIDENT_DECLARED, SEVERITY_CHANGED, STATUS_CHANGED,
            INCIDENT_REOPENED, COMMANDER_ASSIGNED, COMMAND_HANDED_OVER, COMMAND_TAKEN, UPDATE_POSTED,
            DELEGATION_UNACKNOWLEDGED, TASK_OVERDUE, CHECK_IN_MISSED, INCIDENT_STALLED, RELIEF_SUGGESTED,
            MONITORING_WINDOW_ENDED, PAGE_UNANSWERED);

    /** What a paging service acts on. */
    static final Set<TimelineEventKind> PAGING_EVENTS = EnumSet.of(RESPONDER_PAGED, RESPONDER_JOINED, STATUS_CHANGED);

    private final boolean needsSecret;

    ChannelKind(boolean needsSecret) {
        this.needsSecret = needsSecret;
    }

    boolean needsSecret() {
        return needsSecret;
    }

    /** The events a channel of this kind may take. */
    Set<TimelineEventKind> allowedEvents() {
        return this == PAGERDUTY_EVENTS ? PAGING_EVENTS : EnumSet.allOf(TimelineEventKind.class);
    }

    Set<TimelineEventKind> defaultEvents() {
        return this == PAGERDUTY_EVENTS ? PAGING_EVENTS : DEFAULT_EVENTS;
    }
}
