from django.contrib import admin

from registry.models import Kbli


@admin.register(Kbli)
class KbliAdmin(admin.ModelAdmin):
    list_display = ["code", "title", "level", "version"]
    list_filter = ["version", "level"]
    search_fields = ["code", "title"]
    raw_id_fields = ["parent"]
