package main

import (
	"fmt"
	"strings"
	"time"

	"gorm.io/gorm"
)

type User struct {
	ID        uint `gorm:"primaryKey"`
	Email     string
	Name      string
	Role      string
	Status    string
	TeamID    uint
	CreatedAt time.Time
}

type AuditLog struct {
	ID        uint `gorm:"primaryKey"`
	ActorID   uint
	Action    string
	Detail    string
	CreatedAt time.Time
}

const archiveTable = "users_archive"

var statusFilters = map[string]string{
	"active":    "status = 'active'",
	"suspended": "status = 'suspended' AND deleted_at IS NULL",
	"stale":     "last_login_at < now() - interval '90 days'",
}

type Store struct {
	db *gorm.DB
}

func (s *Store) ByEmail(email string) (*User, error) {
	var u User
	// ok: sql-injection
	err := s.db.Where("email = ?", email).First(&u).Error
	return &u, err
}

func (s *Store) Search(q, status string, teamID uint) ([]User, error) {
	tx := s.db.Model(&User{})
	if q != "" {
		// ok: sql-injection
		tx = tx.Where("name ILIKE ? OR email ILIKE ?", "%"+q+"%", "%"+q+"%")
	}
	if clause, ok := statusFilters[status]; ok {
		// ok: sql-injection
		tx = tx.Where(clause)
	}
	if teamID != 0 {
		tx = tx.Where(map[string]any{"team_id": teamID})
	}
	var users []User
	err := tx.Order("created_at DESC").Limit(100).Find(&users).Error
	return users, err
}

func (s *Store) QuickFind(term string) ([]User, error) {
	var users []User
	// expect: sql-injection
	err := s.db.Where(fmt.Sprintf("name LIKE '%%%s%%' OR email LIKE '%%%s%%'", term, term)).Find(&users).Error
	return users, err
}

func (s *Store) SetRole(id uint, role string) error {
	// expect: sql-injection
	return s.db.Exec("UPDATE users SET role = '"+role+"' WHERE id = ?", id).Error
}

func (s *Store) SetStatus(ids []uint, status string) error {
	// ok: sql-injection
	return s.db.Exec("UPDATE users SET status = ? WHERE id IN ?", status, ids).Error
}

func (s *Store) TeamReport(teamIDs string) ([]map[string]any, error) {
	var out []map[string]any
	// expect: sql-injection
	err := s.db.Raw("SELECT team_id, role, count(*) AS n FROM users WHERE team_id IN (" + teamIDs + ") GROUP BY team_id, role").Scan(&out).Error
	return out, err
}

func (s *Store) SignupsByDay(days int) ([]map[string]any, error) {
	var out []map[string]any
	// ok: sql-injection
	err := s.db.Raw(`
		WITH d AS (SELECT generate_series(now() - make_interval(days => ?), now(), '1 day') AS day)
		SELECT d.day::date, count(u.id) FROM d LEFT JOIN users u ON u.created_at::date = d.day::date
		GROUP BY 1 ORDER BY 1`, days).Scan(&out).Error
	return out, err
}

func (s *Store) Archive(before time.Time) error {
	return s.db.Transaction(func(tx *gorm.DB) error {
		// ok: sql-injection
		if err := tx.Exec(fmt.Sprintf("INSERT INTO %s SELECT * FROM users WHERE created_at < ?", archiveTable), before).Error; err != nil {
			return err
		}
		// ok: sql-injection
		return tx.Exec("DELETE FROM users WHERE created_at < ?", before).Error
	})
}

func (s *Store) AuditFor(actor uint, actions []string) ([]AuditLog, error) {
	conds := []string{"actor_id = ?"}
	args := []any{actor}
	if len(actions) > 0 {
		conds = append(conds, "action IN ?")
		args = append(args, actions)
	}
	var logs []AuditLog
	// ok: sql-injection
	err := s.db.Where(strings.Join(conds, " AND "), args...).Order("id DESC").Find(&logs).Error
	return logs, err
}

func (s *Store) AuditSince(since string) ([]AuditLog, error) {
	where := "created_at >= '" + since + "'"
	var logs []AuditLog
	// expect: sql-injection
	err := s.db.Where(where).Find(&logs).Error
	return logs, err
}
