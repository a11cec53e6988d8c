package io.lintas.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lintas.flow.Stages;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.apache.activemq.artemis.core.server.Queue;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.camel.CamelContext;
import org.apache.camel.ServiceStatus;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.apache.camel.test.spring.junit5.DisableJmx;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * The console (Hawtio, Jolokia) lets nobody in anonymously, lets a viewer read but not change, an
 * admin change, and shows the broker's queues: through Jolokia with Basic (scripts) and through
 * Hawtio's own login form and session (the browser).
 */
@CamelSpringBootTest
@DisableJmx(false)   // Camel's MBeans are what the console shows; the test kit hides them by default
// a context of its own: a cached one may have been started with Camel's JMX off
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "lintas.console.broker-name=lintas-console-test")
@ActiveProfiles("test")
class ConsoleSecurityTest {

    private static final String ADMIN = "admin:test-admin-password";
    private static final String VIEWER = "viewer:test-viewer-password";
    private static final String ROUTE = "tenants-reload";   // a timer route: stopping it for a moment harms no other test

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @LocalServerPort
    int port;
    @Autowired
    CamelContext camel;
    @Autowired
    EmbeddedActiveMQ broker;

    // --- nobody anonymous ---------------------------------------------------------------------

    @Test
    void nothingOfTheConsoleIsOpenWithoutCredentials() throws Exception {
        for (String path : new String[] {"/actuator/hawtio/", "/actuator/hawtio/index.html", "/actuator/hawtio/camel/routes",
                "/actuator/jolokia", "/actuator/jolokia/version", "/actuator/jolokia/read/java.lang:type=Memory",
                "/actuator/hawtio/jolokia/version", "/actuator/hawtio/proxy/", "/actuator/hawtio/proxy/http/example.org/jolokia"}) {
            HttpResponse<String> response = send(get(path), null);
            assertThat(response.statusCode()).as("GET %s", path).isIn(401, 403);
            assertThat(response.body()).as("GET %s", path).doesNotContain("\"value\"", "<script");
        }
        HttpResponse<String> post = send(post("/actuator/jolokia", execStop()), null);
        assertThat(post.statusCode()).isIn(401, 403);   // 403: no CSRF token, checked before the credentials
        assertThat(send(get("/actuator/jolokia/version"), "admin:wrong-password").statusCode()).isEqualTo(401);
        assertThat(routeStatus()).isEqualTo(ServiceStatus.Started);
    }

