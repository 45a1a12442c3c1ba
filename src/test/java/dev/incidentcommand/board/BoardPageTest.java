package dev.incidentcommand.board;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.incidentcommand.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;

/** The board is served by the server itself: the page, and every script and style it loads. */
class BoardPageTest extends IntegrationTest {

    private static final Pattern IMPORT = Pattern.compile("from '\\./([\\w-]+\\.js)'");

    @Test
    void rootLeadsToTheBoard() {
        http().get().uri("/").exchange()
                .expectStatus().is3xxRedirection()
                .expectHeader().value("Location", location -> assertThat(location).isEqualTo("board/"));
        http().get().uri("/board").exchange()
                .expectStatus().is3xxRedirection()
                .expectHeader().value("Location", location -> assertThat(location).isEqualTo("board/"));
    }

    @Test
    void boardPageLoadsItsScriptAndStyle() {
        String page = get("/board/", MediaType.TEXT_HTML);
        assertThat(page).contains("<title>Incident board</title>")
                .contains("<script type=\"module\" src=\"board.js\"></script>")
                .contains("<link rel=\"stylesheet\" href=\"board.css\">")
                .doesNotContain("http://").doesNotContain("https://");
        assertThat(get("/board/board.css", MediaType.parseMediaType("text/css"))).contains(".incident");
    }

    @Test
    void everyModuleTheBoardImportsIsServedAsJavaScriptAndNothingComesFromElsewhere() {
        List<String> served = new ArrayList<>();
        List<String> pending = new ArrayList<>(List.of("board.js"));
        while (!pending.isEmpty()) {
            String module = pending.remove(0);
            if (served.contains(module)) {
                continue;
            }
            String source = http().get().uri("/board/" + module).exchange()
                    .expectStatus().isOk()
                    .expectHeader().value("Content-Type", type -> assertThat(type).contains("javascript"))
                    .expectBody(String.class).returnResult().getResponseBody();
            assertThat(source).as(module).doesNotContain("http://").doesNotContain("https://");
            served.add(module);
            Matcher imports = IMPORT.matcher(source);
            while (imports.find()) {
                pending.add(imports.group(1));
            }
        }
        assertThat(served).contains("board.js", "api.js", "graphql-ws.js", "auth.js", "view.js");
    }

    private String get(String path, MediaType type) {
        return http().get().uri(path).exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(type)
                .expectBody(String.class).returnResult().getResponseBody();
    }
}
