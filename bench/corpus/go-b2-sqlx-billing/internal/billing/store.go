package billing

import (
	"context"
	"fmt"
	"log/slog"
	"strings"
	"time"

	"github.com/jmoiron/sqlx"
)

type Invoice struct {
	ID         int64     `db:"id"`
	CustomerID int64     `db:"customer_id"`
	Number     string    `db:"number"`
	Status     string    `db:"status"`
	TotalCents int64     `db:"total_cents"`
	Currency   string    `db:"currency"`
	IssuedAt   time.Time `db:"issued_at"`
}

const invoiceColumns = "id, customer_id, number, status, total_cents, currency, issued_at"

var sortColumns = map[string]string{
	"issued": "issued_at",
	"total":  "total_cents",
	"number": "number",
}

type Store struct {
	db  *sqlx.DB
	log *slog.Logger
}

func NewStore(db *sqlx.DB, log *slog.Logger) *Store {
	return &Store{db: db, log: log}
}

func (s *Store) Get(ctx context.Context, id int64) (*Invoice, error) {
	var inv Invoice
	// ok: sql-injection
	err := s.db.GetContext(ctx, &inv, "SELECT "+invoiceColumns+" FROM invoices WHERE id = $1", id)
	if err != nil {
		return nil, err
	}
	return &inv, nil
}

type ListParams struct {
	CustomerID int64
	Statuses   []string
	Sort       string
	Desc       bool
	Limit      int
}

func (s *Store) List(ctx context.Context, p ListParams) ([]Invoice, error) {
	query := "SELECT " + invoiceColumns + " FROM invoices WHERE customer_id = ?"
	args := []interface{}{p.CustomerID}
	if len(p.Statuses) > 0 {
		q, inArgs, err := sqlx.In(" AND status IN (?)", p.Statuses)
		if err != nil {
			return nil, err
		}
		query += q
		args = append(args, inArgs...)
	}
	col, ok := sortColumns[p.Sort]
	if !ok {
		col = "issued_at"
	}
	dir := "ASC"
	if p.Desc {
		dir = "DESC"
	}
	query += fmt.Sprintf(" ORDER BY %s %s LIMIT %d", col, dir, p.Limit)
	query = s.db.Rebind(query)
	var out []Invoice
	// ok: sql-injection
	err := s.db.SelectContext(ctx, &out, query, args...)
	return out, err
}

func (s *Store) SearchByNumber(ctx context.Context, prefix string) ([]Invoice, error) {
	var out []Invoice
	query := fmt.Sprintf("SELECT %s FROM invoices WHERE number LIKE '%s%%' ORDER BY number LIMIT 20", invoiceColumns, prefix)
	// expect: sql-injection
	err := s.db.SelectContext(ctx, &out, query)
	return out, err
}

func (s *Store) MarkPaid(ctx context.Context, id int64, paidAt time.Time) error {
	tx, err := s.db.BeginTxx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	// ok: sql-injection
	if _, err := tx.ExecContext(ctx, `UPDATE invoices SET status = 'paid', paid_at = $2 WHERE id = $1`, id, paidAt); err != nil {
		return err
	}
	// ok: sql-injection
	if _, err := tx.NamedExecContext(ctx, `INSERT INTO invoice_events (invoice_id, kind, at) VALUES (:id, 'paid', :at)`,
		map[string]interface{}{"id": id, "at": paidAt}); err != nil {
		return err
	}
	// ok: sql-injection
	s.log.Info(fmt.Sprintf("UPDATE invoices SET status = 'paid' WHERE id = %d", id))
	return tx.Commit()
}

func (s *Store) Totals(ctx context.Context, currency string, groupBy string) (map[string]int64, error) {
	q := "SELECT " + groupBy + " AS k, SUM(total_cents) AS v FROM invoices"
	if currency != "" {
		q += " WHERE currency = '" + strings.ToUpper(currency) + "'"
	}
	q += " GROUP BY " + groupBy
	// expect: sql-injection
	rows, err := s.db.QueryxContext(ctx, q)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]int64{}
	for rows.Next() {
		var k string
		var v int64
		if err := rows.Scan(&k, &v); err != nil {
			return nil, err
		}
		out[k] = v
	}
	return out, rows.Err()
}

func (s *Store) VoidMany(ctx context.Context, ids []int64) (int64, error) {
	marks := make([]string, len(ids))
	args := make([]interface{}, len(ids))
	for i, id := range ids {
		marks[i] = fmt.Sprintf("$%d", i+1)
		args[i] = id
	}
	// ok: sql-injection
	res, err := s.db.ExecContext(ctx, "UPDATE invoices SET status = 'void' WHERE id IN ("+strings.Join(marks, ",")+")", args...)
	if err != nil {
		return 0, err
	}
	return res.RowsAffected()
}

func nowUTC() time.Time { return time.Now().UTC() }
