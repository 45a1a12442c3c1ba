package dev.incidentcommand.security;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

import dev.incidentcommand.common.ScheduledWork;
import dev.incidentcommand.live.ClosingWebSocketHandler;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.socket.CloseStatus;
import reactor.core.publisher.Mono;

/**
 * Ends live connections whose credential stopped being valid: a token revoked on any instance,
 * or a token or JWT that expired. Checked every few seconds; the socket is closed with the
 * protocol's 4403 (revoked) or 4401 (expired) and a reason the client can show.
 */
@Component
class SessionGuard extends ScheduledWork {

    private final ClosingWebSocketHandler sockets;
    private final ApiTokens tokens;
    private final Clock clock;

    SessionGuard(ClosingWebSocketHandler sockets, ApiTokens tokens, Clock clock, SecurityProperties properties) {
        super("Ending sessions of revoked or expired credentials", properties.tokenCheckEvery(), properties.tokenCheckEvery());
        this.sockets = sockets;
        this.tokens = tokens;
        this.clock = clock;
    }

    @Override
    protected Mono<?> runOnce() {
        Map<String, Caller> callers = new HashMap<>();
        sockets.openSessions().forEach((id, attributes) -> {
            if (attributes.get(CallerInterceptor.SESSION_CALLER) instanceof Caller caller) {
                callers.put(id, caller);
            }
        });
        callers.forEach((id, caller) -> {
            if (caller.expiredAt(clock.instant())) {
                sockets.close(id, new CloseStatus(CallerInterceptor.UNAUTHORIZED, "The credential expired; sign in again."));
            }
        });
        return tokens.invalid(callers.values().stream().map(Caller::tokenId).filter(Objects::nonNull).toList())
                .doOnNext(invalid -> callers.forEach((id, caller) -> {
                    String why = caller.tokenId() == null ? null : invalid.get(caller.tokenId());
                    if (why != null) {
                        sockets.close(id, new CloseStatus(CallerInterceptor.FORBIDDEN, CallerInterceptor.fit(why)));
                    }
                }));
    }
}
