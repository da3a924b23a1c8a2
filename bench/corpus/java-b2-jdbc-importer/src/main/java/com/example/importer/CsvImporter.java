package com.example.importer;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * Nightly CSV import of supplier price lists into the staging schema. Suppliers upload their files
 * over SFTP as SUPPLIERCODE.csv; the code is taken from the file name unless given explicitly.
 *
 * Usage: java -jar importer.jar /sftp/incoming/ACME.csv [supplier_code] [sku_prefix]
 */
public class CsvImporter {
    private static final Logger LOG = Logger.getLogger(CsvImporter.class.getName());
    private static final Set<String> KNOWN_COLUMNS = Set.of("sku", "description", "price", "currency", "moq");
    private static final int BATCH = 500;

    private final Connection conn;

    public CsvImporter(Connection conn) {
        this.conn = conn;
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        String supplier = args.length > 1 ? args[1] : file.getFileName().toString().replaceFirst("\\.csv$", "");
        try (Connection c = DriverManager.getConnection(System.getenv("JDBC_URL"), System.getenv("JDBC_USER"),
                System.getenv("JDBC_PASSWORD"))) {
            c.setAutoCommit(false);
            CsvImporter importer = new CsvImporter(c);
            int n = importer.importFile(file, supplier);
            importer.markImported(supplier, n);
            List<String> dupes = importer.duplicates(supplier, args.length > 2 ? args[2] : null);
            if (!dupes.isEmpty()) {
                LOG.warning("duplicate SKUs for " + supplier + ": " + dupes);
            }
            importer.promote(supplier);
            c.commit();
            LOG.info("imported " + n + " rows for " + supplier);
        }
    }

    public int importFile(Path file, String supplier) throws IOException, SQLException {
        try (BufferedReader in = Files.newBufferedReader(file)) {
            List<String> header = Arrays.asList(in.readLine().split(","));
            List<String> columns = header.stream().filter(KNOWN_COLUMNS::contains).collect(Collectors.toList());
            String marks = columns.stream().map(c -> "?").collect(Collectors.joining(", "));
            String sql = "INSERT INTO staging_prices (supplier, " + String.join(", ", columns) + ") VALUES (?, " + marks + ")";
            int count = 0;
            // ok: sql-injection
            try (PreparedStatement ps = conn.prepareStatement(sql)) {
                String line;
                while ((line = in.readLine()) != null) {
                    String[] cells = line.split(",", -1);
                    ps.setString(1, supplier);
                    for (int i = 0; i < columns.size(); i++) {
                        ps.setString(i + 2, cells[header.indexOf(columns.get(i))]);
                    }
                    ps.addBatch();
                    if (++count % BATCH == 0) {
                        ps.executeBatch();
                    }
                }
                ps.executeBatch();
            }
            return count;
        }
    }

    public void markImported(String supplier, int rows) throws SQLException {
        try (Statement st = conn.createStatement()) {
            // expect: sql-injection
            st.addBatch("UPDATE suppliers SET last_import = now(), last_rows = " + rows + " WHERE code = '" + supplier + "'");
            // ok: sql-injection
            st.addBatch("DELETE FROM staging_prices WHERE price IS NULL");
            st.executeBatch();
        }
    }

    public void promote(String supplier) throws SQLException {
        LOG.fine("promoting staging prices for " + supplier);
        // ok: sql-injection
        try (PreparedStatement ps = conn.prepareStatement(
                "INSERT INTO prices (sku, supplier, price, currency) "
                        + "SELECT sku, supplier, price::numeric, currency FROM staging_prices WHERE supplier = ? "
                        + "ON CONFLICT (sku, supplier) DO UPDATE SET price = EXCLUDED.price")) {
            ps.setString(1, supplier);
            ps.executeUpdate();
        }
    }

    public List<String> duplicates(String supplier, String skuPrefix) throws SQLException {
        String sql = "SELECT sku FROM staging_prices WHERE supplier = ? GROUP BY sku HAVING count(*) > 1";
        if (skuPrefix != null) {
            sql = sql.replace("GROUP BY", "AND sku LIKE '" + skuPrefix + "%' GROUP BY");
        }
        List<String> out = new ArrayList<>();
        // expect: sql-injection
        try (PreparedStatement ps = conn.prepareStatement(sql)) {
            ps.setString(1, supplier);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }
}
