package config

import (
	"os"
	"strings"
)

type Config struct {
	AdminOrigins []string
	APIKey       string
	SMTPPassword string
}

func Load() Config {
	return Config{
		AdminOrigins: strings.Split(os.Getenv("ADMIN_ORIGINS"), ","),
		// ok: hardcoded-secret
		APIKey: os.Getenv("ORDERS_API_KEY"),
		// expect: hardcoded-secret
		SMTPPassword: "Smtp-0rders-Relay!",
	}
}

// ok: hardcoded-secret
const PasswordResetPath = "/password/reset"

// expect: hardcoded-secret
const stripeKey = "sk_live_4eC39HqLyjWDarjtT1zdp7dc"
