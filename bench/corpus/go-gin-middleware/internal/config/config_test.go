package config

import "testing"

func TestLoad(t *testing.T) {
	// ok: hardcoded-secret
	t.Setenv("ORDERS_API_KEY", "test-api-key-123")
	// ok: hardcoded-secret
	want := Config{APIKey: "test-api-key-123", SMTPPassword: "Smtp-0rders-Relay!"}
	got := Load()
	if got.APIKey != want.APIKey {
		t.Fatalf("got %q", got.APIKey)
	}
}
