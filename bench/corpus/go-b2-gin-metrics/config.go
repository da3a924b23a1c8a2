package main

import (
	"encoding/json"
	"os"
)

type Config struct {
	DashboardOrigins []string `json:"dashboard_origins"`
	// ok: hardcoded-secret
	APIKeyHeader string `json:"api_key_header"`
}

func loadConfig() Config {
	cfg := Config{
		// ok: permissive-cors
		DashboardOrigins: []string{"https://grafana.acme.io"},
		// ok: hardcoded-secret
		APIKeyHeader:     "X-Api-Key",
	}
	if raw, err := os.ReadFile(os.Getenv("METRICS_CONFIG")); err == nil {
		_ = json.Unmarshal(raw, &cfg)
	}
	return cfg
}
