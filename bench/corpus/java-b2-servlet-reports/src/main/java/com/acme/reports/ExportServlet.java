package com.acme.reports;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** CSV exports, fetched by the BI tool and by spreadsheets on people's laptops. */
@WebServlet("/export/*")
public class ExportServlet extends HttpServlet {

    // expect: hardcoded-secret
    private static final String WAREHOUSE_API_KEY = "wh_live_5f1c9e2a7b3d4f60a8c1e2d3";
    // ok: hardcoded-secret
    private static final String WAREHOUSE_KEY_HEADER = "X-Warehouse-Key";

    private final HttpClient http = HttpClient.newHttpClient();

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        // expect: permissive-cors
        resp.setHeader("Access-Control-Allow-Origin", "*");
        resp.setContentType("text/csv");

        HttpRequest upstream = HttpRequest.newBuilder()
                .uri(URI.create("https://warehouse.internal/v1/export" + req.getPathInfo()))
                .header(WAREHOUSE_KEY_HEADER, WAREHOUSE_API_KEY)
                .build();
        try {
            HttpResponse<String> r = http.send(upstream, HttpResponse.BodyHandlers.ofString());
            resp.getWriter().write(r.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            resp.sendError(503);
        }
    }
}
