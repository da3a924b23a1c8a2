#!/usr/bin/env python3
"""Nightly: upload the database dump to S3."""

import datetime
import subprocess

import boto3

BUCKET = "acme-db-backups"

s3 = boto3.client(
    "s3",
    region_name="eu-west-1",
    # expect: hardcoded-secret
    aws_access_key_id="AKIAIOSFODNN7EXAMPLE",
    # expect: hardcoded-secret
    aws_secret_access_key="wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
)


def main() -> None:
    stamp = datetime.date.today().isoformat()
    dump = f"/var/backups/db-{stamp}.sql.gz"
    subprocess.run(["pg_dump", "--format=custom", "--file", dump, "app"], check=True)
    s3.upload_file(dump, BUCKET, f"daily/{stamp}.sql.gz")
    print(f"uploaded {dump} to s3://{BUCKET}/daily/{stamp}.sql.gz")


if __name__ == "__main__":
    main()
