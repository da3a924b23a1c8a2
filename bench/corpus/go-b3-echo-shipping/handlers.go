package main

import (
	"database/sql"
	"net/http"

	"github.com/labstack/echo/v4"
)

type handlers struct {
	db *sql.DB
}

type shipment struct {
	ID      string `json:"id"`
	Status  string `json:"status"`
	Carrier string `json:"carrier"`
}

func (h *handlers) getShipment(c echo.Context) error {
	var s shipment
	err := h.db.QueryRowContext(c.Request().Context(),
		"SELECT id, status, carrier FROM shipments WHERE id = $1", c.Param("id")).
		Scan(&s.ID, &s.Status, &s.Carrier)
	if err == sql.ErrNoRows {
		return echo.NewHTTPError(http.StatusNotFound)
	}
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, s)
}

func (h *handlers) track(c echo.Context) error {
	var status string
	err := h.db.QueryRowContext(c.Request().Context(),
		"SELECT status FROM shipments WHERE tracking_code = $1", c.Param("code")).Scan(&status)
	if err != nil {
		return echo.NewHTTPError(http.StatusNotFound)
	}
	return c.JSON(http.StatusOK, map[string]string{"status": status})
}

func (h *handlers) cancel(c echo.Context) error {
	_, err := h.db.ExecContext(c.Request().Context(),
		"UPDATE shipments SET status = 'cancelled' WHERE id = $1", c.Param("id"))
	if err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}

func (h *handlers) carrierEvent(c echo.Context) error {
	return c.NoContent(http.StatusAccepted)
}

func (h *handlers) manifest(c echo.Context) error {
	return c.JSON(http.StatusOK, map[string]string{"manifest": "pending"})
}
