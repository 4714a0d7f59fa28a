package se.caseflow.twilio;

import java.util.Map;

/**
 * A fixed text per Twilio error code, in place of Twilio's own message: Twilio's messages quote the
 * recipient's number ("The 'To' number +4670... is not a valid phone number"), and what caseflow keeps of an
 * error ends up in events, Kafka and logs, which must not name a person.
 */
final class TwilioErrorTexts {

    private static final Map<String, String> TEXTS = Map.ofEntries(
            Map.entry("20003", "Twilio refused the credentials"),
            Map.entry("20429", "Too many requests to Twilio"),
            Map.entry("21211", "The recipient's number is not a valid phone number"),
            Map.entry("21408", "Sending to the recipient's region is not enabled"),
            Map.entry("21606", "The sender number cannot send SMS"),
            Map.entry("21610", "The recipient has opted out (STOP)"),
            Map.entry("21612", "Twilio cannot route to the recipient's number"),
            Map.entry("21614", "The recipient's number is not a mobile number"),
            Map.entry("30003", "The recipient's handset is unreachable"),
            Map.entry("30005", "The recipient's number is unknown to the network"),
            Map.entry("30006", "The recipient's number is a landline or its carrier is unreachable"),
            Map.entry("30007", "The carrier filtered the message"),
            Map.entry("30008", "Unknown delivery error"));

    private TwilioErrorTexts() {}

    static String of(String code) {
        return TEXTS.getOrDefault(
                code, "Twilio refused the message (error " + code + ", see Twilio's error reference)");
    }
}
