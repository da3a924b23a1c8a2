package com.acme.inventory;

import java.io.IOException;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

@WebServlet("/items")
public class ItemServlet extends HttpServlet {

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        // expect: permissive-cors
        resp.setHeader("Access-Control-Allow-Origin", "*");
        resp.setContentType("application/json");
        String location = req.getParameter("location");
        String sku = req.getParameter("sku");
        try (Connection conn = Database.open(); PrintWriter out = resp.getWriter()) {
            if (sku != null) {
                // ok: sql-injection
                PreparedStatement ps = conn.prepareStatement("SELECT sku, qty FROM items WHERE sku = ?");
                ps.setString(1, sku);
                write(ps.executeQuery(), out);
                return;
            }
            Statement st = conn.createStatement();
            // expect: sql-injection
            ResultSet rs = st.executeQuery("SELECT sku, qty FROM items WHERE location = '" + location + "'");
            write(rs, out);
        } catch (SQLException e) {
            resp.sendError(500, e.getMessage());
        }
    }

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String sku = req.getParameter("sku");
        String qty = req.getParameter("qty");
        try (Connection conn = Database.open()) {
            Statement st = conn.createStatement();
            // expect: sql-injection
            st.addBatch("UPDATE items SET qty = " + qty + " WHERE sku = '" + sku + "'");
            st.addBatch("INSERT INTO audit (action) VALUES ('adjust')");
            st.executeBatch();
        } catch (SQLException e) {
            resp.sendError(500, e.getMessage());
        }
    }

    @Override
    protected void doDelete(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String sku = req.getParameter("sku");
        try (Connection conn = Database.open()) {
            // expect: sql-injection
            PreparedStatement ps = conn.prepareStatement("DELETE FROM items WHERE sku = '" + sku + "'");
            ps.executeUpdate();
        } catch (SQLException e) {
            resp.sendError(500, e.getMessage());
        }
    }

    private static void write(ResultSet rs, PrintWriter out) throws SQLException {
        out.print("[");
        boolean first = true;
        while (rs.next()) {
            if (!first) out.print(",");
            out.printf("{\"sku\":\"%s\",\"qty\":%d}", rs.getString(1), rs.getInt(2));
            first = false;
        }
        out.print("]");
    }
}
