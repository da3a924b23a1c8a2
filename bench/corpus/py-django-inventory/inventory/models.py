from django.db import models


class Item(models.Model):
    sku = models.CharField(max_length=32, unique=True)
    name = models.CharField(max_length=200)
    quantity = models.IntegerField(default=0)
    warehouse = models.CharField(max_length=16, db_index=True)

    def __str__(self):
        return f"{self.sku} ({self.quantity})"
