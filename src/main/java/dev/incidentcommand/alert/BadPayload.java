package dev.incidentcommand.alert;

/**
 * A webhook body this server cannot read, with one sentence that tells whoever set up the sender what to fix.
 * It carries no stack trace: the message is all the sender ever sees.
 */
public class BadPayload extends RuntimeException {

    public BadPayload(String message) {
        super(message, null, false, false);
    }
}
