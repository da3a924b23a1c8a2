from django.db import models


class Account(models.Model):
    name = models.CharField(max_length=200)
    industry = models.CharField(max_length=80, blank=True)
    country = models.CharField(max_length=2)
    owner = models.ForeignKey("auth.User", on_delete=models.SET_NULL, null=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        db_table = "crm_account"

    def __str__(self):
        return self.name


class Contact(models.Model):
    account = models.ForeignKey(Account, related_name="contacts", on_delete=models.CASCADE)
    first_name = models.CharField(max_length=80)
    last_name = models.CharField(max_length=80)
    email = models.EmailField()
    phone = models.CharField(max_length=40, blank=True)

    class Meta:
        db_table = "crm_contact"

    def __str__(self):
        return f"{self.first_name} {self.last_name} <{self.email}>"


class Deal(models.Model):
    account = models.ForeignKey(Account, related_name="deals", on_delete=models.CASCADE)
    title = models.CharField(max_length=200)
    stage = models.CharField(max_length=20)
    value = models.DecimalField(max_digits=12, decimal_places=2)
    expected_close = models.DateField(null=True)

    class Meta:
        db_table = "crm_deal"
        ordering = ["-expected_close"]

    def __str__(self):
        return f"{self.title} ({self.stage})"

    @property
    def is_open(self):
        return self.stage not in ("won", "lost")
