package io.acme.files;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.CorsRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

@Configuration
public class WebConfig implements WebMvcConfigurer {

    @Value("${app.cors.allowed-origins}")
    private String[] allowedOrigins;

    @Override
    public void addCorsMappings(CorsRegistry registry) {
        registry.addMapping("/api/**")
                // ok: permissive-cors
                .allowedOrigins(allowedOrigins)
                // ok: permissive-cors
                .allowedMethods("*")
                .allowCredentials(true);

        registry.addMapping("/share/**")
                // expect: permissive-cors
                .allowedOriginPatterns("*")
                .allowedMethods("GET")
                .allowCredentials(true);
    }
}
