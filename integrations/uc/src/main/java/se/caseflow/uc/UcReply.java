package se.caseflow.uc;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A parsed {@code ucReply}: {@code status@result}, the optional status message (its id and level; its text
 * is not kept, it may echo what was asked), and the groups of every report with their terms.
 */
record UcReply(String result, String messageId, String messageLevel, List<Group> groups) {

    record Group(String id, int index, Map<String, String> terms) {}

    boolean isError() {
        return !"ok".equalsIgnoreCase(result);
    }

    Optional<Group> group(String id, int index) {
        return groups.stream()
                .filter(g -> g.id().equals(id) && g.index() == index)
                .findFirst();
    }

    /** The raw text of a field of the person asked about (index 0), if UC sent it. */
    Optional<String> value(UcField field) {
        return group(field.group(), 0).map(g -> g.terms().get(field.term()));
    }
}
