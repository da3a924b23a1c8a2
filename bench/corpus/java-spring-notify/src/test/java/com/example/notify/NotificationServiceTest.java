package com.example.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class NotificationServiceTest {

    // ok: hardcoded-secret
    private static final String PASSWORD = "test-password-123";

    @Test
    void buildsLoginPayload() {
        // ok: hardcoded-secret
        String apiKey = "unit-test-api-key";
        assertEquals(17, apiKey.length());
        assertEquals("test-password-123", PASSWORD);
    }
}
