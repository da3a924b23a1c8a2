terraform {
  required_version = ">= 1.6"
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.50"
    }
  }
}

provider "aws" {
  region = var.region
  # expect: hardcoded-secret
  access_key = "AKIAIOSFODNN7EXAMPLE"
  # expect: hardcoded-secret
  secret_key = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
}

variable "region" {
  type    = string
  default = "eu-west-1"
}

variable "app_origins" {
  type    = list(string)
  default = ["https://www.acme.io", "https://app.acme.io"]
}

variable "db_password" {
  type      = string
  sensitive = true
}

resource "aws_s3_bucket" "assets" {
  bucket = "acme-static-assets"
}

resource "aws_s3_bucket_cors_configuration" "assets" {
  bucket = aws_s3_bucket.assets.id

  cors_rule {
    allowed_methods = ["GET", "HEAD"]
    # ok: permissive-cors
    allowed_origins = var.app_origins
    # ok: permissive-cors
    allowed_headers = ["*"]
    max_age_seconds = 3600
  }
}

resource "aws_s3_bucket" "user_uploads" {
  bucket = "acme-user-uploads"
}

resource "aws_s3_bucket_cors_configuration" "user_uploads" {
  bucket = aws_s3_bucket.user_uploads.id

  cors_rule {
    allowed_methods = ["GET", "PUT", "POST"]
    # expect: permissive-cors
    allowed_origins = ["*"]
    allowed_headers = ["*"]
  }
}

resource "aws_cloudfront_response_headers_policy" "fonts" {
  name = "fonts-cors"

  cors_config {
    access_control_allow_credentials = false
    access_control_allow_headers {
      items = ["*"]
    }
    access_control_allow_methods {
      items = ["GET", "HEAD"]
    }
    access_control_allow_origins {
      # ok: permissive-cors
      items = ["https://www.acme.io", "https://docs.acme.io"]
    }
    origin_override = true
  }
}

resource "aws_apigatewayv2_api" "forms" {
  name          = "forms"
  protocol_type = "HTTP"

  cors_configuration {
    allow_credentials = false
    allow_methods     = ["POST", "OPTIONS"]
    # expect: permissive-cors
    allow_origins     = ["*"]
  }
}

resource "aws_db_instance" "cms" {
  identifier        = "cms"
  engine            = "postgres"
  engine_version    = "16.3"
  instance_class    = "db.t4g.micro"
  allocated_storage = 20
  username          = "cms"
  # ok: hardcoded-secret
  password          = var.db_password
}

resource "aws_db_instance" "analytics" {
  identifier        = "analytics"
  engine            = "postgres"
  engine_version    = "16.3"
  instance_class    = "db.t4g.micro"
  allocated_storage = 50
  username          = "analytics"
  # expect: hardcoded-secret
  password          = "An4lyt1cs-Db-2024!"
}
