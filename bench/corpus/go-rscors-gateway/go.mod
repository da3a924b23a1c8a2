module example.com/gateway

go 1.21

require (
	github.com/golang-jwt/jwt/v5 v5.2.0
	github.com/rs/cors v1.10.1
)
