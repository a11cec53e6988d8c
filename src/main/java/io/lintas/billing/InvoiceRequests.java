package io.lintas.billing;

import com.fasterxml.jackson.databind.JsonNode;
import io.lintas.intake.IntakeRejected;
import io.lintas.lead.Contact;
import io.lintas.lead.EmailNormalizer;
import io.lintas.lead.Lead;
import io.lintas.lead.Order;
import io.lintas.lead.PhoneNormalizer;
import io.lintas.tenant.Tenant;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Turns what is billable into an {@link InvoiceRequest}: the admin API's JSON ({@code POST /api/invoices}), a lead
 * carrying an order, and a Bitrix24 deal in the tenant's invoice stage ({@code crm.deal.get} + {@code crm.deal.productrows.get} results).
 * Bad input is an {@link IntakeRejected} 422 with the reason.
 */
public final class InvoiceRequests {

    static final Set<String> LANGUAGES = Set.of("id", "ru", "en");
    static final int MAX_LINES = 100;

    private InvoiceRequests() {
    }

    /**
     * {@code POST /api/invoices} body:
     * <pre>{"tenant":"acme","requestKey":"order-77","leadId":null,"dealId":"8812","currency":"IDR",
     *  "dueDate":"2026-12-01","description":"Order 77",
     *  "customer":{"name":"Budi","email":"budi@example.co.id","phone":"0812 3456 7890","language":"id"},
     *  "items":[{"name":"Paket A","quantity":2,"price":75000}]}</pre>
     * requestKey (optional) makes the call idempotent: the same key never makes a second invoice.
     */
    public static InvoiceRequest fromApi(Tenant tenant, JsonNode body, String invoiceId) {
        if (body == null || !body.isObject()) {
            throw IntakeRejected.badRequest("body must be a JSON object");
        }
        List<String> problems = new ArrayList<>();
        if (tenant.billing() == null) {
            throw IntakeRejected.unprocessable("tenant " + tenant.id() + " has no billing section");
        }
        String requestKey = text(body, "requestKey");
        String leadId = text(body, "leadId");
        String dealId = text(body, "dealId");
        String currency = currency(text(body, "currency"), tenant.currency(), problems);
        LocalDate due = null;
        String dueText = text(body, "dueDate");
        if (dueText != null) {
            try {
                due = LocalDate.parse(dueText);
            } catch (DateTimeParseException e) {
                problems.add("dueDate must be yyyy-MM-dd");
            }
        }
        Customer customer = customer(tenant, body.path("customer"), problems);
        List<InvoiceLine> lines = new ArrayList<>();
        JsonNode items = body.path("items");
        if (!items.isArray() || items.isEmpty()) {
            problems.add("items: at least one {name, quantity, price} is required");
        } else if (items.size() > MAX_LINES) {
            problems.add("items: at most " + MAX_LINES);
        } else {
            for (int i = 0; i < items.size(); i++) {
                line(items.get(i), "items[" + i + "]", problems).ifPresent(lines::add);
            }
        }
        if (requestKey != null && requestKey.length() > 200) {
            problems.add("requestKey: at most 200 characters");
        }
        if (!problems.isEmpty()) {
            throw IntakeRejected.unprocessable(String.join("; ", problems));
        }
        InvoiceRequest request = new InvoiceRequest(invoiceId, tenant.id(),
                requestKey == null ? "api:" + invoiceId : "api:" + requestKey, leadId, dealId, customer, lines, currency, due,
                text(body, "description"));
        if (request.amount().signum() <= 0) {
            throw IntakeRejected.unprocessable("the invoice total must be above zero");
        }
        return request;
    }

    /**
     * A Bitrix24 deal moved to the tenant's invoice stage: {@code deal} is the {@code result} of {@code crm.deal.get},
     * {@code productRows} the {@code result} of {@code crm.deal.productrows.get} (an array; empty or null: one line
     * "Deal #ID" for OPPORTUNITY), {@code customer} the deal's contact. The request key is {@code deal:<ID>}, so a
     * deal moved to the stage twice is billed once.
     */
    public static InvoiceRequest fromDeal(Tenant tenant, JsonNode deal, JsonNode productRows, Customer customer,
            String invoiceId) {
        String dealId = text(deal, "ID");
        if (dealId == null) {
            throw IntakeRejected.unprocessable("deal has no ID");
        }
        List<String> problems = new ArrayList<>();
        String currency = currency(text(deal, "CURRENCY_ID"), tenant.currency(), problems);
        List<InvoiceLine> lines = new ArrayList<>();
        if (productRows != null && productRows.isArray()) {
            for (JsonNode row : productRows) {
                BigDecimal price = decimal(row, "PRICE");
                BigDecimal quantity = decimal(row, "QUANTITY");
                String name = text(row, "PRODUCT_NAME");
                if (price != null && quantity != null && quantity.signum() > 0) {
                    lines.add(new InvoiceLine(name == null ? "Item" : name, quantity, price));
                }
            }
        }
        if (lines.isEmpty()) {
            BigDecimal opportunity = decimal(deal, "OPPORTUNITY");
            if (opportunity == null || opportunity.signum() <= 0) {
                problems.add("deal " + dealId + " has neither product rows nor an OPPORTUNITY above zero");
            } else {
                lines.add(new InvoiceLine(text(deal, "TITLE") == null ? "Deal #" + dealId : text(deal, "TITLE"), BigDecimal.ONE,
                        opportunity));
            }
        }
        if (!problems.isEmpty()) {
            throw IntakeRejected.unprocessable(String.join("; ", problems));
        }
        String language = customer.language() != null ? customer.language() : tenant.billing().language();
        return new InvoiceRequest(invoiceId, tenant.id(), "deal:" + dealId, null, dealId,
                new Customer(customer.name(), customer.email(), customer.phone(), language), lines, currency, null,
                text(deal, "TITLE"));
    }

