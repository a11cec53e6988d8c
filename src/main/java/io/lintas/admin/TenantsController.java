package io.lintas.admin;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Tenant administration: read every tenant (secrets shown as "***"), add and change the tenants
 * managed through the API. A change is served at once, without a restart.
 */
@RestController
@RequestMapping("/api/tenants")
public class TenantsController {

    private final ManagedTenants tenants;

    public TenantsController(ManagedTenants tenants) {
        this.tenants = tenants;
    }

    @GetMapping
    public Map<String, Object> all() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("tenants", tenants.list());
        return body;
    }

    @GetMapping("/{id}")
    public ManagedTenants.View one(@PathVariable String id) {
        return tenants.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no tenant '" + id + "'"));
    }

    /** Adds a tenant: the body is one tenant in the tenants.yaml shape (as JSON). */
    @PostMapping
    public ResponseEntity<ManagedTenants.View> create(@RequestBody JsonNode body, Principal user) {
        ManagedTenants.View created = tenants.create(body, user.getName());
        return ResponseEntity.created(URI.create("/api/tenants/" + created.id())).body(created);
    }

    /** Changes a tenant: the whole tenant; a secret left out or sent as "***" keeps its stored value. */
    @PutMapping("/{id}")
    public ManagedTenants.View change(@PathVariable String id, @RequestBody JsonNode body, Principal user) {
        return tenants.update(id, body, user.getName());
    }

    @ExceptionHandler(ManagedTenants.Refused.class)
    ResponseEntity<Map<String, Object>> refused(ManagedTenants.Refused refused) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", refused.status());
        body.put("reason", refused.getMessage());
        List<String> problems = refused.problems();
        if (!problems.isEmpty()) {
            body.put("problems", problems);
        }
        return ResponseEntity.status(refused.status()).body(body);
    }
}
