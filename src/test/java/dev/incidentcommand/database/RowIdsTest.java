package dev.incidentcommand.database;

import java.util.List;

import dev.incidentcommand.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

import static org.assertj.core.api.Assertions.assertThat;

class RowIdsTest extends IntegrationTest {

    @Autowired
    RowIds ids;

    /** Asked for at once from many threads, over several blocks, ids never repeat. */
    @Test
    void idsTakenAtTheSameTimeAreAllDifferent() {
        int asked = RowIds.BLOCK * 5 + 7;
        List<Long> taken = Flux.range(0, asked)
                .parallel(8)
                .runOn(Schedulers.parallel())
                .flatMap(i -> ids.next("note"))
                .sequential()
                .collectList()
                .block();
        assertThat(taken).hasSize(asked).doesNotHaveDuplicates().allMatch(id -> id > 0);
    }

    /** Each table has its own ids, from its own sequence. */
    @Test
    void tablesDoNotShareIds() {
        Long note = ids.next("note").block();
        Long update = ids.next("stakeholder_update").block();
        assertThat(note).isPositive();
        assertThat(update).isPositive();
        assertThat(ids.next("note").block()).isNotEqualTo(note);
    }
}
