package dev.incidentcommand.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The loop answers exactly as the expressions of Spring Security's strict firewall it stands in for. */
class HeaderTextTest {

    private static final Pattern NAME = Pattern.compile("[\\p{IsAssigned}&&[^\\p{IsControl}]]*");
    private static final Pattern VALUE = Pattern.compile("[\\p{IsAssigned}&&[[^\\p{IsControl}]||\\t]]*");

    @Property(tries = 5_000)
    void namesAndValuesAreJudgedAsTheFirewallsExpressionsJudgeThem(@ForAll("headerText") String text) {
        assertThat(HeaderText.allowedName(text)).as("name %s", escaped(text)).isEqualTo(NAME.matcher(text).matches());
        assertThat(HeaderText.allowedValue(text)).as("value %s", escaped(text)).isEqualTo(VALUE.matcher(text).matches());
    }

    @Example
    void anAbsentHeaderPassesAsItDoesTheFirewall() {
        assertThat(HeaderText.allowedName(null)).isTrue();
        assertThat(HeaderText.allowedValue(null)).isTrue();
    }

    @Provide
    Arbitrary<String> headerText() {
        return Arbitraries.oneOf(
                // Mostly what headers hold, with now and then a character the firewall refuses.
                Arbitraries.strings().withCharRange(' ', '~').withChars('\t', '\n', '\r', '\u0000', '\u007f', '\u0085', '\u00e9')
                        .ofMaxLength(60),
                // Anything at all: unassigned code points, lone and paired surrogates, other controls.
                Arbitraries.strings().all().ofMaxLength(20),
                Arbitraries.strings().withChars('a', '\ud83d', '\ude80', '\udfff', '\u0378', '\u2028', '\ufffe').ofMaxLength(8));
    }

    private static String escaped(String text) {
        StringBuilder out = new StringBuilder();
        text.chars().forEach(c -> out.append(c >= 0x20 && c < 0x7f ? String.valueOf((char) c) : String.format("\\u%04x", c)));
        return out.toString();
    }
}
