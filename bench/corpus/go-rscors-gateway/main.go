package main

import (
	"log"
	"net/http"
	"net/http/httputil"
	"net/url"
	"os"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"github.com/rs/cors"
)

// expect: hardcoded-secret
var signingKey = []byte("gw-hs256-signing-key-7f3c9a1e5b")

// ok: hardcoded-secret
const tokenHeader = "Authorization"

func issueToken(w http.ResponseWriter, r *http.Request) {
	claims := jwt.MapClaims{"sub": r.URL.Query().Get("user"), "exp": time.Now().Add(time.Hour).Unix()}
	token, err := jwt.NewWithClaims(jwt.SigningMethodHS256, claims).SignedString(signingKey)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.Write([]byte(token))
}

func main() {
	upstream, _ := url.Parse(os.Getenv("UPSTREAM_URL"))
	proxy := httputil.NewSingleHostReverseProxy(upstream)

	api := http.NewServeMux()
	api.Handle("/", proxy)
	api.HandleFunc("/token", issueToken)

	// ok: permissive-cors
	strict := cors.New(cors.Options{
		AllowedOrigins:   []string{"https://app.example.com", "https://admin.example.com"},
		AllowCredentials: true,
		AllowedMethods:   []string{http.MethodGet, http.MethodPost},
	})

	// expect: permissive-cors
	embed := cors.New(cors.Options{
		AllowOriginFunc:  func(origin string) bool { return true },
		AllowCredentials: true,
	})

	assets := http.FileServer(http.Dir("./static"))

	mux := http.NewServeMux()
	mux.Handle("/api/", http.StripPrefix("/api", strict.Handler(api)))
	mux.Handle("/embed/", embed.Handler(proxy))
	// expect: permissive-cors
	mux.Handle("/static/", cors.AllowAll().Handler(assets))

	log.Fatal(http.ListenAndServe(":8443", mux))
}
