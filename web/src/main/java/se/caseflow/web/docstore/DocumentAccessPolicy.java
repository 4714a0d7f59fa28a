package se.caseflow.web.docstore;

import java.util.List;
import java.util.function.BiPredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import se.caseflow.web.security.Role;

/**
 * Who may read which key: deny by default, allow what a rule allows. Checked on every subscribe, every
 * push and every {@code GET /api/docs/...}. A rule is a role, a key pattern and optionally a condition on
 * the viewer and the matched key. A partner reads only its own {@code partner/<its partner id>/...} keys; staff
 * read no {@code partner/} key (the staff case document shows them every bid).
 */
final class DocumentAccessPolicy {

    record Rule(Role role, Pattern keys, BiPredicate<Viewer, Matcher> condition) {}

    private static final List<Rule> RULES = List.of(
            rule(Role.STAFF, "case/[^/]+"),
            rule(Role.STAFF, "case/[^/]+/activity"),
            rule(Role.STAFF, "view/.+"),
            rule(Role.STAFF, "case/[^/]+/sms"),
            rule(Role.STAFF, "sms/unmatched"),
            // processor status, rebuild progress and dead-letter counts (se.caseflow.web.ops.OpsDocument)
            rule(Role.OPS, "ops/.+"),
            // the cases offered to the partner and its document of each; never another partner's
            rule(
                    Role.PARTNER,
                    "partner/(?<partner>[^/]+)/(offers|case/[^/]+)",
                    (viewer, key) -> key.group("partner").equals(viewer.partnerId())));

    boolean allows(Viewer viewer, DocKey key) {
        for (Rule rule : RULES) {
            if (viewer.roles().contains(rule.role())) {
                Matcher matcher = rule.keys().matcher(key.key());
                if (matcher.matches() && rule.condition().test(viewer, matcher)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static Rule rule(Role role, String keys) {
        return rule(role, keys, (viewer, key) -> true);
    }

    private static Rule rule(Role role, String keys, BiPredicate<Viewer, Matcher> condition) {
        return new Rule(role, Pattern.compile(keys), condition);
    }
}
