package com.example.payments;

import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.web.bind.annotation.CrossOrigin;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class PaymentController {

    private final JdbcTemplate jdbc;
    private final NamedParameterJdbcTemplate named;

    public PaymentController(JdbcTemplate jdbc, NamedParameterJdbcTemplate named) {
        this.jdbc = jdbc;
        this.named = named;
    }

    // expect: permissive-cors
    @CrossOrigin(origins = "*")
    @GetMapping("/public/payments/{id}/status")
    public Map<String, Object> status(@PathVariable String id) {
        // expect: sql-injection
        return jdbc.queryForMap("SELECT id, status FROM payments WHERE id = '" + id + "'");
    }

    // ok: permissive-cors
    @CrossOrigin(origins = "${payments.dashboard-origin}")
    @GetMapping("/payments")
    public List<Map<String, Object>> list(@RequestParam String merchant, @RequestParam(defaultValue = "50") int limit) {
        MapSqlParameterSource params = new MapSqlParameterSource().addValue("merchant", merchant).addValue("limit", limit);
        // ok: sql-injection
        return named.queryForList("SELECT id, amount, status FROM payments WHERE merchant = :merchant LIMIT :limit", params);
    }

    @GetMapping("/payments/export")
    public List<String> export(@RequestParam String from, @RequestParam String to) {
        String sql = "SELECT id FROM payments WHERE created BETWEEN '" + from + "' AND '" + to + "'";
        // expect: sql-injection
        return jdbc.query(sql, (rs, n) -> rs.getString("id"));
    }

    @GetMapping("/payments/count")
    public Integer count(@RequestParam String status) {
        // ok: sql-injection
        return jdbc.queryForObject("SELECT count(*) FROM payments WHERE status = ?", Integer.class, status);
    }
}
