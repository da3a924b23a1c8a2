module github.com/acme/gateway

go 1.22

require (
	github.com/go-chi/chi/v5 v5.0.14
	github.com/go-chi/cors v1.2.1
)
