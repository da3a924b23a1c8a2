package main

import "net/http"

var legacyOrigins = map[string]bool{
	"https://old.acme.io":      true,
	"https://intranet.acme.io": true,
}

// legacyCORS is used by the v1 endpoints that predate the chi router.
func legacyCORS(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		origin := r.Header.Get("Origin")
		if legacyOrigins[origin] {
			// ok: permissive-cors
			w.Header().Set("Access-Control-Allow-Origin", origin)
			w.Header().Add("Vary", "Origin")
		}
		next.ServeHTTP(w, r)
	})
}

// downloadCORS was added for the mobile app's file downloads.
func downloadCORS(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		// expect: permissive-cors
		w.Header().Set("Access-Control-Allow-Origin", r.Header.Get("Origin"))
		w.Header().Set("Access-Control-Allow-Credentials", "true")
		next.ServeHTTP(w, r)
	})
}
