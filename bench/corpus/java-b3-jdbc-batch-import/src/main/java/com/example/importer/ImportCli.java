package com.example.importer;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

public final class ImportCli {

    private static final String URL = "jdbc:postgresql://localhost/crm";

    private ImportCli() {
    }

    static String buildDedupSql(String keyColumn) {
        StringBuilder sb = new StringBuilder();
        sb.append("DELETE FROM customers a USING customers b ");
        sb.append("WHERE a.id < b.id AND a.").append(keyColumn).append(" = b.").append(keyColumn);
        return sb.toString();
    }

    static void printCount(Connection conn, String country) throws SQLException {
        // ok: sql-injection
        try (PreparedStatement ps = conn.prepareStatement("SELECT count(*) FROM customers WHERE country = ?")) {
            ps.setString(1, country);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                System.out.println(country + ": " + rs.getLong(1));
            }
        }
    }

    static void printByEmail(Connection conn, String email) throws SQLException {
        try (Statement st = conn.createStatement();
             // expect: sql-injection
             ResultSet rs = st.executeQuery("SELECT external_id, email FROM customers WHERE lower(email) = lower('" + email + "')")) {
            while (rs.next()) {
                System.out.println(rs.getString(1) + "\t" + rs.getString(2));
            }
        }
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: import <load|legacy|stage|dedup|count|email> ARG...");
            System.exit(2);
        }
        try (Connection conn = DriverManager.getConnection(URL, System.getenv("PGUSER"), System.getenv("PGPASSWORD"))) {
            CsvImporter importer = new CsvImporter(conn);
            importer.migrate();
            switch (args[0]) {
                case "load" -> System.out.println(importer.importFile(Path.of(args[1])) + " rows");
                case "legacy" -> System.out.println(importer.importLegacy(Path.of(args[1])) + " rows");
                case "stage" -> importer.loadIntoStaging(Path.of(args[1]));
                case "dedup" -> {
                    try (Statement st = conn.createStatement()) {
                        // expect: sql-injection
                        int removed = st.executeUpdate(buildDedupSql(args[1]));
                        System.out.println(removed + " duplicates removed");
                    }
                }
                case "count" -> printCount(conn, args[1]);
                case "email" -> printByEmail(conn, args[1]);
                default -> System.err.println("unknown command " + args[0]);
            }
        }
    }
}
