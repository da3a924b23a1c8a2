package com.example.notify;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

@Service
public class NotificationService {

    // expect: hardcoded-secret
    private static final String SENDGRID_API_KEY = "SG.aBcDeFgHiJkLmNoPqRsTuV.wXyZ0123456789aBcDeFgHiJkLmNoPqRsTuVwXyZ012";
    // ok: hardcoded-secret
    private static final String API_KEY_HEADER = "X-Api-Key";
    // ok: hardcoded-secret
    private static final String PASSWORD_RESET_TEMPLATE = "d-3f8a1c9e2b7d4f6a";

    // expect: hardcoded-secret
    @Value("${twilio.auth-token:8f2c4a9e1b7d3f6a0e5c9b2d8f4a1c7e}")
    private String twilioAuthToken;

    // ok: hardcoded-secret
    @Value("${twilio.account-sid}")
    private String twilioAccountSid;

    // ok: hardcoded-secret
    @Value("${slack.token:}")
    private String slackToken;

    private final HttpClient http = HttpClient.newHttpClient();

    public int sendEmail(String to, String templateId) throws Exception {
        String body = "{\"personalizations\":[{\"to\":[{\"email\":\"" + to + "\"}]}],\"template_id\":\"" + templateId + "\"}";
        HttpRequest request = HttpRequest.newBuilder(URI.create("https://api.sendgrid.com/v3/mail/send"))
                .header("Authorization", "Bearer " + SENDGRID_API_KEY)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    public int postToSlack(String channel, String text) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("https://slack.com/api/chat.postMessage"))
                // ok: hardcoded-secret
                .header("Authorization", "Bearer " + slackToken)
                .POST(HttpRequest.BodyPublishers.ofString("{\"channel\":\"" + channel + "\",\"text\":\"" + text + "\"}"))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
