package io.lintas.config;

import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/**
 * What a caller hears when Spring Security's HTTP firewall refuses a request (an unknown method such as
 * {@code FOO} or {@code TRACE}, {@code //} or {@code ;} or an encoded slash in the path, a control
 * character in a header): a 400 that says so.
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
}
