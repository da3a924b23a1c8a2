package com.example.ds;

import java.util.Arrays;
import java.util.List;
import java.util.Properties;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import org.springframework.web.filter.CorsFilter;

@Configuration
public class DataSourceConfig {

    @Value("${reporting.db.password}")
    private String reportingPassword;

    @Bean
    public DataSource primary() {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:postgresql://primary-db:5432/app");
        config.setUsername("app");
        // expect: hardcoded-secret
        config.setPassword("Hik4ri-Pr1mary!");
        config.setMaximumPoolSize(20);
        return new HikariDataSource(config);
    }

    @Bean
    public DataSource reporting() {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:postgresql://reporting-db:5432/app");
        config.setUsername("reporting");
        // ok: hardcoded-secret
        config.setPassword(reportingPassword);
        return new HikariDataSource(config);
    }

    @Bean
    public Properties mailProperties() {
        Properties props = new Properties();
        props.put("mail.smtp.host", "smtp.example.com");
        props.put("mail.smtp.user", "alerts");
        // expect: hardcoded-secret
        props.put("mail.smtp.password", "Al3rt-Sm7p-2024");
        // ok: hardcoded-secret
        props.put("mail.smtp.auth", "true");
        return props;
    }

    @Bean
    public CorsFilter corsFilter() {
        CorsConfiguration config = new CorsConfiguration();
        // expect: permissive-cors
        config.setAllowedOriginPatterns(List.of("*"));
        config.setAllowCredentials(true);
        config.setAllowedMethods(Arrays.asList("GET", "POST"));

        CorsConfiguration reports = new CorsConfiguration();
        // ok: permissive-cors
        reports.setAllowedOrigins(List.of("https://reports.example.com"));

        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/**", config);
        source.registerCorsConfiguration("/reports/**", reports);
        return new CorsFilter(source);
    }
}
