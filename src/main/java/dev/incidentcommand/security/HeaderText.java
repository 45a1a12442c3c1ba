package dev.incidentcommand.security;

/**
 * The rules Spring Security's strict firewall applies to every header name and value it hands out
 * (every character assigned in Unicode and not a control character; a tab allowed in values), checked
 * by a loop instead of its regular expressions. The firewall runs them on each header read, and a
 * JWT is hundreds of characters: the expressions were about 1% of a request's CPU.
 */
final class HeaderText {

    private HeaderText() {
    }

    /** Header and parameter names: {@code [\p{IsAssigned}&&[^\p{IsControl}]]*}. */
    static boolean allowedName(String text) {
        return printable(text, false);
    }

    /** Header values: as names, and a tab is allowed. */
    static boolean allowedValue(String text) {
        return printable(text, true);
    }

    /** Nothing to check in an absent value (a header asked for and not sent), as for the firewall's own rules. */
    private static boolean printable(String text, boolean tab) {
        if (text == null) {
            return true;
        }
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            if (c >= 0x20 && c < 0x7f) {
                i++;
                continue;
            }
            int type = Character.getType(c);
            if (type == Character.UNASSIGNED || type == Character.CONTROL && !(tab && c == '\t')) {
                return false;
            }
            i += Character.charCount(c);
        }
        return true;
    }
}
