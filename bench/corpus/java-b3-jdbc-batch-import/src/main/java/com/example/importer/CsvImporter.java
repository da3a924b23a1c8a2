package com.example.importer;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

public class CsvImporter {

    private static final String TABLE = "customers";
    private static final List<String> COLUMNS = List.of("external_id", "name", "email", "country");
    private static final String DDL = "CREATE TABLE IF NOT EXISTS " + TABLE + " ("
            + "id BIGSERIAL PRIMARY KEY, external_id TEXT UNIQUE, name TEXT, email TEXT, country CHAR(2))";
    private static final int BATCH_SIZE = 500;

    private final Connection conn;
    private final ExecutorService pool = Executors.newFixedThreadPool(2);

    public CsvImporter(Connection conn) {
        this.conn = conn;
    }

    public void migrate() throws SQLException {
        try (Statement stmt = conn.createStatement()) {
            // ok: sql-injection
            stmt.execute(DDL);
            // ok: sql-injection
            stmt.execute("CREATE INDEX IF NOT EXISTS " + TABLE + "_email_idx ON " + TABLE + " (email)");
        }
    }

    public int importFile(Path csv) throws IOException, SQLException {
        String placeholders = String.join(", ", Collections.nCopies(COLUMNS.size(), "?"));
        String sql = "INSERT INTO " + TABLE + " (" + String.join(", ", COLUMNS) + ") VALUES (" + placeholders + ")"
                + " ON CONFLICT (external_id) DO UPDATE SET name = EXCLUDED.name, email = EXCLUDED.email";
        int count = 0;
        conn.setAutoCommit(false);
        // ok: sql-injection
        try (BufferedReader in = Files.newBufferedReader(csv); PreparedStatement ps = conn.prepareStatement(sql)) {
            String line = in.readLine();
            while ((line = in.readLine()) != null) {
                String[] f = line.split(",", -1);
                for (int i = 0; i < COLUMNS.size(); i++) {
                    ps.setString(i + 1, f[i].trim());
                }
                ps.addBatch();
                if (++count % BATCH_SIZE == 0) {
                    ps.executeBatch();
                }
            }
            ps.executeBatch();
            conn.commit();
        } catch (SQLException | IOException e) {
            conn.rollback();
            throw e;
        } finally {
            conn.setAutoCommit(true);
        }
        return count;
    }

    public int importLegacy(Path csv) throws IOException, SQLException {
        int count = 0;
        try (BufferedReader in = Files.newBufferedReader(csv); Statement stmt = conn.createStatement()) {
            in.readLine();
            String line;
            while ((line = in.readLine()) != null) {
                String[] f = line.split(",", -1);
                String insert = "INSERT INTO " + TABLE + " (external_id, name, email, country) VALUES ('"
                        + f[0] + "', '" + f[1] + "', '" + f[2] + "', '" + f[3] + "')";
                // expect: sql-injection
                stmt.addBatch(insert);
                count++;
            }
            stmt.executeBatch();
        }
        return count;
    }

    public void loadIntoStaging(Path csv) throws SQLException {
        String staging = "staging_" + csv.getFileName().toString().replace(".csv", "");
        try (Statement stmt = conn.createStatement()) {
            // expect: sql-injection
            stmt.executeUpdate("CREATE TABLE IF NOT EXISTS " + staging + " (LIKE " + TABLE + " INCLUDING ALL)");
            // expect: sql-injection
            stmt.executeUpdate("TRUNCATE TABLE " + staging);
        }
    }

    public void importAsync(List<Path> files) {
        for (Path file : files) {
            // ok: sql-injection
            pool.execute(() -> {
                try {
                    importFile(file);
                } catch (Exception e) {
                    System.err.println("import failed for " + file + ": " + e.getMessage());
                }
            });
        }
    }

    public void deleteCountries(List<String> countries) throws SQLException {
        String marks = String.join(",", Collections.nCopies(countries.size(), "?"));
        // ok: sql-injection
        try (PreparedStatement ps = conn.prepareStatement("DELETE FROM " + TABLE + " WHERE country IN (" + marks + ")")) {
            for (int i = 0; i < countries.size(); i++) {
                ps.setString(i + 1, countries.get(i));
            }
            ps.executeUpdate();
        }
    }
}
