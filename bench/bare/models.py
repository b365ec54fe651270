from django.db import models


class SignOn(models.Model):
    organization = models.CharField(max_length=200)
    country = models.CharField(max_length=2)
    email = models.EmailField()
    consented_at = models.DateTimeField()

    def __str__(self):
        return self.organization
