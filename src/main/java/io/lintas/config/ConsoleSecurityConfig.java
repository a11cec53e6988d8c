package io.lintas.config;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.function.Supplier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.www.BasicAuthenticationEntryPoint;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.CsrfTokenRequestAttributeHandler;
import org.springframework.security.web.csrf.CsrfTokenRequestHandler;
import org.springframework.security.web.csrf.XorCsrfTokenRequestAttributeHandler;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.util.StringUtils;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The operator console: Hawtio at {@code /actuator/hawtio/}, Jolokia at {@code /actuator/jolokia}
 * (and its Hawtio alias {@code /actuator/hawtio/jolokia}). Spring Security decides who gets in,
 * with the users of {@code lintas.admin.*} (SecurityConfig): Hawtio's login form (HawtioLogin) or
 * Basic for scripts. What a user may do through Jolokia is {@link ConsoleJolokiaRestrictor}'s
 * call: ADMIN everything, VIEWER read-only. Nothing is anonymous but the console's static files and
 * its login page, which hold no data. Hawtio's own authentication stays on
 * ({@code hawtio.authenticationEnabled} is never false): it sees the Spring Security user through
 * the session ({@link HawtioLogin.SessionBridge}).
 */
@Configuration(proxyBeanMethods = false)
public class ConsoleSecurityConfig {

    static final String HAWTIO = "/actuator/hawtio";
    static final String JOLOKIA = "/actuator/jolokia";

    /** Hawtio's files and the requests its login page makes before anyone has logged in. */
    private static final String[] PUBLIC = {
        HAWTIO + "/login", HAWTIO + "/login/**", HAWTIO + "/auth/config/**", HAWTIO + "/static/**", HAWTIO + "/img/**",
        HAWTIO + "/favicon.ico", HAWTIO + "/hawtconfig.json", HAWTIO + "/robots.txt", HAWTIO + "/*.worker.js",
        HAWTIO + "/keycloak/enabled", HAWTIO + "/proxy/enabled", HAWTIO + "/plugin", HAWTIO + "/preset-connections",
        HAWTIO + "/user", HAWTIO + "/user/*",
    };

    /** Whole paths: Jolokia and Hawtio's servlets are not Spring MVC's, so MVC matchers would miss them. */
    private static final PathPatternRequestMatcher.Builder PATHS = PathPatternRequestMatcher.withDefaults();

    private static RequestMatcher paths(String... patterns) {
        return new OrRequestMatcher(java.util.Arrays.stream(patterns).map(p -> (RequestMatcher) PATHS.matcher(p)).toList());
    }

    @Bean
    ConsoleJolokiaRestrictor consoleJolokiaRestrictor() {
        return new ConsoleJolokiaRestrictor();
    }

