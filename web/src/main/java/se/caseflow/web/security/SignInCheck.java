package se.caseflow.web.security;

import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.authentication.UserDetailsRepositoryReactiveAuthenticationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.userdetails.MapReactiveUserDetailsService;
import org.springframework.security.core.userdetails.ReactiveUserDetailsService;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import reactor.core.publisher.Mono;

/**
 * How a user name and password are checked, for the sign-in form and HTTP Basic alike: refused at once while
 * {@link SignInLimits} says so, and otherwise one bcrypt check whether the user exists or not, so the time an
 * answer takes does not tell which user names exist.
 */
final class SignInCheck {

    /** Where the client address travels from {@link #clientAddress()} to the check: the Reactor context. */
    static final String CLIENT_ADDRESS = SignInCheck.class.getName() + ".clientAddress";

    private SignInCheck() {}

    static ReactiveAuthenticationManager of(
            MapReactiveUserDetailsService users, int bcryptCost, PasswordEncoder encoder, SignInLimits limits) {
        UserDetailsRepositoryReactiveAuthenticationManager passwords =
                new UserDetailsRepositoryReactiveAuthenticationManager(unknownUsersCostAHash(users, bcryptCost));
        passwords.setPasswordEncoder(encoder);
        return request -> Mono.deferContextual(context -> {
            String user = request.getName();
            String address = context.getOrDefault(CLIENT_ADDRESS, "unknown");
            return limits.refusal(user, address)
                    .<Mono<Authentication>>map(wait -> Mono.error(new SignInLimitedException(wait)))
                    .orElseGet(() -> passwords
                            .authenticate(request)
                            .doOnNext(signedIn -> limits.succeeded(user))
                            .doOnError(AuthenticationException.class, wrong -> limits.failed(user, address)));
        });
    }

    /** Puts the client's address (as Spring sees it, so behind a proxy with forward headers) where the check finds it. */
    static WebFilter clientAddress() {
        return (exchange, chain) ->
                chain.filter(exchange).contextWrite(context -> context.put(CLIENT_ADDRESS, address(exchange)));
    }

    private static String address(ServerWebExchange exchange) {
        InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
        return remote == null || remote.getAddress() == null
                ? "unknown"
                : remote.getAddress().getHostAddress();
    }

    /**
     * An unknown user name is answered with a user whose password nobody knows (a random one, hashed at the cost of
     * the real users): the password check then runs, and fails, as it would for a known name.
     */
    private static ReactiveUserDetailsService unknownUsersCostAHash(MapReactiveUserDetailsService users, int cost) {
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        String unguessable = "{bcrypt}"
                + new BCryptPasswordEncoder(cost).encode(HexFormat.of().formatHex(random));
        return name -> users.findByUsername(name)
                .switchIfEmpty(Mono.fromSupplier(() -> User.withUsername("\u0000unknown")
                        .password(unguessable)
                        .authorities(List.of())
                        .build()));
    }
}
