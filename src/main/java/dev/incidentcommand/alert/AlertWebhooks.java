package dev.incidentcommand.alert;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.Principal;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.incidentcommand.common.Refusal;
import dev.incidentcommand.incident.AlertIntake;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Where alerting systems send their own webhooks: {@code POST /webhooks/{alertmanager|grafana|
 * pagerduty|opsgenie|generic}} with an integration token. Answers 200 with what became of each
 * alert, or a 4xx with a sentence saying what is wrong; a sender that retries gets the first answer
 * again and nothing changes.
 */
@RestController
@EnableConfigurationProperties(AlertProperties.class)
class AlertWebhooks {

    /** Larger than any alert group a sender would batch, small enough that nobody can exhaust memory with one. */
    static final int MAX_BODY = 1024 * 1024;

    private final AlertIntake intake;
    private final AlertProperties settings;
    private final JsonMapper json;

    AlertWebhooks(AlertIntake intake, AlertProperties settings, JsonMapper json) {
        this.intake = intake;
        this.settings = settings;
        this.json = json;
    }

    @PostMapping(path = "/webhooks/{sender}", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<Map<String, Object>>> receive(@PathVariable String sender, ServerWebExchange exchange, Principal caller) {
        AlertFormat format = AlertFormat.byPath(sender).orElse(null);
        if (format == null) {
            return Mono.just(error(HttpStatus.NOT_FOUND, "There is no webhook for '" + sender
                    + "'; use alertmanager, grafana, pagerduty, opsgenie or generic."));
        }
        return DataBufferUtils.join(exchange.getRequest().getBody(), MAX_BODY)
                .map(buffer -> {
                    byte[] bytes = new byte[buffer.readableByteCount()];
                    buffer.read(bytes);
                    DataBufferUtils.release(buffer);
                    return bytes;
                })
                .defaultIfEmpty(new byte[0])
                .flatMap(body -> {
                    AlertFormat.Parsed parsed = format.parse(read(body), settings);
                    String digest = sha256(body);
                    String deliveryId = parsed.deliveryId() != null ? parsed.deliveryId() : digest;
                    return intake.receive(caller.getName(), format.path(), deliveryId, digest, parsed.signals())
                            .map(delivery -> {
                                Map<String, Object> answer = new LinkedHashMap<>();
                                answer.put("alerts", delivery.alerts());
                                answer.put("ignored", parsed.ignored());
                                answer.put("replayed", delivery.replayed());
                                return ResponseEntity.ok(answer);
                            });
                })
                .onErrorResume(BadPayload.class, bad -> Mono.just(error(HttpStatus.BAD_REQUEST, bad.getMessage())))
                .onErrorResume(DataBufferLimitException.class, tooLarge -> Mono.just(error(HttpStatus.PAYLOAD_TOO_LARGE,
                        "The webhook body is larger than " + MAX_BODY / 1024 + " KB; send fewer alerts per group.")))
                .onErrorResume(Refusal.class, reused -> Mono.just(error(HttpStatus.CONFLICT,
                        "This delivery id was already received with a different body; a new delivery needs a new id.")));
    }

    private JsonNode read(byte[] body) {
        if (body.length == 0) {
            throw new BadPayload("The webhook body is empty; it must be a JSON object.");
        }
        try {
            return json.readTree(new String(body, StandardCharsets.UTF_8));
        } catch (JacksonException e) {
            throw new BadPayload("The webhook body is not valid JSON (" + e.getOriginalMessage() + ").");
        }
    }

    private static ResponseEntity<Map<String, Object>> error(HttpStatus status, String message) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(Map.of("error", message));
    }

    private static String sha256(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
