from django.conf import settings
from django.db import models


class Post(models.Model):
    title = models.CharField(max_length=200)
    body = models.TextField()
    tags = models.CharField(max_length=200, blank=True)
    status = models.CharField(max_length=20, default="draft")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    published = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-published"]

    def __str__(self):
        return self.title
