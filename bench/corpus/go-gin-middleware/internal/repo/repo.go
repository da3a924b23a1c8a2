package repo

import (
	"context"
	"database/sql"
	"fmt"
	"net/http"

	"github.com/gin-gonic/gin"
	"github.com/jackc/pgx/v5/pgxpool"
)

type Repo struct {
	pool   *pgxpool.Pool
	legacy *sql.DB
}

func New(pool *pgxpool.Pool, legacy *sql.DB) *Repo { return &Repo{pool: pool, legacy: legacy} }

func (r *Repo) List(c *gin.Context) {
	status := c.Query("status")
	// expect: sql-injection
	rows, err := r.pool.Query(c, fmt.Sprintf("SELECT id, total FROM orders WHERE status = '%s'", status))
	if err != nil {
		c.AbortWithStatus(http.StatusInternalServerError)
		return
	}
	defer rows.Close()
	var out []map[string]any
	for rows.Next() {
		var id int64
		var total float64
		rows.Scan(&id, &total)
		out = append(out, map[string]any{"id": id, "total": total})
	}
	c.JSON(http.StatusOK, out)
}

func (r *Repo) Archive(ctx context.Context, table string, before string) error {
	// expect: sql-injection
	stmt, err := r.legacy.PrepareContext(ctx, "DELETE FROM "+table+" WHERE created < '"+before+"'")
	if err != nil {
		return err
	}
	defer stmt.Close()
	_, err = stmt.ExecContext(ctx)
	return err
}

func (r *Repo) Count(ctx context.Context, status string) (int, error) {
	var n int
	// ok: sql-injection
	err := r.legacy.QueryRowContext(ctx, "SELECT COUNT(*) FROM orders WHERE status = ?", status).Scan(&n)
	return n, err
}

func (r *Repo) Move(ctx context.Context, id int64, status string) error {
	tx, err := r.legacy.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	query := "UPDATE orders SET status = '" + status + "'"
	query += fmt.Sprintf(" WHERE id = %d", id)
	// expect: sql-injection
	if _, err := tx.ExecContext(ctx, query); err != nil {
		return err
	}
	return tx.Commit()
}
