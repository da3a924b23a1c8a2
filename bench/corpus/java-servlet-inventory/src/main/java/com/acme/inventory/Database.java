package com.acme.inventory;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

public final class Database {

    private static final String URL = "jdbc:mysql://localhost:3306/inventory?useSSL=false";
    private static final String USER = "root";
    // expect: hardcoded-secret
    private static final String PASSWORD = "r00tP@ssw0rd";

    private Database() {}

    public static Connection open() throws SQLException {
        return DriverManager.getConnection(URL, USER, PASSWORD);
    }

    public static Connection openReporting() throws SQLException {
        // expect: hardcoded-secret
        return DriverManager.getConnection("jdbc:mysql://reports.internal:3306/inventory?user=reporter&password=R3p0rt!ng2024");
    }

    public static Connection openFromEnv() throws SQLException {
        // ok: hardcoded-secret
        return DriverManager.getConnection(System.getenv("JDBC_URL"), System.getenv("JDBC_USER"), System.getenv("JDBC_PASSWORD"));
    }
}
