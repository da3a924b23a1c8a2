package main

import (
	"context"
	"database/sql"
	"log"
	"net/http"
	"os"
	"time"

	"github.com/example/orders-api/internal/config"
	"github.com/example/orders-api/internal/repo"
	"github.com/gin-contrib/cors"
	"github.com/gin-gonic/gin"
	chicors "github.com/go-chi/cors"
	_ "github.com/go-sql-driver/mysql"
	"github.com/gorilla/handlers"
	"github.com/jackc/pgx/v5/pgxpool"
)

func CORSMiddleware() gin.HandlerFunc {
	return func(c *gin.Context) {
		// expect: permissive-cors
		c.Writer.Header().Set("Access-Control-Allow-Origin", "*")
		c.Writer.Header().Set("Access-Control-Allow-Methods", "POST, GET, OPTIONS, PUT, DELETE")
		if c.Request.Method == http.MethodOptions {
			c.AbortWithStatus(http.StatusNoContent)
			return
		}
		c.Next()
	}
}

func main() {
	cfg := config.Load()
	// expect: hardcoded-secret
	legacy, err := sql.Open("mysql", "orders:M7sqlOrd3rs!@tcp(legacy-db:3306)/orders?parseTime=true")
	if err != nil {
		log.Fatal(err)
	}
	pool, err := pgxpool.New(context.Background(), os.Getenv("DATABASE_URL"))
	if err != nil {
		log.Fatal(err)
	}
	orders := repo.New(pool, legacy)

	r := gin.New()
	r.Use(CORSMiddleware())
	r.GET("/orders", orders.List)

	partner := gin.New()
	// expect: permissive-cors
	partner.Use(cors.New(cors.Config{AllowAllOrigins: true, AllowMethods: []string{"GET"}}))
	partner.GET("/orders", orders.List)

	admin := gin.New()
	// ok: permissive-cors
	admin.Use(cors.New(cors.Config{AllowOrigins: cfg.AdminOrigins, AllowCredentials: true, MaxAge: 12 * time.Hour}))

	embed := http.NewServeMux()
	embed.HandleFunc("/widget", func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("widget")) })
	// expect: permissive-cors
	widget := chicors.Handler(chicors.Options{AllowedOrigins: []string{"https://*", "http://*"}, AllowCredentials: true})(embed)
	// expect: permissive-cors
	legacyAPI := handlers.CORS(handlers.AllowedOrigins([]string{"*"}))(embed)

	go http.ListenAndServe(":8091", widget)
	go http.ListenAndServe(":8092", legacyAPI)
	go admin.Run(":8093")
	go partner.Run(":8094")
	log.Fatal(r.Run(":8090"))
}
