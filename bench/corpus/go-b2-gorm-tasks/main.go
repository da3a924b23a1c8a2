package main

import (
	"context"
	"log"
	"net/http"
	"os"
	"os/exec"
	"strconv"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/redis/go-redis/v9"
	"gorm.io/driver/postgres"
	"gorm.io/gorm"
)

func main() {
	db, err := gorm.Open(postgres.Open(os.Getenv("DATABASE_URL")), &gorm.Config{})
	if err != nil {
		log.Fatal(err)
	}
	if err := db.AutoMigrate(&Task{}); err != nil {
		log.Fatal(err)
	}
	rdb := redis.NewClient(&redis.Options{Addr: os.Getenv("REDIS_ADDR")})
	repo := &TaskRepo{db: db}
	r := gin.Default()

	r.GET("/projects/:id/tasks", func(c *gin.Context) {
		pid, _ := strconv.Atoi(c.Param("id"))
		tasks, err := repo.ByProject(uint(pid), c.Query("state"), c.Query("sort"), c.Query("dir") == "desc")
		respond(c, tasks, err)
	})
	r.GET("/projects/:id/search", func(c *gin.Context) {
		pid, _ := strconv.Atoi(c.Param("id"))
		tasks, err := repo.Search(uint(pid), c.Query("q"))
		respond(c, tasks, err)
	})
	r.GET("/projects/:id/overdue", func(c *gin.Context) {
		pid, _ := strconv.Atoi(c.Param("id"))
		tasks, err := repo.Overdue(uint(pid), c.DefaultQuery("grace", "0"))
		respond(c, tasks, err)
	})
	r.GET("/projects/:id/burndown", func(c *gin.Context) {
		pid, _ := strconv.Atoi(c.Param("id"))
		out, err := repo.Burndown(uint(pid), time.Now().AddDate(0, 0, -30))
		respond(c, out, err)
	})
	r.PATCH("/tasks", func(c *gin.Context) {
		var body struct {
			IDs    []uint            `json:"ids"`
			Fields map[string]string `json:"fields"`
		}
		if err := c.BindJSON(&body); err != nil {
			return
		}
		respond(c, gin.H{"ok": true}, repo.BulkUpdate(body.IDs, body.Fields))
	})
	r.POST("/tasks/:id/watch", func(c *gin.Context) {
		ctx := context.Background()
		pipe := rdb.TxPipeline()
		pipe.SAdd(ctx, "watchers:"+c.Param("id"), c.GetHeader("X-User"))
		pipe.Expire(ctx, "watchers:"+c.Param("id"), 7*24*time.Hour)
		// ok: sql-injection
		_, err := pipe.Exec(ctx)
		respond(c, gin.H{"ok": true}, err)
	})
	r.POST("/admin/backup", func(c *gin.Context) {
		cmd := exec.Command("pg_dump", "--format=custom", "--file=/backups/tasks.dump", "--table=tasks")
		cmd.Env = append(os.Environ(), "PGDATABASE="+os.Getenv("PGDATABASE"))
		respond(c, gin.H{"started": true}, cmd.Start())
	})
	log.Fatal(r.Run(":8080"))
}

func respond(c *gin.Context, v interface{}, err error) {
	if err != nil {
		c.JSON(http.StatusInternalServerError, gin.H{"error": err.Error()})
		return
	}
	c.JSON(http.StatusOK, v)
}
