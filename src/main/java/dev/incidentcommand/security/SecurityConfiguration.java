package dev.incidentcommand.security;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import dev.incidentcommand.security.CallerInterceptor.OperationForbidden;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.firewall.ServerWebExchangeFirewall;
import org.springframework.security.web.server.firewall.StrictServerWebExchangeFirewall;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.CorsConfigurationSource;
import org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every request needs a credential, except the health check and the static pages that let a
 * person sign in (the board, and GraphiQL with the libraries it loads from {@code /webjars/}).
 * Without one the answer is 401 with a sentence saying what to send; a role that may not run an
 * operation gets 403. WebSocket upgrades pass here and sign in with their first message
 * ({@link CallerInterceptor}). Cross-site browser calls are refused unless their origin is allowed.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SecurityProperties.class)
class SecurityConfiguration {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Bean
    SecurityWebFilterChain securityWebFilterChain(ServerHttpSecurity http, BearerAuthentication bearer,
                                                  SecurityProperties properties) {
        ServerAuthenticationEntryPoint signIn = (exchange, error) -> {
            exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
            String message = error instanceof Unauthenticated ? error.getMessage()
                    : "Sign in: send 'Authorization: Bearer <token>' with an API token or a JWT from your identity provider."
                    + (error.getMessage() == null || error.getMessage().startsWith("Not Authenticated") ? "" : " (" + error.getMessage() + ")");
            return write(exchange.getResponse(), HttpStatus.UNAUTHORIZED, "UNAUTHORIZED", message);
        };
        return http
                // Credentials travel in a header, never a cookie: there is no session to forge requests with.
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                // Stateless: nothing is kept between requests. Touching the WebSession would also move
                // the rest of the request, WebSocket upgrades included, off the event loop.
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                .requestCache(cache -> cache.requestCache(NoOpServerRequestCache.getInstance()))
                .cors(cors -> cors.configurationSource(cors(properties.allowedOrigins())))
                .authorizeExchange(exchanges -> exchanges
                        .pathMatchers("/", "/board", "/board/**", "/graphiql", "/graphiql/**", "/webjars/**",
                                "/actuator/health", "/actuator/health/**").permitAll()
                        .matchers(webSocketUpgrade()).permitAll()
                        // Alerting systems declare incidents; a VIEWER credential only reads.
                        .pathMatchers(HttpMethod.POST, "/webhooks/**").hasAnyRole("INTEGRATION", "RESPONDER", "ADMIN")
                        .anyExchange().authenticated())
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .authenticationManagerResolver(exchange -> Mono.just(bearer))
                        .authenticationEntryPoint(signIn))
                .exceptionHandling(handling -> handling.authenticationEntryPoint(signIn)
                        .accessDeniedHandler((exchange, denied) -> write(exchange.getResponse(), HttpStatus.FORBIDDEN, "FORBIDDEN",
                                "Webhooks take an INTEGRATION, RESPONDER or ADMIN credential; a VIEWER credential only reads.")))
                .build();
    }

    /** No observation wrapped around each security filter of each request: it cost more CPU than the filters. */
    @Bean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    /** The security filters run as a plain chain, without a checkpoint per filter ({@link LeanFilterChain}). */
    @Bean
    static BeanPostProcessor leanSecurityFilterChain() {
        return LeanFilterChain.installer();
    }

    /** Spring Security's strict firewall, its header rules checked without regular expressions ({@link HeaderText}). */
    @Bean
    ServerWebExchangeFirewall firewall() {
        StrictServerWebExchangeFirewall firewall = new StrictServerWebExchangeFirewall();
        firewall.setAllowedHeaderNames(HeaderText::allowedName);
        firewall.setAllowedHeaderValues(HeaderText::allowedValue);
        firewall.setAllowedParameterNames(HeaderText::allowedName);
        return firewall;
    }

    /** 403 with a sentence for an operation the caller's role may not run. */
    @Bean
    @Order(-2)
    WebExceptionHandler operationForbidden() {
        return (exchange, error) -> error instanceof OperationForbidden
                ? write(exchange.getResponse(), HttpStatus.FORBIDDEN, "FORBIDDEN", error.getMessage())
                : Mono.error(error);
    }

    private static CorsConfigurationSource cors(List<String> allowedOrigins) {
        CorsConfiguration configuration = new CorsConfiguration();
        configuration.setAllowedOrigins(allowedOrigins);
        configuration.setAllowedMethods(List.of("GET", "POST"));
        configuration.setAllowedHeaders(List.of(HttpHeaders.AUTHORIZATION, HttpHeaders.CONTENT_TYPE, HttpHeaders.ACCEPT));
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/**", configuration);
        return source;
    }

    private static ServerWebExchangeMatcher webSocketUpgrade() {
        return (ServerWebExchange exchange) -> "websocket".equalsIgnoreCase(exchange.getRequest().getHeaders().getUpgrade())
                ? ServerWebExchangeMatcher.MatchResult.match() : ServerWebExchangeMatcher.MatchResult.notMatch();
    }

    /** The body has the shape of a GraphQL response, so GraphQL clients show the message. */
    static Mono<Void> write(ServerHttpResponse response, HttpStatus status, String classification, String message) {
        response.setStatusCode(status);
        response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
        byte[] body = JSON.writeValueAsString(Map.of("errors", List.of(Map.of("message", message,
                "extensions", Map.of("classification", classification))))).getBytes(StandardCharsets.UTF_8);
        return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
    }
}
