package main

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
)

const entriesTable = "ledger_entries"

var sortColumns = map[string]string{
	"newest": "created_at DESC",
	"amount": "amount DESC",
	"oldest": "created_at ASC",
}

var ErrInsufficientFunds = errors.New("insufficient funds")

type Ledger struct {
	db *sql.DB
}

type Entry struct {
	ID        int64
	AccountID int64
	Amount    int64
	Memo      string
	CreatedAt time.Time
}

type EntryFilter struct {
	AccountID int64
	Memo      string
	Since     string
	Sort      string
	Limit     int
}

func (l *Ledger) Transfer(ctx context.Context, from, to, amount int64, memo string) error {
	tx, err := l.db.BeginTx(ctx, &sql.TxOptions{Isolation: sql.LevelSerializable})
	if err != nil {
		return err
	}
	defer tx.Rollback()

	var balance int64
	// ok: sql-injection
	if err := tx.QueryRowContext(ctx, "SELECT balance FROM accounts WHERE id = $1 FOR UPDATE", from).Scan(&balance); err != nil {
		return err
	}
	if balance < amount {
		return ErrInsufficientFunds
	}
	insert := "INSERT INTO " + entriesTable + " (account_id, amount, memo) VALUES ($1, $2, $3)"
	// ok: sql-injection
	if _, err := tx.ExecContext(ctx, insert, from, -amount, memo); err != nil {
		return err
	}
	// ok: sql-injection
	if _, err := tx.ExecContext(ctx, insert, to, amount, memo); err != nil {
		return err
	}
	// ok: sql-injection
	if _, err := tx.ExecContext(ctx, "UPDATE accounts SET balance = balance - $1 WHERE id = $2", amount, from); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, "UPDATE accounts SET balance = balance + $1 WHERE id = $2", amount, to); err != nil {
		return err
	}
	return tx.Commit()
}

func (l *Ledger) Entries(ctx context.Context, f EntryFilter) ([]Entry, error) {
	var sb strings.Builder
	args := []any{f.AccountID}
	sb.WriteString("SELECT id, account_id, amount, memo, created_at FROM " + entriesTable + " WHERE account_id = $1")
	if f.Memo != "" {
		args = append(args, "%"+f.Memo+"%")
		sb.WriteString(fmt.Sprintf(" AND memo ILIKE $%d", len(args)))
	}
	if f.Since != "" {
		args = append(args, f.Since)
		fmt.Fprintf(&sb, " AND created_at >= $%d", len(args))
	}
	order, ok := sortColumns[f.Sort]
	if !ok {
		order = sortColumns["newest"]
	}
	sb.WriteString(" ORDER BY " + order)
	args = append(args, f.Limit)
	fmt.Fprintf(&sb, " LIMIT $%d", len(args))

	// ok: sql-injection
	rows, err := l.db.QueryContext(ctx, sb.String(), args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Entry
	for rows.Next() {
		var e Entry
		if err := rows.Scan(&e.ID, &e.AccountID, &e.Amount, &e.Memo, &e.CreatedAt); err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

func (l *Ledger) SearchMemo(ctx context.Context, accountID int64, memo string) (*sql.Rows, error) {
	var sb strings.Builder
	sb.WriteString("SELECT id, amount, memo FROM " + entriesTable)
	fmt.Fprintf(&sb, " WHERE account_id = %d", accountID)
	if memo != "" {
		sb.WriteString(" AND memo LIKE '%" + memo + "%'")
	}
	// expect: sql-injection
	return l.db.QueryContext(ctx, sb.String())
}

func (l *Ledger) Balances(ctx context.Context, ids []int64) (*sql.Rows, error) {
	marks := make([]string, len(ids))
	args := make([]any, len(ids))
	for i, id := range ids {
		marks[i] = fmt.Sprintf("$%d", i+1)
		args[i] = id
	}
	query := fmt.Sprintf("SELECT id, balance FROM accounts WHERE id IN (%s)", strings.Join(marks, ", "))
	// ok: sql-injection
	return l.db.QueryContext(ctx, query, args...)
}

func (l *Ledger) RegionTotals(ctx context.Context, region string) (int64, error) {
	var total int64
	query := fmt.Sprintf("SELECT COALESCE(SUM(amount), 0) FROM %s_%s", entriesTable, region)
	// expect: sql-injection
	err := l.db.QueryRowContext(ctx, query).Scan(&total)
	return total, err
}

func (l *Ledger) Reverse(ctx context.Context, entryIDs string, reason string) error {
	conn, err := l.db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	// expect: sql-injection
	_, err = conn.ExecContext(ctx, "UPDATE "+entriesTable+" SET reversed = true, memo = memo || $1 WHERE id IN ("+entryIDs+")", " reversed: "+reason)
	return err
}
