package main

import (
	"encoding/json"
	"net/http"
	"os"
	"time"

	"github.com/golang-jwt/jwt/v5"
)

// expect: hardcoded-secret
var jwtKey = []byte("ledger-jwt-signing-key-3b9d71c0a4e2f6")

// ok: hardcoded-secret
var refreshKey = []byte(os.Getenv("LEDGER_REFRESH_KEY"))

// ok: hardcoded-secret
const authHeader = "Authorization"

type credentials struct {
	Username string `json:"username"`
	Password string `json:"password"`
}

func login(w http.ResponseWriter, r *http.Request) {
	var creds credentials
	if err := json.NewDecoder(r.Body).Decode(&creds); err != nil {
		http.Error(w, "bad request", http.StatusBadRequest)
		return
	}
	if !checkPassword(creds.Username, creds.Password) {
		http.Error(w, "unauthorized", http.StatusUnauthorized)
		return
	}
	claims := jwt.RegisteredClaims{
		Subject:   creds.Username,
		ExpiresAt: jwt.NewNumericDate(time.Now().Add(30 * time.Minute)),
	}
	signed, err := jwt.NewWithClaims(jwt.SigningMethodHS256, claims).SignedString(jwtKey)
	if err != nil {
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	json.NewEncoder(w).Encode(map[string]string{"token": signed})
}

func refreshToken(sub string) (string, error) {
	claims := jwt.RegisteredClaims{Subject: sub, ExpiresAt: jwt.NewNumericDate(time.Now().Add(24 * time.Hour))}
	// ok: hardcoded-secret
	return jwt.NewWithClaims(jwt.SigningMethodHS256, claims).SignedString(refreshKey)
}

func bankHook(w http.ResponseWriter, r *http.Request) {
	// expect: hardcoded-secret
	const bankWebhookSecret = "bank-hook-hmac-5f2a8c1e9d7b3a6f0e4c"
	if r.Header.Get("X-Bank-Signature") == "" || !verifySignature(r, bankWebhookSecret) {
		http.Error(w, "bad signature", http.StatusUnauthorized)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}
