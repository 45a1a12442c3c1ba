package dev.incidentcommand.communication;

import java.util.Locale;

import dev.incidentcommand.timeline.EventDetails;

/** Words added to the record: stakeholder updates and notes. */
public sealed interface CommunicationEvent extends EventDetails {

    record UpdatePosted(String updateId, Audience audience, String body) implements CommunicationEvent {
        @Override
        public String summary(Narration n) {
            return n.actor() + " posted an " + audience.name().toLowerCase(Locale.ROOT) + " update: " + body;
        }
    }

    record NoteAdded(String noteId, NoteKind kind, String body, String url) implements CommunicationEvent {
        @Override
        public String summary(Narration n) {
            return n.actor() + " noted" + (kind == NoteKind.TEXT ? "" : " (" + kind + ")") + ": " + body
                    + (url == null ? "" : " " + url);
        }
    }
}
