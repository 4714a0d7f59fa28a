package se.caseflow.web.pages;

import java.security.Principal;
import org.springframework.security.web.reactive.result.view.CsrfRequestDataValueProcessor;
import org.springframework.security.web.server.csrf.CsrfToken;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * What every page's layout needs (the staff pages, the partner pages and the ops page): the CSRF token for its forms ({@code _csrf}), the signed-in user's name
 * ({@code user}) and the formatter for dates and money ({@code fmt}).
 */
@ControllerAdvice(basePackages = {"se.caseflow.web.pages", "se.caseflow.web.ops", "se.caseflow.web.partner"})
class PageModel {

    private static final PageFormat FORMAT = new PageFormat();

    @ModelAttribute("_csrf")
    Mono<CsrfToken> csrf(ServerWebExchange exchange) {
        Mono<CsrfToken> token = exchange.getAttribute(CsrfToken.class.getName());
        return token == null
                ? Mono.empty()
                : token.doOnNext(
                        t -> exchange.getAttributes().put(CsrfRequestDataValueProcessor.DEFAULT_CSRF_ATTR_NAME, t));
    }

    @ModelAttribute("user")
    Mono<String> user(ServerWebExchange exchange) {
        return exchange.getPrincipal().map(Principal::getName);
    }

    @ModelAttribute("fmt")
    PageFormat format() {
        return FORMAT;
    }
}
