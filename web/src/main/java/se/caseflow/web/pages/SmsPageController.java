package se.caseflow.web.pages;

import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.server.ResponseStatusException;

/**
 * {@code GET /cases/{id}/sms}: the SMS conversation of a case on its own page, built from the panel
 * ({@code templates/sms.html}) that the case page includes as well.
 */
@Controller
class SmsPageController {

    private static final Pattern UUID =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    @GetMapping("/cases/{caseId}/sms")
    String conversation(@PathVariable String caseId, Model model) {
        if (!UUID.matcher(caseId).matches()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No such case");
        }
        model.addAttribute("caseId", caseId);
        return "case-sms";
    }
}
