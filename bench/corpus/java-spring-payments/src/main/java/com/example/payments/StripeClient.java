package com.example.payments;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

public class StripeClient {

    // ok: hardcoded-secret
    private static final String SECRET_ENV = "STRIPE_SECRET_KEY";
    // ok: hardcoded-secret
    private static final String PUBLIC_KEY = "-----BEGIN PUBLIC KEY-----";

    private final HttpClient http = HttpClient.newHttpClient();
    // ok: hardcoded-secret
    private final String apiKey = System.getenv(SECRET_ENV);

    public String balance() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("https://api.stripe.com/v1/balance"))
                // ok: hardcoded-secret
                .header("Authorization", "Bearer " + apiKey)
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString()).body();
    }

    public String legacyBalance() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("https://api.stripe.com/v1/balance"))
                // expect: hardcoded-secret
                .header("Authorization", "Bearer sk_live_4eC39HqLyjWDarjtT1zdp7dc")
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString()).body();
    }
}
