package com.example.quotes.client;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;

import reactor.core.publisher.Mono;

@Component
public class ExchangeClient {

    private final WebClient exchange;
    private final WebClient archive;
    private final WebClient fx;

    public ExchangeClient(
            WebClient.Builder builder,
            @Value("${quotes.exchange.base-url}") String exchangeUrl,
            @Value("${quotes.archive.username}") String archiveUser,
            @Value("${quotes.archive.password}") String archivePassword) {
        this.exchange = builder.clone()
                .baseUrl(exchangeUrl)
                // expect: hardcoded-secret
                .defaultHeader(HttpHeaders.AUTHORIZATION, "Basic cXVvdGVzLXN2YzpFeGNoNG5nZS1QYXNzLTIwMjQ=")
                .build();

        this.archive = builder.clone()
                .baseUrl("https://archive.quotes.example.com")
                // ok: hardcoded-secret
                .defaultHeaders(h -> h.setBasicAuth(archiveUser, archivePassword))
                .build();

        this.fx = builder.clone()
                .baseUrl("https://fx.example.com/api")
                // ok: hardcoded-secret
                .defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + System.getenv("FX_API_TOKEN"))
                .build();
    }

    public Mono<String> latest(String symbol) {
        return exchange.get().uri("/quotes/{symbol}", symbol).retrieve().bodyToMono(String.class);
    }

    public Mono<String> history(String symbol) {
        return archive.get().uri("/history/{symbol}", symbol).retrieve().bodyToMono(String.class);
    }

    public Mono<String> rate(String pair) {
        return fx.get()
                .uri("/rates/{pair}", pair)
                // expect: hardcoded-secret
                .header("X-Api-Key", "fx-3c9e1b7a5d2f48e6a0b4c8d1")
                .retrieve()
                .bodyToMono(String.class);
    }
}
