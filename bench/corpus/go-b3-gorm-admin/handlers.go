package main

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"
	"gorm.io/driver/postgres"
	"gorm.io/gorm"
)

func main() {
	db, err := gorm.Open(postgres.Open("host=localhost user=admin dbname=admin"), &gorm.Config{})
	if err != nil {
		panic(err)
	}
	s := &Store{db: db}
	r := gin.Default()
	admin := r.Group("/admin")

	admin.GET("/users", func(c *gin.Context) {
		team, _ := strconv.ParseUint(c.Query("team"), 10, 32)
		users, err := s.Search(c.Query("q"), c.Query("status"), uint(team))
		if err != nil {
			c.JSON(http.StatusInternalServerError, gin.H{"error": err.Error()})
			return
		}
		c.JSON(http.StatusOK, users)
	})

	admin.GET("/users/find", func(c *gin.Context) {
		users, _ := s.QuickFind(c.Query("term"))
		c.JSON(http.StatusOK, users)
	})

	admin.PUT("/users/:id/role", func(c *gin.Context) {
		id, _ := strconv.ParseUint(c.Param("id"), 10, 32)
		if err := s.SetRole(uint(id), c.PostForm("role")); err != nil {
			c.JSON(http.StatusBadRequest, gin.H{"error": err.Error()})
			return
		}
		c.Status(http.StatusNoContent)
	})

	admin.POST("/users/status", func(c *gin.Context) {
		var body struct {
			IDs    []uint `json:"ids"`
			Status string `json:"status"`
		}
		if err := c.ShouldBindJSON(&body); err != nil {
			c.JSON(http.StatusBadRequest, gin.H{"error": err.Error()})
			return
		}
		_ = s.SetStatus(body.IDs, body.Status)
		c.Status(http.StatusNoContent)
	})

	admin.GET("/reports/teams", func(c *gin.Context) {
		out, _ := s.TeamReport(c.Query("ids"))
		c.JSON(http.StatusOK, out)
	})

	admin.GET("/reports/signups", func(c *gin.Context) {
		days, _ := strconv.Atoi(c.DefaultQuery("days", "30"))
		out, _ := s.SignupsByDay(days)
		c.JSON(http.StatusOK, out)
	})

	admin.GET("/audit", func(c *gin.Context) {
		actor, _ := strconv.ParseUint(c.Query("actor"), 10, 32)
		actions := strings.Split(c.Query("actions"), ",")
		logs, _ := s.AuditFor(uint(actor), actions)
		c.JSON(http.StatusOK, logs)
	})

	admin.GET("/audit/since", func(c *gin.Context) {
		logs, _ := s.AuditSince(c.Query("since"))
		c.JSON(http.StatusOK, logs)
	})

	admin.GET("/users/export", func(c *gin.Context) {
		var rows []map[string]any
		sortCol := c.DefaultQuery("sort", "id")
		// expect: sql-injection
		db.Raw("SELECT id, email, role FROM users ORDER BY " + sortCol).Scan(&rows)
		c.JSON(http.StatusOK, rows)
	})

	r.Run(":8081")
}
