package jobs

import (
	"context"
	"fmt"
	"log"
	"os/exec"
)

type Job struct {
	ID      int64
	Kind    string
	Payload string
}

type Runner struct {
	slots chan struct{}
}

func NewRunner(n int) *Runner { return &Runner{slots: make(chan struct{}, n)} }

var commands = map[string][]string{
	"vacuum":  {"vacuumdb", "--analyze"},
	"reindex": {"reindexdb"},
}

// Exec runs one job in the background; it is not a database call.
func (r *Runner) Exec(ctx context.Context, j Job) {
	r.slots <- struct{}{}
	go func() {
		defer func() { <-r.slots }()
		args, ok := commands[j.Kind]
		if !ok {
			log.Printf("job %d: unknown kind %q", j.ID, j.Kind)
			return
		}
		// ok: sql-injection
		desc := fmt.Sprintf("SELECT pg_size_pretty(...) -- job %d for %s", j.ID, j.Payload)
		log.Print(desc)
		if err := exec.CommandContext(ctx, args[0], args[1:]...).Run(); err != nil {
			log.Printf("job %d failed: %v", j.ID, err)
		}
	}()
}
