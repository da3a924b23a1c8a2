package main

import (
	"fmt"
	"strings"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

type Task struct {
	ID        uint       `gorm:"primaryKey" json:"id"`
	ProjectID uint       `json:"project_id"`
	Title     string     `json:"title"`
	State     string     `json:"state"`
	Priority  int        `json:"priority"`
	Assignee  string     `json:"assignee"`
	DueAt     *time.Time `json:"due_at"`
	CreatedAt time.Time  `json:"created_at"`
}

var orderable = map[string]bool{"priority": true, "due_at": true, "created_at": true, "title": true}

type TaskRepo struct {
	db *gorm.DB
}

func (r *TaskRepo) ByProject(projectID uint, state, sort string, desc bool) ([]Task, error) {
	var tasks []Task
	q := r.db.Where("project_id = ?", projectID)
	if state != "" {
		// ok: sql-injection
		q = q.Where("state = ?", state)
	}
	if !orderable[sort] {
		sort = "created_at"
	}
	q = q.Order(clause.OrderByColumn{Column: clause.Column{Name: sort}, Desc: desc})
	err := q.Find(&tasks).Error
	return tasks, err
}

func (r *TaskRepo) Search(projectID uint, text string) ([]Task, error) {
	var tasks []Task
	// expect: sql-injection
	err := r.db.Where(fmt.Sprintf("project_id = %d AND title ILIKE '%%%s%%'", projectID, text)).Find(&tasks).Error
	return tasks, err
}

func (r *TaskRepo) ByAssignees(names []string) ([]Task, error) {
	var tasks []Task
	// ok: sql-injection
	err := r.db.Where("assignee IN ?", names).Order("priority DESC").Find(&tasks).Error
	return tasks, err
}

func (r *TaskRepo) Overdue(projectID uint, graceDays string) ([]Task, error) {
	var tasks []Task
	// expect: sql-injection
	err := r.db.Raw("SELECT * FROM tasks WHERE project_id = ? AND due_at < now() - interval '"+graceDays+" days'", projectID).
		Scan(&tasks).Error
	return tasks, err
}

func (r *TaskRepo) Burndown(projectID uint, since time.Time) ([]map[string]interface{}, error) {
	var out []map[string]interface{}
	// ok: sql-injection
	err := r.db.Raw(`
		SELECT date_trunc('day', created_at) AS day,
		       count(*) FILTER (WHERE state = 'done') AS done,
		       count(*) AS total
		  FROM tasks
		 WHERE project_id = ? AND created_at >= ?
		 GROUP BY 1 ORDER BY 1`, projectID, since).Scan(&out).Error
	return out, err
}

func (r *TaskRepo) BulkUpdate(ids []uint, fields map[string]string) error {
	sets := make([]string, 0, len(fields))
	for col, val := range fields {
		sets = append(sets, fmt.Sprintf("%s = '%s'", col, val))
	}
	sql := "UPDATE tasks SET " + strings.Join(sets, ", ") + " WHERE id IN ?"
	// expect: sql-injection
	return r.db.Exec(sql, ids).Error
}

func (r *TaskRepo) Reassign(from, to string) (int64, error) {
	// ok: sql-injection
	res := r.db.Model(&Task{}).Where("assignee = ?", from).Update("assignee", to)
	return res.RowsAffected, res.Error
}

func (r *TaskRepo) Archive(before time.Time) error {
	return r.db.Transaction(func(tx *gorm.DB) error {
		// ok: sql-injection
		if err := tx.Exec("INSERT INTO tasks_archive SELECT * FROM tasks WHERE state = 'done' AND created_at < ?", before).Error; err != nil {
			return err
		}
		return tx.Where("state = ? AND created_at < ?", "done", before).Delete(&Task{}).Error
	})
}