    @Test
    void aBrowserThatIsNotLoggedInIsSentToTheLoginPage() throws Exception {
        HttpResponse<String> response = send(get("/actuator/hawtio/").header("Accept", "text/html"), null);
        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.headers().firstValue("Location")).hasValueSatisfying(
                location -> assertThat(location).endsWith("/actuator/hawtio/login"));
        assertThat(response.body()).isEmpty();
    }

    // --- viewer reads, admin changes --------------------------------------------------------------

    @Test
    void aViewerReadsARoutesStateButCannotStopIt() throws Exception {
        JsonNode read = json.readTree(send(get("/actuator/jolokia/read/" + routeMBean() + "/State"), VIEWER).body());
        assertThat(read.path("status").asInt()).isEqualTo(200);
        assertThat(read.path("value").asText()).isEqualTo("Started");

        assertThat(jolokiaStatus(send(post("/actuator/jolokia", execStop()), VIEWER))).isEqualTo(403);
        // hidden in a bulk request behind a read: refused all the same
        HttpResponse<String> bulk = send(post("/actuator/jolokia",
                "[{\"type\":\"read\",\"mbean\":\"" + routeMBeanJson() + "\",\"attribute\":\"State\"}," + execStop() + "]"), VIEWER);
        JsonNode answers = json.readTree(bulk.body());
        assertThat(answers.get(0).path("status").asInt()).isEqualTo(200);
        assertThat(answers.get(1).path("status").asInt()).isEqualTo(403);
        // nor may a viewer write an attribute
        assertThat(jolokiaStatus(send(post("/actuator/jolokia", "{\"type\":\"write\",\"mbean\":\"" + routeMBeanJson()
                + "\",\"attribute\":\"Tracing\",\"value\":true}"), VIEWER))).isEqualTo(403);
        assertThat(routeStatus()).isEqualTo(ServiceStatus.Started);
    }

    @Test
    void anAdminStopsAndStartsARoute() throws Exception {
        try {
            assertThat(jolokiaStatus(send(post("/actuator/jolokia", execStop()), ADMIN))).isEqualTo(200);
            assertThat(routeStatus()).isEqualTo(ServiceStatus.Stopped);
            assertThat(jolokiaStatus(send(post("/actuator/jolokia", exec("start")), ADMIN))).isEqualTo(200);
            assertThat(routeStatus()).isEqualTo(ServiceStatus.Started);
        } finally {
            camel.getRouteController().startRoute(ROUTE);
        }
    }

    @Test
    void changesAreRefusedByGetEvenToAnAdmin() throws Exception {
        HttpResponse<String> response = send(get("/actuator/jolokia/exec/" + routeMBean() + "/stop()"), ADMIN);
        assertThat(jolokiaStatus(response)).as(response.body()).isEqualTo(403);
        assertThat(routeStatus()).isEqualTo(ServiceStatus.Started);
    }

    // --- the broker's queues --------------------------------------------------------------------

    @Test
    void theIntakeQueueAndItsDepthAreVisible() throws Exception {
        String brokerName = broker.getActiveMQServer().getConfiguration().getName();
        String queue = Stages.queue("intake");
        String mbean = "org.apache.activemq.artemis:broker=\"" + brokerName + "\",component=addresses,address=\"" + queue
                + "\",subcomponent=queues,routing-type=\"anycast\",queue=\"" + queue + "\"";
        HttpResponse<String> response = send(post("/actuator/jolokia", "{\"type\":\"read\",\"mbean\":"
                + json.writeValueAsString(mbean) + ",\"attribute\":[\"MessageCount\",\"ConsumerCount\"]}"), VIEWER);
        JsonNode read = json.readTree(response.body());
        assertThat(read.path("status").asInt()).as(response.body()).isEqualTo(200);
        Queue onBroker = broker.getActiveMQServer().locateQueue(queue);
        assertThat(read.path("value").path("MessageCount").asLong()).isEqualTo(onBroker.getMessageCount());
        assertThat(read.path("value").path("ConsumerCount").asInt()).isPositive();   // the pipeline's consumers
    }

    // --- Hawtio's login form ------------------------------------------------------------------

    @Test
    void hawtiosLoginFormOpensASessionForTheConfiguredUser() throws Exception {
        CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
        HttpClient browser = HttpClient.newBuilder().cookieHandler(cookies).build();
        String origin = "http://localhost:" + port;

        HttpResponse<String> wrong = browser.send(post("/actuator/hawtio/auth/login",
                "{\"username\":\"admin\",\"password\":\"nope\"}").header("Origin", origin).build(), body());
        assertThat(wrong.statusCode()).isEqualTo(403);
        HttpResponse<String> foreign = browser.send(post("/actuator/hawtio/auth/login",
                "{\"username\":\"admin\",\"password\":\"test-admin-password\"}").header("Origin", "http://evil.example").build(), body());
        assertThat(foreign.statusCode()).isEqualTo(403);

        HttpResponse<String> login = browser.send(post("/actuator/hawtio/auth/login",
                "{\"username\":\"admin\",\"password\":\"test-admin-password\"}").header("Origin", origin).build(), body());
        assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
        assertThat(login.body()).contains("\"admin\"", "ADMIN");

        HttpResponse<String> user = browser.send(get("/actuator/hawtio/user").build(), body());
        assertThat(user.statusCode()).isEqualTo(200);
        assertThat(user.body().strip()).isEqualTo("\"admin\"");
        HttpResponse<String> page = browser.send(get("/actuator/hawtio/index.html").header("Accept", "text/html").build(), body());
        assertThat(page.statusCode()).isEqualTo(200);

        // Hawtio echoes the XSRF-TOKEN cookie as a header; without it a change is refused
        String xsrf = cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("XSRF-TOKEN"))
                .map(HttpCookie::getValue).findFirst().orElseThrow();
        HttpResponse<String> noToken = browser.send(post("/actuator/hawtio/jolokia", "{\"type\":\"version\"}")
                .header("Origin", origin).build(), body());
        assertThat(noToken.statusCode()).isEqualTo(403);
        HttpResponse<String> version = browser.send(post("/actuator/hawtio/jolokia", "{\"type\":\"version\"}")
                .header("Origin", origin).header("X-XSRF-TOKEN", xsrf).build(), body());
        assertThat(jolokiaStatus(version)).isEqualTo(200);

        HttpResponse<String> logout = browser.send(get("/actuator/hawtio/auth/logout").build(), body());
        assertThat(logout.statusCode()).isIn(204, 302);
        assertThat(browser.send(post("/actuator/hawtio/jolokia", "{\"type\":\"version\"}").header("Origin", origin)
                .header("X-XSRF-TOKEN", xsrf).build(), body()).statusCode()).isIn(401, 403);
    }

    @Test
    void aViewerLoggedInThroughHawtioCannotStopARoute() throws Exception {
        CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
        HttpClient browser = HttpClient.newBuilder().cookieHandler(cookies).build();
        String origin = "http://localhost:" + port;
        assertThat(browser.send(post("/actuator/hawtio/auth/login",
                "{\"username\":\"viewer\",\"password\":\"test-viewer-password\"}").build(), body()).statusCode()).isEqualTo(200);
        browser.send(get("/actuator/hawtio/user").build(), body());
        String xsrf = cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("XSRF-TOKEN"))
                .map(HttpCookie::getValue).findFirst().orElseThrow();
        HttpResponse<String> stop = browser.send(post("/actuator/hawtio/jolokia", execStop())
                .header("Origin", origin).header("X-XSRF-TOKEN", xsrf).build(), body());
        assertThat(jolokiaStatus(stop)).isEqualTo(403);
        assertThat(routeStatus()).isEqualTo(ServiceStatus.Started);
    }

    @Test
    void anotherSitesPageGetsNoCorsGrant() throws Exception {
        HttpResponse<String> response = send(get("/actuator/jolokia/version").header("Origin", "http://evil.example"), ADMIN);
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    // --- helpers ----------------------------------------------------------------------------------

    private ServiceStatus routeStatus() {
        return camel.getRouteController().getRouteStatus(ROUTE);
    }

    private String routeMBean() {
        return "org.apache.camel:context=" + camel.getManagementName() + ",type=routes,name=%22" + ROUTE + "%22";
    }

    private String routeMBeanJson() {
        return "org.apache.camel:context=" + camel.getManagementName() + ",type=routes,name=\\\"" + ROUTE + "\\\"";
    }

    private String exec(String operation) {
        return "{\"type\":\"exec\",\"mbean\":\"" + routeMBeanJson() + "\",\"operation\":\"" + operation + "()\"}";
    }

    private String execStop() {
        return exec("stop");
    }

    private int jolokiaStatus(HttpResponse<String> response) throws Exception {
        if (response.statusCode() != 200) {
            return response.statusCode();
        }
        return json.readTree(response.body()).path("status").asInt();
    }

    private HttpRequest.Builder get(String path) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET();
    }

    private HttpRequest.Builder post(String path, String body) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
    }

    private HttpResponse<String> send(HttpRequest.Builder request, String credentials) throws Exception {
        if (credentials != null) {
            request.header("Authorization", "Basic "
                    + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
        }
        return http.send(request.build(), body());
    }

    private static HttpResponse.BodyHandler<String> body() {
        return HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8);
    }
}
