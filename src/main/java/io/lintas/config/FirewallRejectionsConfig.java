package io.lintas.config;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Enumeration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * What a caller hears when Spring Security's HTTP firewall refuses a request (an unknown method such as
 * {@code FOO} or {@code TRACE}, {@code //} or {@code ;} or an encoded slash in the path, a control
 * character in a header): a 400 that says so.
 *
 * <p>The firewall checks header values only when they are read. Camel's platform-http binding reads them
 * all, outside the filter chain's handling, so a header it refuses (raw UTF-8 such as {@code X-Name: Иван}
 * reads as Latin-1 with C1 control characters) became a 500, and Camel logged the refused value. The
 * {@link #headersCheckedUpFront()} filter reads every header right after the security filter, so the
 * refusal happens where this handler answers it.
 *
 * <p>The default handler calls {@code sendError(400)}; Tomcat's error dispatch then meets the same firewall
 * (the method is still {@code FOO}) and the caller got an empty 400. The reason is a fixed text: the
 * firewall's own message quotes the offending header or path, which may carry a token.
 */
@Configuration(proxyBeanMethods = false)
public class FirewallRejectionsConfig {

    private static final Logger LOG = LoggerFactory.getLogger(FirewallRejectionsConfig.class);
    static final String REASON = "request refused by the HTTP firewall: unsupported method, or a malformed path or header";

    @Bean
    RequestRejectedHandler firewallRejection() {
        return (request, response, rejected) -> {
            LOG.info("HTTP firewall refused a {} request: {}", request.getMethod().length() <= 16 ? request.getMethod()
                    : "(long method)", rejected.getClass().getSimpleName());
            if (response.isCommitted()) {
                return;
            }
            response.resetBuffer();
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            response.setContentType("application/json");
            response.getOutputStream().write(("{\"status\":400,\"reason\":\"" + REASON + "\"}")
                    .getBytes(StandardCharsets.UTF_8));
        };
    }

    /** Reads every header once, inside the security filter's reach, so a refusal is a 400 and not a 500 later. */
    @Bean
    FilterRegistrationBean<OncePerRequestFilter> headersCheckedUpFront() {
        FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                Enumeration<String> names = request.getHeaderNames();
                while (names != null && names.hasMoreElements()) {
                    Enumeration<String> values = request.getHeaders(names.nextElement());
                    while (values != null && values.hasMoreElements()) {
                        values.nextElement();
                    }
                }
                chain.doFilter(request, response);
            }
        });
        registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER + 1);   // right after springSecurityFilterChain
        registration.setName("headersCheckedUpFront");
        return registration;
    }
}
