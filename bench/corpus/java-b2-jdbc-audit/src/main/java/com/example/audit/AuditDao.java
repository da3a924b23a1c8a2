package com.example.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;
import javax.sql.DataSource;

public class AuditDao {
    private static final Logger LOG = Logger.getLogger(AuditDao.class.getName());
    private static final String COLUMNS = "id, actor, action, target, occurred_at, ip";
    private static final Map<String, String> SORTS = Map.of(
            "time", "occurred_at",
            "actor", "actor",
            "action", "action");

    public record AuditEvent(long id, String actor, String action, String target, Instant occurredAt, String ip) {
    }

    private final DataSource dataSource;

    public AuditDao(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public void record(String actor, String action, String target, String ip) throws SQLException {
        try (Connection c = dataSource.getConnection();
             // ok: sql-injection
             PreparedStatement ps = c.prepareStatement(
                     "INSERT INTO audit_events (actor, action, target, ip, occurred_at) VALUES (?, ?, ?, ?, ?)")) {
            ps.setString(1, actor);
            ps.setString(2, action);
            ps.setString(3, target);
            ps.setString(4, ip);
            ps.setTimestamp(5, Timestamp.from(Instant.now()));
            ps.executeUpdate();
        }
    }

    public List<AuditEvent> byActor(String actor, String sort, int limit) throws SQLException {
        String column = SORTS.getOrDefault(sort, "occurred_at");
        String sql = "SELECT " + COLUMNS + " FROM audit_events WHERE actor = ? ORDER BY " + column + " DESC LIMIT ?";
        try (Connection c = dataSource.getConnection();
             // ok: sql-injection
             PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, actor);
            ps.setInt(2, limit);
            return read(ps.executeQuery());
        }
    }

    public List<AuditEvent> byAction(String action, String since) throws SQLException {
        String sql = "SELECT " + COLUMNS + " FROM audit_events WHERE action = '" + action + "'";
        if (since != null) {
            sql += " AND occurred_at >= '" + since + "'";
        }
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            // expect: sql-injection
            return read(st.executeQuery(sql));
        }
    }

    public List<AuditEvent> search(String target, List<String> actions) throws SQLException {
        StringBuilder sb = new StringBuilder("SELECT ").append(COLUMNS).append(" FROM audit_events WHERE target LIKE ?");
        if (!actions.isEmpty()) {
            sb.append(" AND action IN (").append(String.join(",", Collections.nCopies(actions.size(), "?"))).append(")");
        }
        try (Connection c = dataSource.getConnection();
             // ok: sql-injection
             PreparedStatement ps = c.prepareStatement(sb.toString())) {
            int i = 1;
            ps.setString(i++, "%" + target + "%");
            for (String a : actions) {
                ps.setString(i++, a);
            }
            return read(ps.executeQuery());
        }
    }

    public List<AuditEvent> fromIp(String ip, String orderBy) throws SQLException {
        StringBuilder sb = new StringBuilder();
        sb.append("SELECT ").append(COLUMNS).append(" FROM audit_events");
        sb.append(" WHERE ip = ?");
        sb.append(" ORDER BY ").append(orderBy);
        try (Connection c = dataSource.getConnection();
             // expect: sql-injection
             PreparedStatement ps = c.prepareStatement(sb.toString())) {
            ps.setString(1, ip);
            return read(ps.executeQuery());
        }
    }

    public int purgeOlderThan(int days, String tenant) throws SQLException {
        String sql = String.format("DELETE FROM audit_events WHERE occurred_at < now() - interval '%d days' AND tenant = '%s'",
                days, tenant);
        LOG.info("purging audit events: " + sql);
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            // expect: sql-injection
            return st.executeUpdate(sql);
        }
    }

    public long count() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement();
             // ok: sql-injection
             ResultSet rs = st.executeQuery("SELECT count(*) FROM audit_events")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static List<AuditEvent> read(ResultSet rs) throws SQLException {
        List<AuditEvent> out = new ArrayList<>();
        try (rs) {
            while (rs.next()) {
                out.add(new AuditEvent(rs.getLong("id"), rs.getString("actor"), rs.getString("action"),
                        rs.getString("target"), rs.getTimestamp("occurred_at").toInstant(), rs.getString("ip")));
            }
        }
        return out;
    }
}
