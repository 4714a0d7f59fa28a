package se.caseflow.web.security;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.userdetails.MapReactiveUserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.web.server.DelegatingServerAuthenticationEntryPoint;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.WebFilterExchange;
import org.springframework.security.web.server.authentication.RedirectServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authentication.RedirectServerAuthenticationFailureHandler;
import org.springframework.security.web.server.authentication.ServerAuthenticationFailureHandler;
import org.springframework.security.web.server.authentication.logout.DelegatingServerLogoutHandler;
import org.springframework.security.web.server.authentication.logout.RedirectServerLogoutSuccessHandler;
import org.springframework.security.web.server.authentication.logout.SecurityContextServerLogoutHandler;
import org.springframework.security.web.server.authentication.logout.WebSessionServerLogoutHandler;
import org.springframework.security.web.server.authorization.HttpStatusServerAccessDeniedHandler;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.security.web.server.csrf.CookieServerCsrfTokenRepository;
import org.springframework.security.web.server.savedrequest.CookieServerRequestCache;
import org.springframework.security.web.server.savedrequest.ServerRequestCache;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.session.WebSessionManager;
import reactor.core.publisher.Mono;
import se.caseflow.domain.json.Json;
import se.caseflow.web.problem.ProblemDetails;

/**
 * Who may do what over HTTP. Deny by default; people sign in with a form (session cookie, CSRF on every
 * form), API clients send HTTP Basic on every request (no session). The doc-store checks each key itself
 * ({@code se.caseflow.web.docstore.DocumentAccessPolicy}); here it only needs a signed-in user.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    private static final ServerWebExchangeMatcher API =
            ServerWebExchangeMatchers.pathMatchers("/api/**", "/ws/**", "/actuator/**");
    private static final String[] TWILIO_WEBHOOKS = {"/twilio/sms", "/twilio/sms/status"};
    private static final ServerWebExchangeMatcher WEBHOOKS =
            ServerWebExchangeMatchers.pathMatchers(HttpMethod.POST, TWILIO_WEBHOOKS);
    private static final ObjectMapper JSON = Json.mapper();
    private static final ServerAuthenticationFailureHandler WRONG_PASSWORD =
            new RedirectServerAuthenticationFailureHandler("/login?error");
    private static final Set<HttpMethod> SAFE_METHODS =
            Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS, HttpMethod.TRACE);

    @Bean
    MapReactiveUserDetailsService userDetailsService(SecurityProperties properties) {
        return UserAccounts.from(properties);
    }

    @Bean
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
    SecurityWebFilterChain caseflowSecurity(
            ServerHttpSecurity http,
            MapReactiveUserDetailsService users,
            SecurityProperties properties,
            Clock clock,
            WebSessionManager sessions) {
        ReactiveAuthenticationManager signIn = SignInCheck.of(
                users,
                UserAccounts.bcryptCost(properties),
                PasswordEncoderFactories.createDelegatingPasswordEncoder(),
                new SignInLimits(properties.signInLimits(), clock));
        ReactiveAuthenticationManager basicAuthentication =
                new RememberingBasicAuthentication(signIn, properties.basicAuthCacheTtl(), clock);
        ServerAuthenticationEntryPoint apiEntryPoint = (exchange, e) -> {
            if (e instanceof SignInLimitedException limited) {
                exchange.getResponse()
                        .getHeaders()
                        .set(HttpHeaders.RETRY_AFTER, Long.toString(limited.retryAfterSeconds()));
                return problem(exchange, HttpStatus.TOO_MANY_REQUESTS, "sign-in-limited", limited.sentence());
            }
            exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"caseflow\"");
            return problem(exchange, HttpStatus.UNAUTHORIZED, "unauthenticated", "Sign in or send HTTP Basic");
        };
        DelegatingServerAuthenticationEntryPoint entryPoint = new DelegatingServerAuthenticationEntryPoint(
                new DelegatingServerAuthenticationEntryPoint.DelegateEntry(API, apiEntryPoint));
        // no session before signing in: the page asked for waits in a cookie, like the CSRF token
        ServerRequestCache requestedPage = new CookieServerRequestCache();
        RedirectServerAuthenticationEntryPoint toLogin = new RedirectServerAuthenticationEntryPoint("/login");
        toLogin.setRequestCache(requestedPage);
        entryPoint.setDefaultEntryPoint(toLogin);
        ServerAccessDeniedHandler pagesDenied = new HttpStatusServerAccessDeniedHandler(HttpStatus.FORBIDDEN);
        ServerAccessDeniedHandler denied = (exchange, e) -> API.matches(exchange)
                .flatMap(match -> match.isMatch()
                        ? problem(exchange, HttpStatus.FORBIDDEN, "forbidden", "Your role may not do this")
                        : pagesDenied.handle(exchange, e));
        return http.authorizeExchange(exchanges -> exchanges
                        .pathMatchers("/login", "/actuator/health", "/actuator/health/**", "/actuator/info")
                        .permitAll()
                        // Twilio's webhooks: no user, but every request's X-Twilio-Signature is checked
                        .pathMatchers(HttpMethod.POST, TWILIO_WEBHOOKS)
                        .permitAll()
                        // the pages' stylesheet and scripts (static/), nothing personal in them
                        .pathMatchers(HttpMethod.GET, "/css/**", "/js/**", "/favicon.ico")
                        .permitAll()
                        .pathMatchers(HttpMethod.POST, "/api/commands/**")
                        .hasRole(Role.STAFF.name())
                        .pathMatchers(HttpMethod.GET, "/api/sms/**", "/sms/outbox", "/cases/*/sms")
                        .hasRole(Role.STAFF.name())
                        .pathMatchers("/actuator/prometheus")
                        .hasAnyRole(Role.OPS.name(), Role.METRICS.name())
                        .pathMatchers("/api/ops/**", "/ops", "/ops/**")
                        .hasRole(Role.OPS.name())
                        // every key is checked again by the doc-store's access policy
                        .pathMatchers(HttpMethod.GET, "/api/docs/**", "/ws/docs")
                        .authenticated()
                        // staff pages: case-maker and case-viewer
                        // where the sign-in lands: the partner pages for a partner, the cases for everyone else
                        .pathMatchers(HttpMethod.GET, "/")
                        .authenticated()
                        .pathMatchers(HttpMethod.GET, "/cases", "/cases/new", "/cases/*")
                        .hasRole(Role.STAFF.name())
                        .pathMatchers(
                                HttpMethod.POST,
                                "/cases/new",
                                "/cases/*/notes",
                                "/cases/*/close",
                                "/cases/*/offers/accept",
                                "/cases/*/debt-letter/send",
                                "/cases/*/debt-letter/signed",
                                "/cases/*/payout",
                                "/cases/*/follow-ups")
                        .hasRole(Role.STAFF.name())
                        // partner pages: the cases offered to the signed-in partner and its bids
                        .pathMatchers(HttpMethod.GET, "/partner", "/partner/cases/*")
                        .hasRole(Role.PARTNER.name())
                        .pathMatchers(HttpMethod.POST, "/partner/cases/*/bid", "/partner/cases/*/withdraw")
                        .hasRole(Role.PARTNER.name())
                        .anyExchange()
                        .denyAll())
                .httpBasic(basic ->
                        basic.authenticationManager(basicAuthentication).authenticationEntryPoint(apiEntryPoint))
                // our own page at GET /login (se.caseflow.web.pages.LoginController); POST /login signs in
                .addFilterAt(SignInCheck.clientAddress(), SecurityWebFiltersOrder.FIRST)
                .formLogin(form -> form.loginPage("/login")
                        .authenticationManager(signIn)
                        .authenticationFailureHandler(SecurityConfiguration::formSignInFailed)
                        .authenticationSuccessHandler(SignedInSessions.successHandler(
                                properties.maxSessionsPerUser(), sessions, requestedPage)))
                .requestCache(cache -> cache.requestCache(requestedPage))
                // signing out ends the session itself, not only its sign-in: the sockets that follow it close
                .logout(logout -> logout.logoutUrl("/logout")
                        .logoutHandler(new DelegatingServerLogoutHandler(
                                new SecurityContextServerLogoutHandler(), new WebSessionServerLogoutHandler()))
                        .logoutSuccessHandler(loggedOut()))
                .csrf(csrf -> csrf.csrfTokenRepository(csrfCookie())
                        .requireCsrfProtectionMatcher(SecurityConfiguration::csrfRequired))
                .exceptionHandling(handling ->
                        handling.authenticationEntryPoint(entryPoint).accessDeniedHandler(denied))
                .build();
    }

    /**
     * The CSRF token in a cookie of its own rather than in a session: the sign-in page is open to anyone, and a
     * session per visit would let anyone fill the session store (then nobody could sign in). The pages take the
     * token from the form field, so the cookie stays HttpOnly.
     */
    private static CookieServerCsrfTokenRepository csrfCookie() {
        CookieServerCsrfTokenRepository repository = new CookieServerCsrfTokenRepository();
        repository.setCookieCustomizer(cookie -> cookie.sameSite("Lax"));
        return repository;
    }

    /** A wrong name or password: back to the form with its error; too many of them: 429 and how long to wait. */
    private static Mono<Void> formSignInFailed(WebFilterExchange exchange, AuthenticationException failure) {
        if (!(failure instanceof SignInLimitedException limited)) {
            return WRONG_PASSWORD.onAuthenticationFailure(exchange, failure);
        }
        ServerHttpResponse response = exchange.getExchange().getResponse();
        response.setStatusCode(HttpStatus.TOO_MANY_REQUESTS);
        response.getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(limited.retryAfterSeconds()));
        response.getHeaders().setContentType(new MediaType(MediaType.TEXT_PLAIN, StandardCharsets.UTF_8));
        return response.writeWith(
                Mono.just(response.bufferFactory().wrap(limited.sentence().getBytes(StandardCharsets.UTF_8))));
    }

    private static RedirectServerLogoutSuccessHandler loggedOut() {
        RedirectServerLogoutSuccessHandler handler = new RedirectServerLogoutSuccessHandler();
        handler.setLogoutSuccessUrl(URI.create("/login?logout"));
        return handler;
    }

    /**
     * Every unsafe request needs the CSRF token, except an API call that authenticates itself with an
     * {@code Authorization: Basic} header: a cross-site page cannot set that header, and the
     * {@code Sec-Fetch-Site} check covers a browser that replays Basic credentials it cached; and an API call
     * with no credentials at all gets its 401 rather than a CSRF refusal. A browser calling the API with its
     * session cookie must send the token ({@code X-XSRF-TOKEN}).
     */
    static Mono<ServerWebExchangeMatcher.MatchResult> csrfRequired(ServerWebExchange exchange) {
        ServerHttpRequest request = exchange.getRequest();
        if (SAFE_METHODS.contains(request.getMethod())) {
            return ServerWebExchangeMatcher.MatchResult.notMatch();
        }
        return WEBHOOKS.matches(exchange)
                .flatMap(webhook -> webhook.isMatch()
                        // signed by Twilio, sent without cookies or credentials: nothing for a forged form to ride on
                        ? ServerWebExchangeMatcher.MatchResult.notMatch()
                        : apiCsrf(exchange, request));
    }

    private static Mono<ServerWebExchangeMatcher.MatchResult> apiCsrf(
            ServerWebExchange exchange, ServerHttpRequest request) {
        return API.matches(exchange).flatMap(api -> {
            String authorization = request.getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
            String fetchSite = request.getHeaders().getFirst("Sec-Fetch-Site");
            boolean noCredentials =
                    authorization == null && request.getCookies().isEmpty();
            boolean basic = authorization != null
                    && authorization.regionMatches(true, 0, "Basic ", 0, 6)
                    && (fetchSite == null || fetchSite.toLowerCase(Locale.ROOT).equals("same-origin"));
            return api.isMatch() && (basic || noCredentials)
                    ? ServerWebExchangeMatcher.MatchResult.notMatch()
                    : ServerWebExchangeMatcher.MatchResult.match();
        });
    }

    private static Mono<Void> problem(ServerWebExchange exchange, HttpStatus status, String type, String detail) {
        ServerHttpResponse response = exchange.getResponse();
        response.setStatusCode(status);
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        Map<String, Object> body = ProblemDetails.body(
                status, type, detail, exchange.getRequest().getPath().value());
        try {
            return response.writeWith(Mono.just(response.bufferFactory().wrap(JSON.writeValueAsBytes(body))));
        } catch (JsonProcessingException e) {
            return Mono.error(e);
        }
    }
}
