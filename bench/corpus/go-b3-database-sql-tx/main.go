package main

import (
	"database/sql"
	"encoding/json"
	"html/template"
	"log"
	"net/http"
	"strconv"

	_ "github.com/jackc/pgx/v5/stdlib"
)

var statementTmpl = template.Must(template.New("stmt").Parse(`<h1>Account {{.ID}}</h1>
<table>{{range .Entries}}<tr><td>{{.CreatedAt}}</td><td>{{.Memo}}</td><td>{{.Amount}}</td></tr>{{end}}</table>`))

func main() {
	db, err := sql.Open("pgx", "postgres://ledger@localhost/ledger")
	if err != nil {
		log.Fatal(err)
	}
	l := &Ledger{db: db}
	mux := http.NewServeMux()

	mux.HandleFunc("GET /accounts/{id}/entries", func(w http.ResponseWriter, r *http.Request) {
		id, _ := strconv.ParseInt(r.PathValue("id"), 10, 64)
		q := r.URL.Query()
		limit, _ := strconv.Atoi(q.Get("limit"))
		if limit <= 0 || limit > 500 {
			limit = 100
		}
		entries, err := l.Entries(r.Context(), EntryFilter{AccountID: id, Memo: q.Get("memo"), Since: q.Get("since"), Sort: q.Get("sort"), Limit: limit})
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		w.Header().Set("Content-Type", "text/html")
		// ok: sql-injection
		statementTmpl.Execute(w, map[string]any{"ID": id, "Entries": entries})
	})

	mux.HandleFunc("GET /accounts/{id}/search", func(w http.ResponseWriter, r *http.Request) {
		id, _ := strconv.ParseInt(r.PathValue("id"), 10, 64)
		rows, err := l.SearchMemo(r.Context(), id, r.URL.Query().Get("memo"))
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		defer rows.Close()
		w.WriteHeader(http.StatusOK)
	})

	mux.HandleFunc("GET /regions/{region}/total", func(w http.ResponseWriter, r *http.Request) {
		total, err := l.RegionTotals(r.Context(), r.PathValue("region"))
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		json.NewEncoder(w).Encode(map[string]int64{"total": total})
	})

	mux.HandleFunc("GET /accounts/top", func(w http.ResponseWriter, r *http.Request) {
		col := r.URL.Query().Get("by")
		// expect: sql-injection
		rows, err := db.Query("SELECT id, " + col + " FROM accounts ORDER BY " + col + " DESC LIMIT 10")
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		defer rows.Close()
		w.WriteHeader(http.StatusOK)
	})

	mux.HandleFunc("POST /entries/reverse", func(w http.ResponseWriter, r *http.Request) {
		if err := l.Reverse(r.Context(), r.FormValue("ids"), r.FormValue("reason")); err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		w.WriteHeader(http.StatusNoContent)
	})

	log.Fatal(http.ListenAndServe(":8080", mux))
}
