package dev.incidentcommand.board;

import java.net.URI;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

import static org.springframework.web.reactive.function.server.RouterFunctions.route;

/**
 * The live board, a static page packaged under {@code static/board/} and served at {@code /board/};
 * the server's root leads to it. The board's scripts and styles are served as static resources.
 * GraphiQL's page, packaged under {@code static/graphiql/}, signs in the way the board does.
 */
@Configuration(proxyBeanMethods = false)
class BoardConfiguration {

    @Bean
    RouterFunction<ServerResponse> board(@Value("classpath:/static/board/index.html") Resource page) {
        // Relative redirects keep working behind a proxy that mounts the server under a path.
        return route()
                .GET("/", request -> ServerResponse.temporaryRedirect(URI.create("board/")).build())
                .GET("/board", request -> ServerResponse.temporaryRedirect(URI.create("board/")).build())
                .GET("/board/", request -> ServerResponse.ok()
                        .contentType(MediaType.TEXT_HTML)
                        .cacheControl(CacheControl.noCache())
                        .bodyValue(page))
                .build();
    }

    /**
     * GraphiQL at {@code /graphiql}, with or without the slash: both are the address people know
     * (and type), and the page's links are absolute, so neither needs a redirect.
     */
    @Bean
    RouterFunction<ServerResponse> graphiql(@Value("classpath:/static/graphiql/index.html") Resource page) {
        return route()
                .GET("/graphiql", request -> html(page))
                .GET("/graphiql/", request -> html(page))
                .build();
    }

    private static Mono<ServerResponse> html(Resource page) {
        return ServerResponse.ok().contentType(MediaType.TEXT_HTML).cacheControl(CacheControl.noCache()).bodyValue(page);
    }
}
