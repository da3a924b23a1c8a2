package com.example.orders;

import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.CrossOrigin;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

// ok: permissive-cors
@CrossOrigin(origins = {"https://shop.example.com", "https://admin.example.com"}, allowCredentials = "true")
@RestController
public class ProductController {

    private final JdbcTemplate jdbc;

    public ProductController(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @GetMapping("/api/products")
    public List<Map<String, Object>> products(@RequestParam(required = false) String category) {
        if (category == null) {
            // ok: sql-injection
            return jdbc.queryForList("SELECT id, name, price FROM products ORDER BY name");
        }
        // ok: sql-injection
        return jdbc.queryForList("SELECT id, name, price FROM products WHERE category = ?", category);
    }

    @GetMapping("/api/products/search")
    public List<Map<String, Object>> search(@RequestParam String q) {
        // expect: sql-injection
        return jdbc.queryForList("SELECT id, name, price FROM products WHERE name ILIKE '%" + q + "%'");
    }
}