    @Bean
    @Order(1)
    SecurityFilterChain consoleSecurity(HttpSecurity http, InMemoryUserDetailsManager users) throws Exception {
        AuthenticationManager authentication = new ProviderManager(new DaoAuthenticationProvider(users));
        HttpSessionSecurityContextRepository contexts = new HttpSessionSecurityContextRepository();
        BasicAuthenticationEntryPoint basic = new BasicAuthenticationEntryPoint();
        basic.setRealmName("lintas");
        basic.afterPropertiesSet();
        return http
                .securityMatcher(paths(HAWTIO, HAWTIO + "/**", JOLOKIA, JOLOKIA + "/**"))
                .authenticationManager(authentication)
                .securityContext(c -> c.securityContextRepository(contexts))
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.IF_REQUIRED))
                .authorizeHttpRequests(auth -> auth
                        // forwards (Hawtio's client routes to index.html, its /jolokia alias to the agent)
                        // were authorised as the request that made them
                        .dispatcherTypeMatchers(DispatcherType.FORWARD, DispatcherType.ERROR).permitAll()
                        .requestMatchers(paths(PUBLIC)).permitAll()
                        .requestMatchers(paths(HAWTIO + "/proxy/**")).denyAll()   // Hawtio's proxy to other agents: off
                        .requestMatchers(PATHS.matcher(HttpMethod.POST, HawtioLogin.LOGIN_PATH)).permitAll()
                        .requestMatchers(paths(HAWTIO + "/auth/logout")).permitAll()
                        .anyRequest().hasAnyRole(SecurityConfig.ADMIN, SecurityConfig.VIEWER))
                .httpBasic(b -> b.authenticationEntryPoint(entryPoint(basic)))
                .exceptionHandling(e -> e.authenticationEntryPoint(entryPoint(basic)))
                // Hawtio sends the XSRF-TOKEN cookie back as X-XSRF-TOKEN on every Jolokia call; its login
                // POST carries none (the login filter refuses a foreign Origin instead), logout is harmless
                .csrf(csrf -> csrf
                        .csrfTokenRepository(CookieCsrfTokenRepository.withHttpOnlyFalse())
                        .csrfTokenRequestHandler(new SpaCsrfTokenRequestHandler())
                        .ignoringRequestMatchers(PATHS.matcher(HttpMethod.POST, HawtioLogin.LOGIN_PATH),
                                paths(HAWTIO + "/auth/logout"),
                                ConsoleSecurityConfig::scriptWithCredentials))
                .addFilterAfter(new CsrfCookieFilter(), BasicAuthenticationFilter.class)
                .addFilterBefore(new HawtioLogin.LoginFilter(authentication, contexts), BasicAuthenticationFilter.class)
                .addFilterAfter(new HawtioLogin.SessionBridge(), AuthorizationFilter.class)
                .logout(l -> l
                        .logoutRequestMatcher(paths(HAWTIO + "/auth/logout"))
                        .logoutSuccessUrl(HAWTIO + "/login"))
                .build();
    }

    /**
     * Who is not logged in: a browser opening a console page goes to Hawtio's login page; Hawtio's
     * own calls get a bare 401 (it then shows its login page itself, no browser pop-up); scripts on
     * {@code /actuator/jolokia} get 401 with a Basic challenge.
     */
    private static AuthenticationEntryPoint entryPoint(BasicAuthenticationEntryPoint basic) {
        LoginUrlAuthenticationEntryPoint login = new LoginUrlAuthenticationEntryPoint(HAWTIO + "/login");
        return (request, response, failure) -> {
            String path = request.getRequestURI().substring(request.getContextPath().length());
            if (path.startsWith(JOLOKIA)) {
                basic.commence(request, response, failure);
            } else if ("GET".equals(request.getMethod()) && accepts(request, "text/html")) {
                login.commence(request, response, failure);
            } else {
                response.sendError(HttpServletResponse.SC_UNAUTHORIZED);
            }
        };
    }

    /**
     * A script calling Jolokia with Basic credentials and no foreign Origin: not a browser tricked by
     * another site (a browser always names the origin of a cross-site POST), so no CSRF token needed.
     */
    static boolean scriptWithCredentials(HttpServletRequest request) {
        String authorization = request.getHeader("Authorization");
        String origin = request.getHeader("Origin");
        return authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)
                && (origin == null || ConsoleJolokiaRestrictor.sameOrigin(origin, ConsoleJolokiaRestrictor.ownOrigin()));
    }

    private static boolean accepts(HttpServletRequest request, String type) {
        String accept = request.getHeader("Accept");
        return accept != null && accept.contains(type);
    }

    /** Spring Security's recipe for single-page apps that echo the XSRF-TOKEN cookie in a header. */
    static final class SpaCsrfTokenRequestHandler extends CsrfTokenRequestAttributeHandler {
        private final CsrfTokenRequestHandler xor = new XorCsrfTokenRequestAttributeHandler();

        @Override
        public void handle(HttpServletRequest request, HttpServletResponse response, Supplier<CsrfToken> token) {
            xor.handle(request, response, token);
        }

        @Override
        public String resolveCsrfTokenValue(HttpServletRequest request, CsrfToken token) {
            if (StringUtils.hasText(request.getHeader(token.getHeaderName()))) {
                return super.resolveCsrfTokenValue(request, token);
            }
            return xor.resolveCsrfTokenValue(request, token);
        }
    }

    /** Makes sure the XSRF-TOKEN cookie is set, so Hawtio has a token to send back. */
    static final class CsrfCookieFilter extends OncePerRequestFilter {
        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            CsrfToken token = (CsrfToken) request.getAttribute(CsrfToken.class.getName());
            if (token != null) {
                token.getToken();
            }
            chain.doFilter(request, response);
        }
    }
}
