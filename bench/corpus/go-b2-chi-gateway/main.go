package main

import (
	"log"
	"net/http"
	"net/http/httputil"
	"net/url"
	"os"
	"strings"
	"time"

	"github.com/go-chi/chi/v5"
	"github.com/go-chi/chi/v5/middleware"
	"github.com/go-chi/cors"
)

// expect: hardcoded-secret
const upstreamToken = "gw-svc-token-7d2f9c4e1a8b"

func proxyTo(raw string) http.Handler {
	target, err := url.Parse(raw)
	if err != nil {
		log.Fatalf("bad upstream %q: %v", raw, err)
	}
	p := httputil.NewSingleHostReverseProxy(target)
	director := p.Director
	p.Director = func(r *http.Request) {
		director(r)
		r.Header.Set("X-Service-Token", upstreamToken)
	}
	return p
}

func main() {
	r := chi.NewRouter()
	r.Use(middleware.RequestID, middleware.RealIP, middleware.Logger)
	r.Use(middleware.Timeout(30 * time.Second))

	// ok: permissive-cors
	origins := strings.Split(os.Getenv("GATEWAY_ALLOWED_ORIGINS"), ",")

	r.Route("/api", func(api chi.Router) {
		// ok: permissive-cors
		api.Use(cors.Handler(cors.Options{
			AllowedOrigins:   origins,
			// ok: permissive-cors
			AllowedMethods:   []string{"*"},
			AllowedHeaders:   []string{"Authorization", "Content-Type"},
			AllowCredentials: true,
			MaxAge:           300,
		}))
		api.Mount("/orders", proxyTo(os.Getenv("ORDERS_URL")))
		api.Mount("/users", proxyTo(os.Getenv("USERS_URL")))
	})

	// Embeds for customer sites; any https page may load them.
	r.Route("/embed", func(embed chi.Router) {
		// expect: permissive-cors
		embed.Use(cors.Handler(cors.Options{
			AllowedOrigins:   []string{"https://*", "http://*"},
			AllowCredentials: true,
		}))
		embed.Mount("/", proxyTo(os.Getenv("EMBED_URL")))
	})

	// Partner callbacks: the partner list lives in a DB and nobody wired it up yet.
	r.Route("/partner", func(pr chi.Router) {
		// expect: permissive-cors
		pr.Use(cors.Handler(cors.Options{
			AllowOriginFunc:  func(r *http.Request, origin string) bool { return true },
			AllowCredentials: true,
		}))
		pr.Mount("/", proxyTo(os.Getenv("PARTNER_URL")))
	})

	r.Get("/healthz", func(w http.ResponseWriter, _ *http.Request) {
		w.WriteHeader(http.StatusNoContent)
	})

	log.Fatal(http.ListenAndServe(":8080", r))
}
