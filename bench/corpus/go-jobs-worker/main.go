package main

import (
	"context"
	"log"
	"os"
	"time"

	"example.com/jobs/internal/jobs"
	"github.com/jackc/pgx/v5/pgxpool"
)

// ok: hardcoded-secret
const passwordEnvVar = "JOBS_DB_PASSWORD"

func main() {
	ctx := context.Background()
	pool, err := pgxpool.New(ctx, os.Getenv("JOBS_DATABASE_URL"))
	if err != nil {
		log.Fatal(err)
	}
	defer pool.Close()

	runner := jobs.NewRunner(4)
	for {
		rows, err := pool.Query(ctx, "SELECT id, kind, payload FROM jobs WHERE state = 'queued' ORDER BY id LIMIT $1", 20)
		if err != nil {
			log.Printf("poll failed: %v", err)
			time.Sleep(5 * time.Second)
			continue
		}
		for rows.Next() {
			var j jobs.Job
			if err := rows.Scan(&j.ID, &j.Kind, &j.Payload); err != nil {
				log.Print(err)
				continue
			}
			// ok: sql-injection
			runner.Exec(ctx, j)
			// ok: sql-injection
			if _, err := pool.Exec(ctx, "UPDATE jobs SET state = 'running' WHERE id = $1", j.ID); err != nil {
				log.Print(err)
			}
		}
		rows.Close()
		time.Sleep(time.Second)
	}
}
