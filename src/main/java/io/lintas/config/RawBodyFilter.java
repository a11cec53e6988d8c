package io.lintas.config;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Reads a webhook body once, up to the size limit, and hands the exact bytes on.
 *
 * <p>Signatures are computed on raw bytes, and the servlet container would otherwise parse
 * form-urlencoded bodies into parameters (consuming them) before Camel sees them. The wrapped
 * request serves the cached bytes as its input stream; since the body was read as a stream, the
 * container's parameters hold the query string only.
 * Bodies over the limit are refused with 413 before anything else happens.
 *
 * <p>The wrapped request also carries {@value #SKIP_FORM_MAPPING}, which tells Camel's HTTP binding
 * not to decode form bodies into headers: the intake's own parser does that, with a 4xx for a
 * malformed body instead of the binding's 500. {@link WebhookHeaderFilter} lets it through.
 */
public class RawBodyFilter extends OncePerRequestFilter {

    /** Camel's HTTP binding leaves form-urlencoded bodies alone when this header is true. */
    static final String SKIP_FORM_MAPPING = "CamelSkipWwwFormUrlEncoding";

    private final long maxBodyBytes;

    public RawBodyFilter(long maxBodyBytes) {
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long declared = request.getContentLengthLong();
        if (declared > maxBodyBytes) {
            tooLarge(response);
            return;
        }
        byte[] body = readAtMost(request.getInputStream(), maxBodyBytes);
        if (body == null) {
            tooLarge(response);
            return;
        }
        chain.doFilter(new CachedBodyRequest(request, body), response);
    }

    private void tooLarge(HttpServletResponse response) throws IOException {
        response.setStatus(413);
        response.setContentType("application/json");
        response.getOutputStream().write(("{\"status\":413,\"reason\":\"body larger than " + maxBodyBytes
                + " bytes\"}").getBytes(StandardCharsets.UTF_8));
    }

    /** The body, or null when it is longer than the limit. */
    private static byte[] readAtMost(InputStream in, long limit) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        long total = 0;
        int n;
        while ((n = in.read(buffer)) != -1) {
            total += n;
            if (total > limit) {
                return null;
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    /** A request whose body is already read; parameters come from the query string only. */
    static final class CachedBodyRequest extends HttpServletRequestWrapper {

        private final byte[] body;

        CachedBodyRequest(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public String getHeader(String name) {
            return SKIP_FORM_MAPPING.equalsIgnoreCase(name) ? "true" : super.getHeader(name);
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            return SKIP_FORM_MAPPING.equalsIgnoreCase(name)
                    ? Collections.enumeration(List.of("true")) : super.getHeaders(name);
        }

        @Override
        public Enumeration<String> getHeaderNames() {
            List<String> names = Collections.list(super.getHeaderNames());
            names.removeIf(SKIP_FORM_MAPPING::equalsIgnoreCase);
            names.add(SKIP_FORM_MAPPING);
            return Collections.enumeration(names);
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new IllegalStateException("body already read");
                }

                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }
            };
        }

        @Override
        public java.io.BufferedReader getReader() {
            return new java.io.BufferedReader(new java.io.InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }
    }
}
