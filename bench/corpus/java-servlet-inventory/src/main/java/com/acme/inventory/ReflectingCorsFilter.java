package com.acme.inventory;

import java.io.IOException;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

@WebFilter("/legacy/*")
public class ReflectingCorsFilter implements Filter {

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        HttpServletResponse resp = (HttpServletResponse) response;
        // expect: permissive-cors
        resp.addHeader("Access-Control-Allow-Origin", ((HttpServletRequest) request).getHeader("Origin"));
        resp.addHeader("Access-Control-Allow-Credentials", "true");
        chain.doFilter(request, response);
    }
}
