package se.caseflow.web.pages;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** {@code GET /login}: the sign-in form (Spring Security takes the {@code POST /login}); {@code /} goes to the cases. */
@Controller
class LoginController {

    @GetMapping("/")
    String home() {
        return "redirect:/cases";
    }

    @GetMapping("/login")
    String login() {
        return "login";
    }
}
