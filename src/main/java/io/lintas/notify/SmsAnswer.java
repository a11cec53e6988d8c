package io.lintas.notify;

/** What an SMS gateway answered: the HTTP status and body, whatever the status. */
public record SmsAnswer(int status, String body) {
}
