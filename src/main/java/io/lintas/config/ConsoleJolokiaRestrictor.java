package io.lintas.config;

import jakarta.servlet.http.HttpServletRequest;
import java.util.EnumSet;
import java.util.Set;
import javax.management.ObjectName;
import org.jolokia.server.core.service.api.Restrictor;
import org.jolokia.server.core.util.HttpMethod;
import org.jolokia.server.core.util.RequestType;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * What a console user may do through Jolokia (and so through Hawtio), decided per request from the
 * Spring Security user: ADMIN everything (exec an operation such as stopRoute or purge a queue,
 * write an attribute); VIEWER only read, list, search and version; nobody else anything. Jolokia
 * asks this for every request of a bulk POST too, so a viewer cannot slip an exec into a batch.
 * Not every Jolokia handler asks {@link #isTypeAllowed}: exec and write are refused where Jolokia
 * always asks, {@link #isOperationAllowed} and {@link #isAttributeWriteAllowed}.
 * Changes (exec, write) are accepted by POST only. Cross-origin use is refused: the only origin allowed is the request's own (Hawtio served by the
 * app), so no other site's page can drive Jolokia with an admin's browser.
 */
public class ConsoleJolokiaRestrictor implements Restrictor {

    static final Set<RequestType> VIEWER_TYPES = EnumSet.of(RequestType.READ, RequestType.LIST, RequestType.SEARCH,
            RequestType.VERSION);

    enum Access { NONE, READ, FULL }

    static Access access(Authentication authentication) {
        if (authentication == null || !authentication.isAuthenticated()) {
            return Access.NONE;
        }
        Access access = Access.NONE;
        for (GrantedAuthority authority : authentication.getAuthorities()) {
            String name = authority.getAuthority();
            if (("ROLE_" + SecurityConfig.ADMIN).equals(name)) {
                return Access.FULL;
            }
            if (("ROLE_" + SecurityConfig.VIEWER).equals(name)) {
                access = Access.READ;
            }
        }
        return access;
    }

    private static Access current() {
        return access(SecurityContextHolder.getContext().getAuthentication());
    }

    @Override
    public boolean isHttpMethodAllowed(HttpMethod method) {
        return current() != Access.NONE;
    }

    @Override
    public boolean isTypeAllowed(RequestType type) {
        if (jsonp()) {
            return false; // JSONP would let another site's <script> read the answer with the user's credentials
        }
        if (!VIEWER_TYPES.contains(type) && "GET".equals(method())) {
            return false; // changes only by POST, which CSRF and the same-origin rule guard; a GET link cannot stop a route
        }
        return switch (current()) {
            case FULL -> true;
            case READ -> VIEWER_TYPES.contains(type);
            case NONE -> false;
        };
    }

    @Override
    public boolean isAttributeReadAllowed(ObjectName name, String attribute) {
        return current() != Access.NONE;
    }

    @Override
    public boolean isAttributeWriteAllowed(ObjectName name, String attribute) {
        return current() == Access.FULL && !"GET".equals(method());
    }

    @Override
    public boolean isOperationAllowed(ObjectName name, String operation) {
        return current() == Access.FULL && !"GET".equals(method());
    }

    @Override
    public boolean isRemoteAccessAllowed(String... hostOrAddress) {
        return true; // who may connect at all: the bind address (server.address) and Spring Security decide
    }

    @Override
    public boolean isOriginAllowed(String origin, boolean strictCheck) {
        if (origin == null || origin.isEmpty()) {
            return true; // not a browser's cross-site call (a browser names the origin of those): a script, or same-origin GET
        }
        return sameOrigin(origin, ownOrigin());
    }

    /**
     * Whether an Origin header (or, without one, the Referer that Jolokia falls back on, e.g.
     * {@code http://host:8080/} under Hawtio's strict-origin referrer policy) names this server.
     */
    static boolean sameOrigin(String originOrReferer, String own) {
        if (own == null) {
            return false;
        }
        try {
            java.net.URI uri = java.net.URI.create(originOrReferer.strip());
            return uri.getScheme() != null && uri.getRawAuthority() != null
                    && (uri.getScheme() + "://" + uri.getRawAuthority()).equalsIgnoreCase(own);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    @Override
    public boolean isObjectNameHidden(ObjectName name) {
        return false;
    }

    private static boolean jsonp() {
        if (!(RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes)) {
            return false;
        }
        String query = attributes.getRequest().getQueryString();
        return query != null && (query.startsWith("callback=") || query.contains("&callback="));
    }

    private static String method() {
        return RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes
                ? attributes.getRequest().getMethod() : null;
    }

    /** scheme://host[:port] of the request being served, as the browser sees it (its Host header). */
    static String ownOrigin() {
        if (!(RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes)) {
            return null;
        }
        HttpServletRequest request = attributes.getRequest();
        String host = request.getHeader("Host");
        return host == null ? null : request.getScheme() + "://" + host;
    }
}
