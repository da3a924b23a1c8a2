module github.com/example/orders-api

go 1.22

require (
	github.com/gin-contrib/cors v1.5.0
	github.com/gin-gonic/gin v1.9.1
	github.com/go-chi/cors v1.2.1
	github.com/go-sql-driver/mysql v1.7.1
	github.com/gorilla/handlers v1.5.2
	github.com/jackc/pgx/v5 v5.5.1
)
