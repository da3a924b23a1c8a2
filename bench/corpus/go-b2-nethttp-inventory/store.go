package main

import (
	"database/sql"
	"encoding/json"
	"fmt"
	"log"
	"net/http"
	"strconv"
)

const lowStockSQL = `
SELECT sku, name, qty, warehouse
  FROM items
 WHERE qty < reorder_level
 ORDER BY qty ASC`

var migrations = []string{
	`CREATE TABLE IF NOT EXISTS items (
		sku TEXT PRIMARY KEY,
		name TEXT NOT NULL,
		qty INTEGER NOT NULL DEFAULT 0,
		reorder_level INTEGER NOT NULL DEFAULT 10,
		warehouse TEXT NOT NULL
	)`,
	`CREATE TABLE IF NOT EXISTS stock_moves (
		id BIGSERIAL PRIMARY KEY,
		sku TEXT NOT NULL REFERENCES items(sku),
		delta INTEGER NOT NULL,
		reason TEXT,
		at TIMESTAMPTZ NOT NULL DEFAULT now()
	)`,
	`CREATE INDEX IF NOT EXISTS idx_items_warehouse ON items(warehouse)`,
}

func migrate(db *sql.DB) error {
	for i, m := range migrations {
		log.Printf("applying migration %d", i+1)
		// ok: sql-injection
		if _, err := db.Exec(m); err != nil {
			return fmt.Errorf("migration %d: %w", i+1, err)
		}
	}
	return nil
}

func scanItems(rows *sql.Rows) ([]Item, error) {
	defer rows.Close()
	var out []Item
	for rows.Next() {
		var it Item
		if err := rows.Scan(&it.SKU, &it.Name, &it.Qty, &it.Warehouse); err != nil {
			return nil, err
		}
		out = append(out, it)
	}
	return out, rows.Err()
}

func writeJSON(w http.ResponseWriter, v interface{}) {
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(v)
}

func (s *server) lowStock(w http.ResponseWriter, r *http.Request) {
	query := lowStockSQL
	limit, err := strconv.Atoi(r.URL.Query().Get("limit"))
	if err == nil && limit > 0 {
		query += " LIMIT " + strconv.Itoa(limit)
	}
	// ok: sql-injection
	rows, err := s.db.QueryContext(r.Context(), query)
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
