package se.caseflow.web.pages;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import se.caseflow.web.security.Role;

/** {@code GET /login}: the sign-in form (Spring Security takes the {@code POST /login}); {@code /} goes to the cases (a partner: to its offered cases). */
@Controller
class LoginController {

    @GetMapping("/")
    String home(Authentication user) {
        boolean partner = user.getAuthorities().stream()
                .anyMatch(a -> Role.PARTNER.authority().equals(a.getAuthority()));
        return partner ? "redirect:/partner" : "redirect:/cases";
    }

    @GetMapping("/login")
    String login() {
        return "login";
    }
}
