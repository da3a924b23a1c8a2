package com.example.ledger;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

@Repository
public class LedgerRepository {
    private static final Logger log = LoggerFactory.getLogger(LedgerRepository.class);

    private static final String SELECT_ENTRIES =
            "SELECT id, account_code, amount, currency, booked_on, memo "
            + "FROM ledger_entries ";

    private static final Set<String> SORTABLE = Set.of("booked_on", "amount", "account_code");

    private static final RowMapper<Entry> ENTRY = (rs, i) -> new Entry(
            rs.getLong("id"), rs.getString("account_code"), rs.getBigDecimal("amount"),
            rs.getString("currency"), rs.getObject("booked_on", LocalDate.class), rs.getString("memo"));

    private final JdbcTemplate jdbc;
    private final NamedParameterJdbcTemplate named;

    public LedgerRepository(JdbcTemplate jdbc, NamedParameterJdbcTemplate named) {
        this.jdbc = jdbc;
        this.named = named;
    }

    public record Entry(long id, String accountCode, BigDecimal amount, String currency, LocalDate bookedOn, String memo) {
    }

    public List<Entry> forAccount(String accountCode, String sort) {
        String column = SORTABLE.contains(sort) ? sort : "booked_on";
        // ok: sql-injection
        return jdbc.query(SELECT_ENTRIES + "WHERE account_code = ? ORDER BY " + column, ENTRY, accountCode);
    }

    public List<Entry> between(LocalDate from, LocalDate to, List<String> accounts) {
        MapSqlParameterSource params = new MapSqlParameterSource()
                .addValue("from", from)
                .addValue("to", to)
                .addValue("accounts", accounts);
        // ok: sql-injection
        return named.query(SELECT_ENTRIES + "WHERE booked_on BETWEEN :from AND :to AND account_code IN (:accounts)",
                params, ENTRY);
    }

    public List<Entry> byMemo(String memo) {
        // expect: sql-injection
        return jdbc.query(SELECT_ENTRIES + "WHERE memo LIKE '%" + memo + "%'", ENTRY);
    }

    public BigDecimal balance(String accountCode, String currency) {
        String sql = String.format(
                "SELECT COALESCE(SUM(amount), 0) FROM ledger_entries WHERE account_code = '%s' AND currency = '%s'",
                accountCode, currency);
        // expect: sql-injection
        return jdbc.queryForObject(sql, BigDecimal.class);
    }

    public int post(String accountCode, BigDecimal amount, String currency, String memo) {
        log.debug("INSERT INTO ledger_entries for {} amount {}", accountCode, amount);
        // ok: sql-injection
        return jdbc.update(
                "INSERT INTO ledger_entries (account_code, amount, currency, booked_on, memo) VALUES (?, ?, ?, ?, ?)",
                accountCode, amount, currency, LocalDate.now(), memo);
    }

    public int reclassify(String fromAccount, String toAccount, String period) {
        String sql = "UPDATE ledger_entries SET account_code = ? WHERE account_code = ?";
        if (period != null && !period.isBlank()) {
            sql = sql + " AND to_char(booked_on, 'YYYY-MM') = '" + period + "'";
        }
        // expect: sql-injection
        return jdbc.update(sql, toAccount, fromAccount);
    }

    public List<Map<String, Object>> trialBalance() {
        // ok: sql-injection
        return jdbc.queryForList("""
                SELECT account_code, currency, SUM(amount) AS total
                  FROM ledger_entries
                 GROUP BY account_code, currency
                 ORDER BY account_code
                """);
    }

    public void closePeriod(String period) {
        // expect: sql-injection
        jdbc.execute("CREATE TABLE ledger_" + period.replace("-", "_") + " AS SELECT * FROM ledger_entries WHERE to_char(booked_on, 'YYYY-MM') = '" + period + "'");
    }
}