    /**
     * A lead carrying an order, once it is in the CRM: the customer is the lead's contact (its first email and phone,
     * the tenant's language), the lines are the order's, the request key is {@code lead:<lead id>}, so a lead is
     * billed once however often this is asked. {@code dealId} is the deal delivery made or found, else null.
     *
     * @return empty when the lead has no order, or no email and no phone to send the invoice to
     */
    public static java.util.Optional<InvoiceRequest> fromLead(Tenant tenant, Lead lead, String dealId, String invoiceId) {
        Order order = lead.order();
        if (order == null || tenant.billing() == null || !payable(lead)) {
            return java.util.Optional.empty();
        }
        Contact contact = lead.contact();
        Customer customer = new Customer(contact.fullName(), contact.emails().isEmpty() ? null : contact.emails().get(0),
                contact.phones().isEmpty() ? null : contact.phones().get(0), tenant.billing().language());
        List<InvoiceLine> lines = order.items().stream()
                .map(item -> new InvoiceLine(item.name(), item.quantity(), item.price())).toList();
        return java.util.Optional.of(new InvoiceRequest(invoiceId, tenant.id(), "lead:" + lead.id(), lead.id(), dealId,
                customer, lines, order.currency() != null ? order.currency() : tenant.currency(), null,
                order.description() != null ? order.description() : "Order " + lead.id()));
    }

    /** Whether the customer of a lead's invoice can be told: an email or a phone. */
    public static boolean payable(Lead lead) {
        return !lead.contact().emails().isEmpty() || !lead.contact().phones().isEmpty();
    }

    private static Customer customer(Tenant tenant, JsonNode node, List<String> problems) {
        if (!node.isObject()) {
            problems.add("customer: {name, email, phone, language} is required");
            return new Customer(null, null, null, null);
        }
        String name = text(node, "name");
        String email = null;
        String rawEmail = text(node, "email");
        if (rawEmail != null) {
            email = EmailNormalizer.normalize(rawEmail).orElse(null);
            if (email == null) {
                problems.add("customer.email is not an email address");
            }
        }
        String phone = null;
        String rawPhone = text(node, "phone");
        if (rawPhone != null) {
            phone = PhoneNormalizer.toE164(rawPhone, tenant.region()).orElse(null);
            if (phone == null) {
                problems.add("customer.phone is not a phone number of region " + tenant.region());
            }
        }
        if (email == null && phone == null && problems.isEmpty()) {
            problems.add("customer: an email or a phone is required to tell the customer");
        }
        String language = text(node, "language");
        if (language != null) {
            language = language.toLowerCase(Locale.ROOT);
            if (!LANGUAGES.contains(language)) {
                problems.add("customer.language must be id, ru or en");
            }
        }
        return new Customer(name, email, phone, language == null ? tenant.billing().language() : language);
    }

    private static java.util.Optional<InvoiceLine> line(JsonNode item, String where, List<String> problems) {
        String name = text(item, "name");
        BigDecimal quantity = item.has("quantity") ? decimal(item, "quantity") : BigDecimal.ONE;
        BigDecimal price = decimal(item, "price");
        if (name == null || name.isBlank()) {
            problems.add(where + ".name is required");
        }
        if (quantity == null || quantity.signum() <= 0) {
            problems.add(where + ".quantity must be a number above zero");
        }
        if (price == null || price.signum() < 0) {
            problems.add(where + ".price must be a number, zero or more");
        }
        return name == null || quantity == null || price == null || quantity.signum() <= 0 || price.signum() < 0
                ? java.util.Optional.empty() : java.util.Optional.of(new InvoiceLine(name.strip(), quantity, price));
    }

    private static String currency(String given, String fallback, List<String> problems) {
        String c = given == null ? fallback : given.strip().toUpperCase(Locale.ROOT);
        try {
            Currency.getInstance(c);
            return c;
        } catch (IllegalArgumentException | NullPointerException e) {
            problems.add("currency must be an ISO 4217 code (got " + given + ")");
            return fallback;
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        return v == null || v.isNull() || v.isContainerNode() || v.asText().isBlank() ? null : v.asText().strip();
    }

    private static BigDecimal decimal(JsonNode node, String field) {
        String t = text(node, field);
        try {
            return t == null ? null : new BigDecimal(t);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
