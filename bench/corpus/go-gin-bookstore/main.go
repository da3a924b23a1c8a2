package main

import (
	"database/sql"
	"log"
	"net/http"
	"os"
	"strconv"

	"github.com/example/bookstore/internal/store"
	"github.com/gin-contrib/cors"
	"github.com/gin-gonic/gin"
	_ "github.com/lib/pq"
)

func main() {
	dsn := os.Getenv("DATABASE_URL")
	if dsn == "" {
		// expect: hardcoded-secret
		dsn = "postgres://bookstore:Bo0kSt0re!2024@db.internal.example.com:5432/bookstore?sslmode=disable"
	}
	db, err := sql.Open("postgres", dsn)
	if err != nil {
		log.Fatal(err)
	}
	books := store.New(db)

	r := gin.Default()
	// expect: permissive-cors
	r.Use(cors.Default())

	r.GET("/books", func(c *gin.Context) {
		list, err := books.Search(c.Query("q"), c.DefaultQuery("sort", "title"))
		if err != nil {
			c.JSON(http.StatusInternalServerError, gin.H{"error": err.Error()})
			return
		}
		c.JSON(http.StatusOK, list)
	})

	r.GET("/books/:id", func(c *gin.Context) {
		id, err := strconv.Atoi(c.Param("id"))
		if err != nil {
			c.Status(http.StatusBadRequest)
			return
		}
		book, err := books.ByID(id)
		if err != nil {
			c.Status(http.StatusNotFound)
			return
		}
		c.JSON(http.StatusOK, book)
	})

	r.GET("/authors/:name/books", func(c *gin.Context) {
		list, err := books.ByAuthor(c.Param("name"))
		if err != nil {
			c.Status(http.StatusInternalServerError)
			return
		}
		c.JSON(http.StatusOK, list)
	})

	log.Fatal(r.Run(":8080"))
}
