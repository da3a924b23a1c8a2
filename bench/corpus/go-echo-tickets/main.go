package main

import (
	"fmt"
	"net/http"
	"os"
	"strings"

	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"
	// expect: unknown-dependency
	"github.com/redis/go-redis/v9"
	"gorm.io/driver/postgres"
	"gorm.io/gorm"
)

type Ticket struct {
	ID       uint   `json:"id"`
	Title    string `json:"title"`
	Assignee string `json:"assignee"`
	Status   string `json:"status"`
}

func main() {
	db, err := gorm.Open(postgres.Open(os.Getenv("DATABASE_DSN")), &gorm.Config{})
	if err != nil {
		panic(err)
	}
	cache := redis.NewClient(&redis.Options{Addr: os.Getenv("REDIS_ADDR"), Password: os.Getenv("REDIS_PASSWORD")})
	_ = cache

	e := echo.New()
	e.Use(middleware.Logger())
	// ok: permissive-cors
	e.Use(middleware.CORSWithConfig(middleware.CORSConfig{
		AllowOrigins:     strings.Split(os.Getenv("ALLOWED_ORIGINS"), ","),
		AllowCredentials: true,
	}))

	public := e.Group("/public")
	// expect: permissive-cors
	public.Use(middleware.CORS())

	public.GET("/tickets/:id", func(c echo.Context) error {
		var t Ticket
		// ok: sql-injection
		if err := db.First(&t, "id = ?", c.Param("id")).Error; err != nil {
			return c.NoContent(http.StatusNotFound)
		}
		return c.JSON(http.StatusOK, t)
	})

	e.GET("/tickets", func(c echo.Context) error {
		var tickets []Ticket
		q := db.Model(&Ticket{})
		if status := c.QueryParam("status"); status != "" {
			// ok: sql-injection
			q = q.Where("status = ?", status)
		}
		if assignee := c.QueryParam("assignee"); assignee != "" {
			// expect: sql-injection
			q = q.Where(fmt.Sprintf("assignee = '%s'", assignee))
		}
		q.Find(&tickets)
		return c.JSON(http.StatusOK, tickets)
	})

	e.GET("/tickets/stats", func(c echo.Context) error {
		var out []map[string]interface{}
		groupBy := c.QueryParam("by")
		// expect: sql-injection
		db.Raw("SELECT " + groupBy + ", count(*) FROM tickets GROUP BY " + groupBy).Scan(&out)
		return c.JSON(http.StatusOK, out)
	})

	e.POST("/tickets/:id/close", func(c echo.Context) error {
		// ok: sql-injection
		db.Exec("UPDATE tickets SET status = 'closed' WHERE id = ?", c.Param("id"))
		return c.NoContent(http.StatusNoContent)
	})

	e.Logger.Fatal(e.Start(":8081"))
}
