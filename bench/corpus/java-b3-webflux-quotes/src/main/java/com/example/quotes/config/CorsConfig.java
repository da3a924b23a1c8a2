package com.example.quotes.config;

import java.util.List;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.CorsWebFilter;
import org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource;

@Configuration
public class CorsConfig {

    @Value("${quotes.cors.allowed-origins}")
    private List<String> allowedOrigins;

    @Bean
    @Profile("!public-widgets")
    public CorsWebFilter corsWebFilter() {
        CorsConfiguration config = new CorsConfiguration();
        // ok: permissive-cors
        config.setAllowedOrigins(allowedOrigins);
        config.setAllowedMethods(List.of("GET", "POST", "PUT", "DELETE"));
        config.addAllowedHeader("*");
        config.setAllowCredentials(true);
        config.setMaxAge(3600L);

        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/api/**", config);
        return new CorsWebFilter(source);
    }

    @Bean
    @Profile("public-widgets")
    public CorsWebFilter widgetCorsFilter() {
        CorsConfiguration config = new CorsConfiguration();
        // expect: permissive-cors
        config.addAllowedOriginPattern("*");
        config.addAllowedMethod("*");
        config.addAllowedHeader("*");
        config.setAllowCredentials(true);

        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/**", config);
        return new CorsWebFilter(source);
    }

    @Bean
    public CorsWebFilter tickerCorsFilter() {
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        // expect: permissive-cors
        source.registerCorsConfiguration("/ticker/**", new CorsConfiguration().applyPermitDefaultValues());
        return new CorsWebFilter(source);
    }

    @Bean
    public CorsWebFilter partnerCorsFilter() {
        CorsConfiguration config = new CorsConfiguration();
        // ok: permissive-cors
        config.setAllowedOriginPatterns(List.of("https://*.brokers.example.com"));
        config.setAllowedMethods(List.of("GET"));
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/partner/**", config);
        return new CorsWebFilter(source);
    }
}
