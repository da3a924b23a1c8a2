module github.com/example/bookstore

go 1.21

require (
	github.com/gin-contrib/cors v1.5.0
	github.com/gin-gonic/gin v1.9.1
	github.com/lib/pq v1.10.9
)
