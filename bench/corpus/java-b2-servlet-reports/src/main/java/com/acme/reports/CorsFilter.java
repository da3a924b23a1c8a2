package com.acme.reports;

import java.io.IOException;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** Adds CORS headers for the origins listed in web.xml. */
public class CorsFilter implements Filter {

    private Set<String> allowed = Set.of();

    @Override
    public void init(FilterConfig config) {
        String list = config.getInitParameter("allowedOrigins");
        if (list != null) {
            // ok: permissive-cors
            allowed = Arrays.stream(list.split(",")).map(String::trim).collect(Collectors.toSet());
        }
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        HttpServletResponse response = (HttpServletResponse) res;
        String origin = request.getHeader("Origin");
        if (origin != null && allowed.contains(origin)) {
            // ok: permissive-cors
            response.setHeader("Access-Control-Allow-Origin", origin);
            response.setHeader("Access-Control-Allow-Credentials", "true");
            response.addHeader("Vary", "Origin");
        }
        // ok: permissive-cors
        response.setHeader("Access-Control-Allow-Headers", "*");
        chain.doFilter(req, res);
    }
}
