package dev.incidentcommand.command;

import java.time.Instant;

import dev.incidentcommand.command.CommandEvent.PageUnanswered;
import dev.incidentcommand.people.Page;

/**
 * A page is a request for help that can go unheard: past its answer-by time, set by severity, an
 * unanswered page is recorded once, so the commander knows to page someone else.
 */
final class PagesGetAnswered {

    private PagesGetAnswered() {
    }

    static void assess(CommandState state, Instant now, Assessment into) {
        if (!state.incident().active()) {
            return;
        }
        for (Page page : state.pages()) {
            if (!page.unanswered() || page.unansweredReportedAt() != null) {
                continue;
            }
            if (now.isBefore(page.answerBy())) {
                into.lookAgainAt(page.answerBy());
                continue;
            }
            into.pageUnanswered(page);
            into.find(new PageUnanswered(state.handle(page.responderId()), page.pagedAt(), page.answerBy(),
                    state.handle(page.pagedById())));
        }
    }
}
