package com.example.orders;

import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

@Repository
public class OrderRepository {

    private static final Logger log = LoggerFactory.getLogger(OrderRepository.class);
    private static final Set<String> SORTABLE = Set.of("created_at", "total", "status");
    private static final String BASE_QUERY = "SELECT id, customer, total, status FROM orders";

    private final JdbcTemplate jdbc;

    public OrderRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public List<Map<String, Object>> findByStatus(String status, String sort) {
        String orderBy = SORTABLE.contains(sort) ? sort : "created_at";
        log.debug("select orders with status " + status + " sorted by " + orderBy);
        // expect: sql-injection
        return jdbc.queryForList(BASE_QUERY + " WHERE status = '" + status + "' ORDER BY " + orderBy);
    }

    public Optional<Map<String, Object>> findById(long id) {
        // ok: sql-injection
        List<Map<String, Object>> rows = jdbc.queryForList(BASE_QUERY + " WHERE id = ?", id);
        return rows.stream().findFirst();
    }

    public long insert(String customer, long total) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.update(connection -> {
            // ok: sql-injection
            PreparedStatement ps = connection.prepareStatement(
                    "INSERT INTO orders (customer, total, status) VALUES (?, ?, 'NEW')", Statement.RETURN_GENERATED_KEYS);
            ps.setString(1, customer);
            ps.setLong(2, total);
            return ps;
        }, keys);
        return keys.getKey().longValue();
    }

    public int cancelForCustomer(String customer) {
        // expect: sql-injection
        return jdbc.update(String.format("UPDATE orders SET status = 'CANCELLED' WHERE customer = '%s'", customer));
    }
}
