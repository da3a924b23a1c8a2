package com.acme.reports;

import java.io.IOException;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** Dashboard widgets embedded in the intranet portal (several hostnames). */
@WebServlet("/widgets/*")
public class WidgetServlet extends HttpServlet {

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String origin = req.getHeader("Origin");
        if (origin != null) {
            // expect: permissive-cors
            resp.setHeader("Access-Control-Allow-Origin", origin);
            resp.setHeader("Access-Control-Allow-Credentials", "true");
        }
        resp.setContentType("application/json");
        resp.getWriter().write("{\"widgets\":[]}");
    }
}
