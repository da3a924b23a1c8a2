package main

import (
	"database/sql"
	"fmt"
	"os"

	_ "github.com/lib/pq"
)

// ok: hardcoded-secret
const dsnEnv = "SHIPPING_DATABASE_URL"

func openDB() (*sql.DB, error) {
	if dsn := os.Getenv(dsnEnv); dsn != "" {
		// ok: hardcoded-secret
		return sql.Open("postgres", dsn)
	}
	// Fallback for the staging box.
	// expect: hardcoded-secret
	return sql.Open("postgres", "postgres://shipping:Sh1pm3nts-St4ging@db.staging.internal:5432/shipping?sslmode=disable")
}

func openReportingDB() (*sql.DB, error) {
	dsn := fmt.Sprintf("host=%s port=5432 user=%s password=%s dbname=reporting sslmode=require",
		os.Getenv("REPORT_DB_HOST"), os.Getenv("REPORT_DB_USER"), os.Getenv("REPORT_DB_PASSWORD"))
	// ok: hardcoded-secret
	return sql.Open("postgres", dsn)
}

func openLocalDB() (*sql.DB, error) {
	// ok: hardcoded-secret
	return sql.Open("postgres", "postgres://localhost:5432/shipping_dev?sslmode=disable")
}
