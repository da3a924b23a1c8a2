module example.com/tickets

go 1.22

require (
	github.com/labstack/echo/v4 v4.11.4
	gorm.io/driver/postgres v1.5.4
	gorm.io/gorm v1.25.5
)
