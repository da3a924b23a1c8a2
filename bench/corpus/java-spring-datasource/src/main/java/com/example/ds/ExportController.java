package com.example.ds;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.springframework.web.bind.annotation.CrossOrigin;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class ExportController {

    private static final String ORDER_BY = " ORDER BY created_at DESC";
    private final DataSource dataSource;

    public ExportController(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    // expect: permissive-cors
    @CrossOrigin(originPatterns = "*", allowCredentials = "true")
    @GetMapping("/export/events")
    public List<String> events(@RequestParam String type, @RequestParam(required = false) List<String> tags) throws Exception {
        StringBuilder sql = new StringBuilder("SELECT id FROM events WHERE type = ?");
        if (tags != null && !tags.isEmpty()) {
            sql.append(" AND tag IN (").append(String.join(",", tags.stream().map(t -> "?").toList())).append(")");
        }
        sql.append(ORDER_BY);
        try (Connection conn = dataSource.getConnection();
             // ok: sql-injection
             PreparedStatement ps = conn.prepareStatement(sql.toString())) {
            ps.setString(1, type);
            int i = 2;
            if (tags != null) {
                for (String tag : tags) {
                    ps.setString(i++, tag);
                }
            }
            List<String> ids = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
            return ids;
        }
    }

    @GetMapping("/export/audit")
    public List<String> audit(@RequestParam String actor) throws Exception {
        String sql = "SELECT id FROM audit WHERE actor = '" + actor + "'" + ORDER_BY;
        try (Connection conn = dataSource.getConnection();
             // expect: sql-injection
             PreparedStatement ps = conn.prepareStatement(sql);
             ResultSet rs = ps.executeQuery()) {
            List<String> ids = new ArrayList<>();
            while (rs.next()) {
                ids.add(rs.getString(1));
            }
            return ids;
        }
    }
}
