package main

import (
	"net/http"
)

var trustedOrigins = map[string]bool{
	"https://books.example.com":   true,
	"https://auditor.example.com": true,
}

func listEntries(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	w.Write([]byte(`[]`))
}

func dailyReport(w http.ResponseWriter, r *http.Request) {
	origin := r.Header.Get("Origin")
	if trustedOrigins[origin] {
		// ok: permissive-cors
		w.Header().Set("Access-Control-Allow-Origin", origin)
		w.Header().Set("Vary", "Origin")
	}
	w.Header().Set("Content-Type", "text/csv")
	w.Write([]byte("date,total\n"))
}

func checkPassword(user, password string) bool { return false }

func verifySignature(r *http.Request, secret string) bool { return false }
