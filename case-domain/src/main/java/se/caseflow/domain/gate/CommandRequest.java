package se.caseflow.domain.gate;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A command as it arrives from any channel, before validation.
 *
 * @param idempotencyKey the client's key, or null when the client sent none
 * @param channel where it came from (http, form, kafka, ...), for logs and metrics
 */
public record CommandRequest(String type, JsonNode payload, String idempotencyKey, String channel) {}
