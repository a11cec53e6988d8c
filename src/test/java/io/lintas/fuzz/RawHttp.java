package io.lintas.fuzz;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * HTTP/1.1 over a plain socket, so a test can send what no well-behaved client would: header values with
 * CR/LF in them, raw bytes in the request target, a Content-Length that lies. One request per connection.
 */
public final class RawHttp {

    /** What came back; {@code status} 0 when the server closed the connection without an answer. */
    public record Response(int status, Map<String, String> headers, byte[] body) {

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        public String header(String name) {
            return headers.get(name);
        }

        /** A rejection says why: a non-blank body, or a WWW-Authenticate challenge. */
        public boolean hasReason() {
            return !text().isBlank() || header("WWW-Authenticate") != null;
        }
    }

    private final int port;

    public RawHttp(int port) {
        this.port = port;
    }

    /**
     * @param headerLines whole header lines without the line end, sent as they are (Host and Connection are
     *                    added); a Content-Length line is added for the body unless one is given
     */
    public Response send(String method, byte[] target, List<String> headerLines, byte[] body) {
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        write(request, method.getBytes(StandardCharsets.ISO_8859_1));
        write(request, new byte[] {' '});
        write(request, target);
        write(request, " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n".getBytes(StandardCharsets.US_ASCII));
        boolean lengthGiven = false;
        for (String line : headerLines) {
            lengthGiven |= line.toLowerCase(Locale.ROOT).startsWith("content-length:")
                    || line.toLowerCase(Locale.ROOT).startsWith("transfer-encoding:");
            write(request, (line + "\r\n").getBytes(StandardCharsets.UTF_8));
        }
        if (!lengthGiven && body != null) {
            write(request, ("Content-Length: " + body.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
        }
        write(request, "\r\n".getBytes(StandardCharsets.US_ASCII));
        if (body != null) {
            write(request, body);
        }
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            try {
                out.write(request.toByteArray());
                out.flush();
                socket.shutdownOutput();
            } catch (IOException refusedMidway) {
                // the server may answer (413) and close before it read everything: read what it said
            }
            return parse(socket.getInputStream().readAllBytes());
        } catch (IOException e) {
            if (e instanceof java.net.SocketException) {
                return new Response(0, Map.of(), new byte[0]);   // reset: closed without an answer
            }
            throw new IllegalStateException("request to the application failed", e);
        }
    }

    public Response send(String method, String target, List<String> headerLines, byte[] body) {
        return send(method, target.getBytes(StandardCharsets.UTF_8), headerLines, body);
    }

    private static void write(ByteArrayOutputStream out, byte[] bytes) {
        out.write(bytes, 0, bytes.length);
    }

    static Response parse(byte[] raw) {
        // skip interim answers (100 Continue): the final one follows
        while (raw.length > 12 && raw[9] == '1' && new String(raw, 0, 5, StandardCharsets.US_ASCII).equals("HTTP/")) {
            int end = indexOf(raw, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII), 0);
            if (end < 0) {
                break;
            }
            raw = Arrays.copyOfRange(raw, end + 4, raw.length);
        }
        int headerEnd = indexOf(raw, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII), 0);
        if (raw.length < 12 || headerEnd < 0) {
            return new Response(0, Map.of(), raw);
        }
        String head = new String(raw, 0, headerEnd, StandardCharsets.ISO_8859_1);
        String[] lines = head.split("\r\n");
        int status = Integer.parseInt(lines[0].substring(9, 12));
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.put(lines[i].substring(0, colon).trim(), lines[i].substring(colon + 1).trim());
            }
        }
        byte[] body = Arrays.copyOfRange(raw, headerEnd + 4, raw.length);
        if ("chunked".equalsIgnoreCase(headers.get("Transfer-Encoding"))) {
            body = dechunk(body);
        }
        return new Response(status, headers, body);
    }

    private static byte[] dechunk(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int at = 0;
        while (at < body.length) {
            int lineEnd = indexOf(body, "\r\n".getBytes(StandardCharsets.US_ASCII), at);
            if (lineEnd < 0) {
                break;
            }
            String sizeLine = new String(body, at, lineEnd - at, StandardCharsets.US_ASCII).split(";")[0].trim();
            int size = sizeLine.isEmpty() ? 0 : Integer.parseInt(sizeLine, 16);
            if (size == 0) {
                break;
            }
            out.write(body, lineEnd + 2, Math.min(size, body.length - lineEnd - 2));
            at = lineEnd + 2 + size + 2;
        }
        return out.toByteArray();
    }

    private static int indexOf(byte[] haystack, byte[] needle, int from) {
        outer:
        for (int i = from; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
