package main

import (
	"database/sql"
	"html/template"
	"log"
	"net/http"
	"os"
	"strconv"
	"strings"

	_ "github.com/lib/pq"
)

var pageTmpl = template.Must(template.New("stock").Parse(`<!doctype html>
<title>Stock</title>
<table>{{range .}}<tr><td>{{.SKU}}</td><td>{{.Name}}</td><td>{{.Qty}}</td></tr>{{end}}</table>`))

type Item struct {
	SKU       string
	Name      string
	Qty       int
	Warehouse string
}

type server struct {
	db *sql.DB
}

func main() {
	db, err := sql.Open("postgres", os.Getenv("DATABASE_URL"))
	if err != nil {
		log.Fatal(err)
	}
	if err := migrate(db); err != nil {
		log.Fatalf("migrate: %v", err)
	}
	s := &server{db: db}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /stock", s.stockPage)
	mux.HandleFunc("GET /api/items", s.listItems)
	mux.HandleFunc("GET /api/items/{sku}", s.getItem)
	mux.HandleFunc("POST /api/items/{sku}/adjust", s.adjust)
	mux.HandleFunc("GET /api/low-stock", s.lowStock)
	log.Fatal(http.ListenAndServe(":8080", mux))
}

func (s *server) stockPage(w http.ResponseWriter, r *http.Request) {
	warehouse := r.URL.Query().Get("wh")
	// ok: sql-injection
	rows, err := s.db.QueryContext(r.Context(),
		"SELECT sku, name, qty, warehouse FROM items WHERE warehouse = $1 ORDER BY sku", warehouse)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	items, err := scanItems(rows)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	// ok: sql-injection
	if err := pageTmpl.Execute(w, items); err != nil {
		log.Printf("render: %v", err)
	}
}

func (s *server) listItems(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	query := "SELECT sku, name, qty, warehouse FROM items"
	var conds []string
	if wh := q.Get("wh"); wh != "" {
		conds = append(conds, "warehouse = '"+wh+"'")
	}
	if name := q.Get("name"); name != "" {
		conds = append(conds, "name ILIKE '%"+name+"%'")
	}
	if len(conds) > 0 {
		query += " WHERE " + strings.Join(conds, " AND ")
	}
	// expect: sql-injection
	rows, err := s.db.Query(query)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	items, err := scanItems(rows)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	writeJSON(w, items)
}

func (s *server) getItem(w http.ResponseWriter, r *http.Request) {
	sku := r.PathValue("sku")
	var it Item
	// expect: sql-injection
	err := s.db.QueryRow("SELECT sku, name, qty, warehouse FROM items WHERE sku = '" + sku + "'").
		Scan(&it.SKU, &it.Name, &it.Qty, &it.Warehouse)
	if err == sql.ErrNoRows {
		http.NotFound(w, r)
		return
	} else if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	writeJSON(w, it)
}

func (s *server) adjust(w http.ResponseWriter, r *http.Request) {
	delta, err := strconv.Atoi(r.FormValue("delta"))
	if err != nil {
		http.Error(w, "delta must be an integer", http.StatusBadRequest)
		return
	}
	tx, err := s.db.BeginTx(r.Context(), nil)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	defer tx.Rollback()
	// ok: sql-injection
	stmt, err := tx.PrepareContext(r.Context(), "UPDATE items SET qty = qty + $1 WHERE sku = $2")
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	defer stmt.Close()
	if _, err := stmt.ExecContext(r.Context(), delta, r.PathValue("sku")); err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	reason := r.FormValue("reason")
	// expect: sql-injection
	_, err = tx.ExecContext(r.Context(), "INSERT INTO stock_moves (sku, delta, reason) VALUES ($1, $2, '"+reason+"')",
		r.PathValue("sku"), delta)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	if err := tx.Commit(); err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}
