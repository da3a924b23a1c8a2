import boto3

from media import settings

# expect: hardcoded-secret
_legacy_s3 = boto3.client(
    "s3",
    region_name="us-east-1",
    aws_access_key_id="AKIAIOSFODNN7EXAMPLE",
    aws_secret_access_key="wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
)


class MediaStore:
    def __init__(self):
        # ok: hardcoded-secret
        self.s3 = boto3.client("s3", region_name=settings.AWS_REGION)
        self.bucket = settings.MEDIA_BUCKET

    async def presigned_url(self, media_id: str) -> str:
        return self.s3.generate_presigned_url(
            "get_object", Params={"Bucket": self.bucket, "Key": f"media/{media_id}"}, ExpiresIn=900
        )

    async def thumbnail_url(self, media_id: str) -> str:
        return self.s3.generate_presigned_url(
            "get_object", Params={"Bucket": self.bucket, "Key": f"thumbs/{media_id}.jpg"}, ExpiresIn=900
        )

    async def start_upload(self, filename: str, content_type: str) -> dict:
        key = f"incoming/{filename}"
        return self.s3.generate_presigned_post(self.bucket, key, Fields={"Content-Type": content_type})

    def copy_from_legacy(self, key: str) -> None:
        obj = _legacy_s3.get_object(Bucket="media-legacy", Key=key)
        self.s3.put_object(Bucket=self.bucket, Key=key, Body=obj["Body"].read())
