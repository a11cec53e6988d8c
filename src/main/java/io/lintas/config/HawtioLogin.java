package io.lintas.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hawt.web.auth.AuthSessionHelpers;
import io.hawt.web.auth.RolePrincipal;
import io.hawt.web.auth.UserPrincipal;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import javax.security.auth.Subject;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Hawtio's login, done by Spring Security. Hawtio's login page POSTs {@code {"username","password"}}
 * as JSON to {@code /actuator/hawtio/auth/login}; this filter answers that request itself: it checks
 * the pair against the configured users (the same ones as the admin API), keeps the Spring
 * Security context in the HTTP session, and answers 200 with the principals as Hawtio's own login
 * servlet does (403 otherwise, which Hawtio shows as "incorrect username or password").
 *
 * <p>Hawtio's own login servlet (JAAS) is never reached. Its Jolokia filter and its user servlet
 * read the user from the session, so {@link SessionBridge} writes Hawtio's session attributes for
 * every request Spring Security authenticated (a session login or Basic).
 */
final class HawtioLogin {

    static final String LOGIN_PATH = "/actuator/hawtio/auth/login";

    private HawtioLogin() {
    }

    /** Answers POST /actuator/hawtio/auth/login. */
    static final class LoginFilter extends OncePerRequestFilter {

        private static final int MAX_BODY = 4096;

        private final AuthenticationManager authentication;
        private final SecurityContextRepository contexts;
        private final ObjectMapper json = new ObjectMapper();

        LoginFilter(AuthenticationManager authentication, SecurityContextRepository contexts) {
            this.authentication = authentication;
            this.contexts = contexts;
        }

        @Override
        protected boolean shouldNotFilter(HttpServletRequest request) {
            return !("POST".equals(request.getMethod())
                    && LOGIN_PATH.equals(request.getRequestURI().substring(request.getContextPath().length())));
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws IOException, ServletException {
            String origin = request.getHeader("Origin");
            if (origin != null && !ConsoleJolokiaRestrictor.sameOrigin(origin, ConsoleJolokiaRestrictor.ownOrigin())) {
                response.sendError(HttpServletResponse.SC_FORBIDDEN, "cross-origin login refused");
                return;
            }
            String username;
            String password;
            try (InputStream in = request.getInputStream()) {
                byte[] body = in.readNBytes(MAX_BODY + 1);
                if (body.length > MAX_BODY) {
                    response.sendError(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, "login body too large");
                    return;
                }
                JsonNode node = json.readTree(new String(body, StandardCharsets.UTF_8));
                username = node == null ? null : node.path("username").asText(null);
                password = node == null ? null : node.path("password").asText(null);
            } catch (IOException e) {
                response.sendError(HttpServletResponse.SC_BAD_REQUEST, "login body must be JSON with username and password");
                return;
            }
            if (username == null || password == null) {
                response.sendError(HttpServletResponse.SC_BAD_REQUEST, "login body must be JSON with username and password");
                return;
            }
            Authentication user;
            try {
                user = authentication.authenticate(UsernamePasswordAuthenticationToken.unauthenticated(username, password));
            } catch (AuthenticationException e) {
                SecurityContextHolder.clearContext();
                response.sendError(HttpServletResponse.SC_FORBIDDEN, "wrong username or password");
                return;
            }
            HttpSession old = request.getSession(false);
            if (old != null) {
                old.invalidate(); // a fresh session per login: no fixation
            }
            SecurityContext context = SecurityContextHolder.createEmptyContext();
            context.setAuthentication(user);
            SecurityContextHolder.setContext(context);
            contexts.saveContext(context, request, response);
            SessionBridge.tellHawtio(request, user);
            response.setStatus(HttpServletResponse.SC_OK);
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
            var principals = json.createArrayNode();
            for (var principal : SessionBridge.subjectOf(user).getPrincipals()) {
                principals.addObject().put("type", principal.getClass().getName()).put("name", principal.getName());
            }
            var answer = json.createObjectNode();
            answer.set("principals", principals);
            answer.set("credentials", json.createArrayNode());
            json.writeValue(response.getOutputStream(), answer);
        }
    }

    /**
     * Tells Hawtio who the Spring Security user is: Hawtio's Jolokia filter and user servlet look
     * for a JAAS subject and a user name in the HTTP session.
     */
    static final class SessionBridge extends OncePerRequestFilter {

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws IOException, ServletException {
            Authentication user = SecurityContextHolder.getContext().getAuthentication();
            if (ConsoleJolokiaRestrictor.access(user) != ConsoleJolokiaRestrictor.Access.NONE) {
                tellHawtio(request, user);
            }
            chain.doFilter(request, response);
        }

        static void tellHawtio(HttpServletRequest request, Authentication user) {
            HttpSession session = request.getSession(true);
            if (!Objects.equals(session.getAttribute("user"), user.getName()) || session.getAttribute("subject") == null) {
                AuthSessionHelpers.setup(session, subjectOf(user), user.getName(),
                        AuthSessionHelpers.getSessionTimeout(request.getServletContext()));
            }
        }

        static Subject subjectOf(Authentication user) {
            Subject subject = new Subject();
            subject.getPrincipals().add(new UserPrincipal(user.getName()));
            for (GrantedAuthority authority : user.getAuthorities()) {
                String role = authority.getAuthority();
                subject.getPrincipals().add(new RolePrincipal(role.startsWith("ROLE_") ? role.substring(5) : role));
            }
            subject.setReadOnly();
            return subject;
        }
    }
}
