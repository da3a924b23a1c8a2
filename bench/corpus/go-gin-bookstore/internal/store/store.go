package store

import (
	"database/sql"
	"fmt"
	"log"
)

type Book struct {
	ID     int    `json:"id"`
	Title  string `json:"title"`
	Author string `json:"author"`
}

type Store struct {
	db *sql.DB
}

func New(db *sql.DB) *Store { return &Store{db: db} }

var sortColumns = map[string]string{"title": "title", "author": "author", "year": "published_year"}

func (s *Store) Search(q, sort string) ([]Book, error) {
	column, ok := sortColumns[sort]
	if !ok {
		column = "title"
	}
	// ok: sql-injection
	query := fmt.Sprintf("SELECT id, title, author FROM books WHERE title ILIKE $1 ORDER BY %s", column)
	log.Printf("search %q: select by %s", q, column)
	rows, err := s.db.Query(query, "%"+q+"%")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	return scan(rows)
}

func (s *Store) ByID(id int) (Book, error) {
	var b Book
	// ok: sql-injection
	err := s.db.QueryRow("SELECT id, title, author FROM books WHERE id = $1", id).Scan(&b.ID, &b.Title, &b.Author)
	return b, err
}

func (s *Store) ByAuthor(name string) ([]Book, error) {
	// expect: sql-injection
	rows, err := s.db.Query(fmt.Sprintf("SELECT id, title, author FROM books WHERE author = '%s'", name))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	return scan(rows)
}

func (s *Store) Delete(ids string) error {
	// expect: sql-injection
	_, err := s.db.Exec("DELETE FROM books WHERE id IN (" + ids + ")")
	return err
}

func scan(rows *sql.Rows) ([]Book, error) {
	var out []Book
	for rows.Next() {
		var b Book
		if err := rows.Scan(&b.ID, &b.Title, &b.Author); err != nil {
			return nil, err
		}
		out = append(out, b)
	}
	return out, rows.Err()
}
