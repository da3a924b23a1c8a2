package main

import (
	"context"
	"encoding/json"
	"fmt"
	"log"
	"net/http"
	"os"
	"strings"

	_ "github.com/go-sql-driver/mysql"
	"github.com/jmoiron/sqlx"
)

type Account struct {
	ID    int64  `db:"id" json:"id"`
	Email string `db:"email" json:"email"`
	Plan  string `db:"plan" json:"plan"`
}

var allowedOrigins = map[string]bool{
	"https://app.example.com":     true,
	"https://console.example.com": true,
}

type server struct {
	db *sqlx.DB
}

func withCORS(next http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		origin := r.Header.Get("Origin")
		if allowedOrigins[origin] {
			// ok: permissive-cors
			w.Header().Set("Access-Control-Allow-Origin", origin)
			w.Header().Set("Access-Control-Allow-Credentials", "true")
			w.Header().Add("Vary", "Origin")
		}
		next(w, r)
	}
}

func withOpenCORS(next http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		// expect: permissive-cors
		w.Header().Set("Access-Control-Allow-Origin", r.Header.Get("Origin"))
		w.Header().Set("Access-Control-Allow-Credentials", "true")
		next(w, r)
	}
}

func (s *server) account(w http.ResponseWriter, r *http.Request) {
	var a Account
	// ok: sql-injection
	err := s.db.GetContext(r.Context(), &a, "SELECT id, email, plan FROM accounts WHERE id = ?", r.URL.Query().Get("id"))
	if err != nil {
		http.Error(w, "not found", http.StatusNotFound)
		return
	}
	json.NewEncoder(w).Encode(a)
}

func (s *server) byPlan(w http.ResponseWriter, r *http.Request) {
	var accounts []Account
	plan := r.URL.Query().Get("plan")
	// expect: sql-injection
	err := s.db.Select(&accounts, fmt.Sprintf("SELECT id, email, plan FROM accounts WHERE plan = '%s'", plan))
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	json.NewEncoder(w).Encode(accounts)
}

func (s *server) search(w http.ResponseWriter, r *http.Request) {
	var b strings.Builder
	b.WriteString("SELECT id, email, plan FROM accounts WHERE 1=1")
	if email := r.URL.Query().Get("email"); email != "" {
		b.WriteString(" AND email LIKE '%" + email + "%'")
	}
	var accounts []Account
	// expect: sql-injection
	rows, err := s.db.QueryxContext(context.Background(), b.String())
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	defer rows.Close()
	for rows.Next() {
		var a Account
		rows.StructScan(&a)
		accounts = append(accounts, a)
	}
	json.NewEncoder(w).Encode(accounts)
}

func (s *server) bulk(w http.ResponseWriter, r *http.Request) {
	ids := strings.Split(r.URL.Query().Get("ids"), ",")
	// ok: sql-injection
	query, args, err := sqlx.In("SELECT id, email, plan FROM accounts WHERE id IN (?)", ids)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	var accounts []Account
	// ok: sql-injection
	if err := s.db.Select(&accounts, s.db.Rebind(query), args...); err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	json.NewEncoder(w).Encode(accounts)
}

func main() {
	// ok: hardcoded-secret
	dsn := fmt.Sprintf("%s:%s@tcp(%s)/accounts?parseTime=true", os.Getenv("DB_USER"), os.Getenv("DB_PASSWORD"), os.Getenv("DB_HOST"))
	db := sqlx.MustConnect("mysql", dsn)
	s := &server{db: db}

	http.HandleFunc("/account", withCORS(s.account))
	http.HandleFunc("/accounts", withCORS(s.byPlan))
	http.HandleFunc("/accounts/search", withOpenCORS(s.search))
	http.HandleFunc("/accounts/bulk", withCORS(s.bulk))
	log.Fatal(http.ListenAndServe(":8082", nil))
}
