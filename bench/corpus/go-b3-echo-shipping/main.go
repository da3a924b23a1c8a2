package main

import (
	"log"
	"net/http"
	"os"
	"strings"

	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"
)

func main() {
	db, err := openDB()
	if err != nil {
		log.Fatalf("db: %v", err)
	}
	defer db.Close()

	e := echo.New()
	e.Use(middleware.Logger())
	e.Use(middleware.Recover())
	// expect: permissive-cors
	e.Use(middleware.CORS())

	h := &handlers{db: db}
	e.GET("/shipments/:id", h.getShipment)
	e.GET("/tracking/:code", h.track)

	admin := e.Group("/admin")
	// ok: permissive-cors
	admin.Use(middleware.CORSWithConfig(middleware.CORSConfig{
		AllowOrigins:     strings.Split(os.Getenv("ADMIN_ORIGINS"), ","),
		AllowMethods:     []string{http.MethodGet, http.MethodPost, http.MethodDelete},
		AllowCredentials: true,
	}))
	admin.POST("/shipments/:id/cancel", h.cancel)

	carriers := e.Group("/carriers")
	// expect: permissive-cors
	carriers.Use(middleware.CORSWithConfig(middleware.CORSConfig{
		AllowOrigins: []string{"*"},
		AllowHeaders: []string{echo.HeaderOrigin, echo.HeaderContentType, echo.HeaderAuthorization},
	}))
	carriers.POST("/events", h.carrierEvent)

	partners := e.Group("/partners")
	// ok: permissive-cors
	partners.Use(middleware.CORSWithConfig(middleware.CORSConfig{
		AllowOrigins: []string{"https://portal.shipfast.example.com", "https://ops.shipfast.example.com"},
	}))
	partners.GET("/manifest", h.manifest)

	e.Logger.Fatal(e.Start(":8080"))
}
