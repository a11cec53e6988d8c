package io.lintas.connector.billing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lintas.billing.Customer;
import io.lintas.billing.FixedVaLedger;
import io.lintas.billing.Invoice;
import io.lintas.tenant.BillingConfig;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Xendit Fixed Virtual Accounts (contract sheet §1.3), for tenants with {@code billing.fixed-va: true}: each customer
 * gets one open, reusable account in the tenant's first bank ({@code POST /callback_virtual_accounts}), and every
 * invoice of theirs is bound to it ({@code callback_virtual_account_id}), so they always pay to the same number.
 *
 * <p>The account is made once per tenant and customer (the email, else the phone). Xendit cannot be asked for an
 * account by its {@code external_id}, so a create whose outcome is unclear (a timeout, a 5xx) is not sent again: the
 * row stays CREATING with the reason, like a REFUSED one, and that customer's invoices carry the VA Xendit assigns to
 * each invoice, as without the option. An invoice is never held up by its customer's Fixed VA.
 */
public final class XenditFixedVas {

    private static final Logger LOG = LoggerFactory.getLogger(XenditFixedVas.class);
    static final String PATH = "/callback_virtual_accounts";
    /** The prefix of the external_id of every account Lintas makes (its callbacks carry it). */
    public static final String EXTERNAL_ID_PREFIX = "lintas-fva-";

    /** A customer's account, as bound to their invoices. */
    public record FixedVa(String id, String bank, String accountNumber) {
    }

    private final FixedVaLedger ledger;
    private final BillingTransport transport;
    private final ObjectMapper json;

    public XenditFixedVas(FixedVaLedger ledger, BillingTransport transport, ObjectMapper json) {
        this.ledger = ledger;
        this.transport = transport;
        this.json = json;
    }

    /** The customer's account, made now if they have none yet; empty when it cannot be had (see the class). */
    public Optional<FixedVa> forInvoice(Invoice invoice, BillingConfig billing) {
        String key = customerKey(invoice.customer());
        if (key == null) {
            return Optional.empty();
        }
        Optional<FixedVaLedger.Row> row = ledger.find(invoice.tenant(), key);
        if (row.isPresent()) {
            return row.flatMap(XenditFixedVas::account);     // made before, or refused or unclear: never asked again
        }
        String externalId = externalId(invoice.tenant(), key);
        if (!ledger.claim(invoice.tenant(), key, externalId)) {
            return known(invoice.tenant(), key);      // another consumer made it at the same moment
        }
        BillingCall call = BillingCall.postJson(PATH, ProviderJson.write(json, body(externalId, invoice.customer(), billing)), null);
        try {
            BillingResponse response = transport.send(billing, call);
            if (!response.ok()) {
                throw BillingException.of(call, response);
            }
            JsonNode node = ProviderJson.read(json, response.body(), "Xendit");
            String id = node.path("id").asText(null);
            String number = node.path("account_number").asText(null);
            if (id == null || number == null) {
                throw new BillingException.Unclear("Xendit's Fixed VA answer has no id or account_number", null);
            }
            String bank = node.path("bank_code").asText(billing.primaryBank());
            ledger.created(invoice.tenant(), key, id, bank, number);
            return Optional.of(new FixedVa(id, bank, number));
        } catch (BillingException.Refused e) {
            ledger.failed(invoice.tenant(), key, "REFUSED", e.getMessage());
            LOG.warn("tenant {}: Xendit refused a Fixed VA ({}); invoice {} gets a per-invoice VA", invoice.tenant(),
                    e.getMessage(), invoice.id());
        } catch (RuntimeException e) {
            ledger.failed(invoice.tenant(), key, "CREATING", "outcome unclear: " + e.getMessage());
            LOG.warn("tenant {}: a Fixed VA create has an unclear outcome ({}); not sent again, invoice {} gets a"
                    + " per-invoice VA", invoice.tenant(), e.getMessage(), invoice.id());
        }
        return Optional.empty();
    }

    /** The customer's account if it was made; never calls Xendit. */
    public Optional<FixedVa> known(Invoice invoice) {
        String key = customerKey(invoice.customer());
        return key == null ? Optional.empty() : known(invoice.tenant(), key);
    }

    private Optional<FixedVa> known(String tenant, String key) {
        return ledger.find(tenant, key).flatMap(XenditFixedVas::account);
    }

    private static Optional<FixedVa> account(FixedVaLedger.Row row) {
        return "CREATED".equals(row.state()) ? Optional.of(new FixedVa(row.xenditId(), row.bank(), row.accountNumber()))
                : Optional.empty();
    }

    ObjectNode body(String externalId, Customer customer, BillingConfig billing) {
        ObjectNode body = json.createObjectNode();
        body.put("external_id", externalId);
        body.put("bank_code", billing.primaryBank());
        body.put("name", accountName(customer.name()));
        body.put("is_closed", false);         // open: any amount, so one account serves every invoice
        body.put("is_single_use", false);
        return body;
    }

    /** Email (lower case), else the phone; null when the customer has neither. */
    static String customerKey(Customer customer) {
        if (customer.email() != null && !customer.email().isBlank()) {
            return customer.email().strip().toLowerCase(Locale.ROOT);
        }
        return customer.phone() == null || customer.phone().isBlank() ? null : customer.phone().strip();
    }

    /** No personal data in it: a hash of tenant and customer. */
    static String externalId(String tenant, String customerKey) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest((tenant + "\n" + customerKey).getBytes(StandardCharsets.UTF_8));
            return EXTERNAL_ID_PREFIX + HexFormat.of().formatHex(hash, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Xendit takes letters only for the account's name: accents dropped, other characters removed. */
    static String accountName(String name) {
        String plain = name == null ? "" : Normalizer.normalize(name, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        String letters = plain.replaceAll("[^A-Za-z ]", " ").replaceAll(" +", " ").strip();
        if (letters.isEmpty()) {
            return "Customer";
        }
        return letters.length() > 50 ? letters.substring(0, 50).strip() : letters;
    }
}
