terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.31"
    }
  }
}

resource "aws_s3_bucket" "assets" {
  bucket = "example-site-assets"
}

resource "aws_s3_bucket_cors_configuration" "assets" {
  bucket = aws_s3_bucket.assets.id

  cors_rule {
    allowed_methods = ["GET", "HEAD"]
    # expect: permissive-cors
    allowed_origins = ["*"]
    max_age_seconds = 3000
  }
}

resource "aws_db_instance" "site" {
  identifier        = "site-db"
  engine            = "postgres"
  instance_class    = "db.t4g.micro"
  allocated_storage = 20
  username          = "site"
  # expect: hardcoded-secret
  password          = "Terr4form-S1te-Db!"
}

resource "aws_db_instance" "replica" {
  identifier          = "site-db-replica"
  replicate_source_db = aws_db_instance.site.identifier
  instance_class      = "db.t4g.micro"
  # ok: hardcoded-secret
  password            = var.db_password
}

variable "db_password" {
  type      = string
  sensitive = true
}
