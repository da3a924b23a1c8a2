package com.example.audit;

import com.example.audit.AuditDao.AuditEvent;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.PrintWriter;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;

@WebServlet("/audit/*")
public class AuditServlet extends HttpServlet {
    private final ExecutorService exportPool = Executors.newFixedThreadPool(2);
    private AuditDao dao;

    @Override
    public void init() throws ServletException {
        try {
            DataSource ds = (DataSource) new InitialContext().lookup("java:comp/env/jdbc/audit");
            dao = new AuditDao(ds);
        } catch (NamingException e) {
            throw new ServletException(e);
        }
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String path = req.getPathInfo() == null ? "/" : req.getPathInfo();
        try {
            List<AuditEvent> events;
            switch (path) {
                case "/actor" -> events = dao.byActor(req.getParameter("name"), req.getParameter("sort"), 100);
                case "/action" -> events = dao.byAction(req.getParameter("action"), req.getParameter("since"));
                case "/ip" -> events = dao.fromIp(req.getParameter("ip"), req.getParameter("order"));
                case "/search" -> {
                    String acts = req.getParameter("actions");
                    events = dao.search(req.getParameter("target"),
                            acts == null ? List.of() : Arrays.asList(acts.split(",")));
                }
                default -> {
                    resp.sendError(404);
                    return;
                }
            }
            resp.setContentType("text/csv");
            PrintWriter out = resp.getWriter();
            for (AuditEvent e : events) {
                out.printf("%d,%s,%s,%s,%s%n", e.id(), e.actor(), e.action(), e.target(), e.occurredAt());
            }
        } catch (SQLException e) {
            log("audit query failed", e);
            resp.sendError(500);
        }
    }

    @Override
    protected void doDelete(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String tenant = req.getParameter("tenant");
        int days = Integer.parseInt(req.getParameter("days"));
        // ok: sql-injection
        exportPool.execute(() -> {
            try {
                dao.purgeOlderThan(days, tenant);
            } catch (SQLException e) {
                log("purge failed", e);
            }
        });
        resp.setStatus(202);
    }

    @Override
    public void destroy() {
        exportPool.shutdown();
    }
}
