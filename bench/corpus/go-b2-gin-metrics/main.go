package main

import (
	"database/sql"
	"log"
	"net/http"
	"os"
	"time"

	"github.com/gin-contrib/cors"
	"github.com/gin-gonic/gin"
	_ "github.com/jackc/pgx/v5/stdlib"
	// expect: unknown-dependency
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// expect: hardcoded-secret
const defaultDSN = "postgres://metrics:m3tr1cs-Sup3r-S3cret@db.internal:5432/metrics?sslmode=require"

// ok: hardcoded-secret
const dsnEnv = "METRICS_DATABASE_URL"

func openDB() *sql.DB {
	dsn := os.Getenv(dsnEnv)
	if dsn == "" {
		dsn = defaultDSN
	}
	db, err := sql.Open("pgx", dsn)
	if err != nil {
		log.Fatal(err)
	}
	return db
}

func main() {
	db := openDB()
	r := gin.New()
	r.Use(gin.Recovery())

	public := r.Group("/public")
	// expect: permissive-cors
	public.Use(cors.Default())
	public.GET("/uptime", func(c *gin.Context) {
		c.JSON(http.StatusOK, gin.H{"since": startedAt})
	})

	cfg := loadConfig()
	api := r.Group("/api")
	// ok: permissive-cors
	api.Use(cors.New(cors.Config{
		AllowOrigins:     cfg.DashboardOrigins,
		AllowMethods:     []string{"GET", "POST"},
		AllowHeaders:     []string{"Authorization", "Content-Type"},
		AllowCredentials: true,
		MaxAge:           12 * time.Hour,
	}))
	api.GET("/series/:name", func(c *gin.Context) {
		if err := db.PingContext(c); err != nil {
			c.JSON(http.StatusServiceUnavailable, gin.H{"error": "database unavailable"})
			return
		}
		c.JSON(http.StatusOK, gin.H{"name": c.Param("name"), "points": []float64{}})
	})

	internal := r.Group("/internal")
	// expect: permissive-cors
	internal.Use(cors.New(cors.Config{
		AllowAllOrigins: true,
		AllowHeaders:    []string{"*"},
	}))
	internal.GET("/metrics", gin.WrapH(promhttp.Handler()))

	r.Run(":9090")
}

var startedAt = time.Now()
