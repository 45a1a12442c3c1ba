package dev.incidentcommand.alert;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import dev.incidentcommand.incident.Severity;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the words alerting systems use for severity become ours, since every sender has its own scale.
 *
 * @param severities      a sender's severity word (matched case-insensitively) and the severity it means, over the
 *                        defaults: critical and p1 are SEV1; high, error and p2 SEV2; warning, medium and p3 SEV3;
 *                        low and p4 SEV4; info and p5 SEV5
 * @param defaultSeverity the severity of an alert whose sender gives no word, or one not in the mapping
 * @param severityLabel   the Alertmanager or Grafana label that carries the severity word
 */
@ConfigurationProperties("incident-command.alerts")
public record AlertProperties(
        Map<String, Severity> severities,
        @DefaultValue("SEV3") Severity defaultSeverity,
        @DefaultValue("severity") String severityLabel) {

    public AlertProperties {
        Map<String, Severity> words = new HashMap<>();
        words.put("critical", Severity.SEV1);
        words.put("p1", Severity.SEV1);
        words.put("high", Severity.SEV2);
        words.put("error", Severity.SEV2);
        words.put("p2", Severity.SEV2);
        words.put("warning", Severity.SEV3);
        words.put("medium", Severity.SEV3);
        words.put("p3", Severity.SEV3);
        words.put("low", Severity.SEV4);
        words.put("p4", Severity.SEV4);
        words.put("info", Severity.SEV5);
        words.put("p5", Severity.SEV5);
        if (severities != null) {
            severities.forEach((word, severity) -> {
                if (word != null && !word.isBlank() && severity != null) {
                    words.put(normalize(word), severity);
                }
            });
        }
        severities = Map.copyOf(words);
        if (defaultSeverity == null) {
            defaultSeverity = Severity.SEV3;
        }
        severityLabel = severityLabel == null || severityLabel.isBlank() ? "severity" : severityLabel.strip();
    }

    /** The defaults alone, for a server that configures nothing. */
    public static AlertProperties defaults() {
        return new AlertProperties(null, null, null);
    }

    /** The severity a sender's word means: the default when the word is missing or not in the mapping. */
    public Severity severityOf(String word) {
        return mapped(word).orElse(defaultSeverity);
    }

    /** The severity a word means, or empty when the mapping does not know it. */
    Optional<Severity> mapped(String word) {
        return word == null || word.isBlank() ? Optional.empty() : Optional.ofNullable(severities.get(normalize(word)));
    }

    private static String normalize(String word) {
        return word.strip().toLowerCase(Locale.ROOT);
    }
}
