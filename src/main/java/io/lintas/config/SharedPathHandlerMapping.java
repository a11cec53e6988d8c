package io.lintas.config;

import jakarta.servlet.http.HttpServletRequest;
import java.util.function.Supplier;
import org.springframework.core.Ordered;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.servlet.HandlerExecutionChain;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Lets a Camel platform-http route and a Spring MVC controller share a path with different methods
 * ({@code POST /api/leads} is the lead API route, {@code GET /api/leads} the admin listing).
 *
 * <p>Camel's handler mapping is asked first and, like any request-mapping handler mapping, answers a
 * path it knows with another method by failing with 405, so the controller is never reached. This
 * mapping runs just before it: when Camel would refuse the method and Spring MVC has a handler for
 * the request, it hands over Spring MVC's. Everything else goes on as before, 405s included.
 */
class SharedPathHandlerMapping implements HandlerMapping, Ordered {

    /** The only paths where a route and a controller share a path today. */
    private static final String SHARED_PREFIX = "/api/";

    private final Supplier<HandlerMapping> camel;
    private final Supplier<HandlerMapping> mvc;

    SharedPathHandlerMapping(Supplier<? extends HandlerMapping> camel, Supplier<? extends HandlerMapping> mvc) {
        this.camel = camel::get;
        this.mvc = mvc::get;
    }

    @Override
    public HandlerExecutionChain getHandler(HttpServletRequest request) throws Exception {
        if (!request.getRequestURI().startsWith(SHARED_PREFIX)) {
            return null; // webhooks and the rest: no extra lookup on the hot path
        }
        try {
            camel.get().getHandler(request);
            return null; // Camel's or nobody's: the usual order decides
        } catch (HttpRequestMethodNotSupportedException camelRefusesTheMethod) {
            try {
                return mvc.get().getHandler(request);
            } catch (HttpRequestMethodNotSupportedException neitherTakesIt) {
                return null; // Camel's mapping answers 405, as it would have
            }
        }
    }

    @Override
    public int getOrder() {
        return -2; // Camel's mapping is -1, Spring MVC's 0
    }
}
