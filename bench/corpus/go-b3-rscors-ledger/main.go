package main

import (
	"log"
	"net/http"
	"os"
	"strings"

	"github.com/rs/cors"
)

func main() {
	api := http.NewServeMux()
	api.HandleFunc("/v1/entries", listEntries)
	api.HandleFunc("/v1/login", login)

	allowed := map[string]bool{}
	for _, o := range strings.Split(os.Getenv("LEDGER_ORIGINS"), ",") {
		allowed[strings.TrimSpace(o)] = true
	}

	// ok: permissive-cors
	apiCORS := cors.New(cors.Options{
		AllowOriginFunc:  func(origin string) bool { return allowed[origin] },
		AllowedMethods:   []string{http.MethodGet, http.MethodPost},
		AllowCredentials: true,
	})

	reports := http.NewServeMux()
	reports.HandleFunc("/reports/daily", dailyReport)
	// expect: permissive-cors
	reportsCORS := cors.New(cors.Options{
		AllowedOrigins:   []string{"*"},
		AllowCredentials: true,
	})

	webhooks := http.NewServeMux()
	webhooks.HandleFunc("/hooks/bank", bankHook)
	// expect: permissive-cors
	webhookCORS := cors.New(cors.Options{
		AllowOriginFunc: func(origin string) bool {
			return true
		},
	})

	docs := http.FileServer(http.Dir("./docs"))

	root := http.NewServeMux()
	root.Handle("/v1/", apiCORS.Handler(api))
	root.Handle("/reports/", reportsCORS.Handler(reports))
	root.Handle("/hooks/", webhookCORS.Handler(webhooks))
	// expect: permissive-cors
	root.Handle("/docs/", cors.AllowAll().Handler(http.StripPrefix("/docs/", docs)))
	root.HandleFunc("/v1/rates", rates)

	// ok: permissive-cors
	partnerCORS := cors.New(cors.Options{
		AllowedOrigins: []string{"https://books.example.com", "https://*.ledger.example.com"},
	})
	root.Handle("/partner/", partnerCORS.Handler(api))

	log.Fatal(http.ListenAndServe(":8090", root))
}

func rates(w http.ResponseWriter, r *http.Request) {
	origin := r.Header.Get("Origin")
	// expect: permissive-cors
	w.Header().Set("Access-Control-Allow-Origin", origin)
	w.Header().Set("Content-Type", "application/json")
	w.Write([]byte(`{"USD":1,"EUR":0.92}`))
}
