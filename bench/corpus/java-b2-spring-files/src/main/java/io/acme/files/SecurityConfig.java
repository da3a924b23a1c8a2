package io.acme.files;

import java.util.List;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;

@Configuration
public class SecurityConfig {

    @Bean
    SecurityFilterChain filterChain(HttpSecurity http) throws Exception {
        http.cors(Customizer.withDefaults())
            .authorizeHttpRequests(auth -> auth
                .requestMatchers("/share/**", "/actuator/health").permitAll()
                .anyRequest().authenticated())
            .oauth2Login(Customizer.withDefaults());
        return http.build();
    }

    @Bean
    CorsConfigurationSource corsConfigurationSource(@Value("${app.frontend-url}") String frontendUrl) {
        CorsConfiguration api = new CorsConfiguration();
        // ok: permissive-cors
        api.setAllowedOrigins(List.of(frontendUrl));
        // ok: permissive-cors
        api.addAllowedMethod("*");
        // ok: permissive-cors
        api.addAllowedHeader("*");
        api.setAllowCredentials(true);

        // File previews are embedded in customer wikis; signed-in viewers need their cookie.
        CorsConfiguration embed = new CorsConfiguration();
        // expect: permissive-cors
        embed.addAllowedOriginPattern("*");
        embed.addAllowedMethod("GET");
        embed.setAllowCredentials(true);

        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/embed/**", embed);
        source.registerCorsConfiguration("/**", api);
        return source;
    }
}
