package se.caseflow.web.partner;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;
import se.caseflow.domain.json.Json;
import se.caseflow.projections.read.ProjectionReader;

/**
 * A partner's own read side: {@code partner/<id>/offers} (the cases offered to it, newest first) and
 * {@code partner/<id>/case/<caseId>} (what it may know of one case, and its own bid). Only ever called with the
 * signed-in partner's id. Blocking: call it on the doc-store workers.
 */
@Component
class PartnerDocuments {

    static final Pattern CASE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9-]{0,63}");
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};
    private static final int LIST_LIMIT = 200;

    private final ProjectionReader reader;
    private final ObjectMapper json = Json.mapper();

    PartnerDocuments(ProjectionReader reader) {
        this.reader = reader;
    }

    static String offersKey(String partnerId) {
        return "partner/" + partnerId + "/offers";
    }

    static String caseKey(String partnerId, String caseId) {
        return "partner/" + partnerId + "/case/" + caseId;
    }

    /** The partner's document of a case, or empty when the case was never offered to it (or does not exist). */
    Optional<Map<String, Object>> offered(String partnerId, String caseId) {
        if (!CASE_ID.matcher(caseId).matches()) {
            return Optional.empty();
        }
        return reader.document(caseKey(partnerId, caseId)).map(d -> {
            try {
                return json.readValue(d.json(), MAP);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("Unreadable document " + d.key(), e);
            }
        });
    }

    /** The offered cases' documents, newest offer first. */
    List<Map<String, Object>> offers(String partnerId) {
        List<Map<String, Object>> cases = new ArrayList<>();
        for (ProjectionReader.ViewPage.Member member :
                reader.view(offersKey(partnerId), 0, LIST_LIMIT).members()) {
            offered(partnerId, member.caseId()).ifPresent(cases::add);
        }
        return cases;
    }
}
