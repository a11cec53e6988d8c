package io.lintas.billing;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

/** The customers' Xendit Fixed Virtual Accounts (V11__fixed_va.sql): one row per tenant and customer. */
public class FixedVaLedger {

    /** A row: {@code state} CREATING, CREATED or REFUSED; the account fields are set once CREATED. */
    public record Row(String externalId, String state, String xenditId, String bank, String accountNumber, String detail) {
    }

    private final JdbcTemplate jdbc;
    private final Clock clock;

    public FixedVaLedger(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public Optional<Row> find(String tenant, String customerKey) {
        List<Row> rows = jdbc.query("SELECT external_id, state, xendit_id, bank_code, account_number, detail FROM customer_fixed_va"
                + " WHERE tenant = ? AND customer_key = ?", (rs, i) -> new Row(rs.getString(1), rs.getString(2),
                        rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6)), tenant, customerKey);
        return rows.stream().findFirst();
    }

    /** Records that a create call is about to go out; false when the customer already has a row (another call). */
    public boolean claim(String tenant, String customerKey, String externalId) {
        try {
            jdbc.update("INSERT INTO customer_fixed_va (tenant, customer_key, external_id, state, created_at)"
                    + " VALUES (?, ?, ?, 'CREATING', ?)", tenant, customerKey, externalId, Timestamp.from(clock.instant()));
            return true;
        } catch (DuplicateKeyException taken) {
            return false;
        }
    }

    public void created(String tenant, String customerKey, String xenditId, String bank, String accountNumber) {
        jdbc.update("UPDATE customer_fixed_va SET state = 'CREATED', xendit_id = ?, bank_code = ?, account_number = ?,"
                + " detail = NULL WHERE tenant = ? AND customer_key = ?", xenditId, bank, accountNumber, tenant, customerKey);
    }

    /** @param state REFUSED (Xendit said no) or CREATING (the outcome is unclear: the account may exist) */
    public void failed(String tenant, String customerKey, String state, String detail) {
        jdbc.update("UPDATE customer_fixed_va SET state = ?, detail = ? WHERE tenant = ? AND customer_key = ?", state,
                detail == null ? null : detail.substring(0, Math.min(detail.length(), 500)), tenant, customerKey);
    }
}
