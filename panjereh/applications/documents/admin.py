"""Issued documents and their signing keys in the back office (imported by applications/admin.py): read-only,
except revocation (with a reason) and key rotation, which go through the services."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse

from panjereh.applications.documents import signing, verification
from panjereh.applications.models import DocumentKey, IssuedDocument


class RevokeForm(forms.Form):
    reason = forms.CharField(label="دلیل ابطال", max_length=300, widget=forms.Textarea(attrs={"rows": 3}))


class ReadOnlyAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(IssuedDocument)
class IssuedDocumentAdmin(ReadOnlyAdmin):
    list_display = ["id", "title", "citizen", "issued_at", "expires_at", "key", "revoked_at"]
    list_filter = ["kind", "revoked_at"]
    search_fields = ["=id", "=application__tracking_code"]  # whole values, through their indexes
    actions = ["revoke"]

    @admin.action(description="ابطال اسناد انتخاب‌شده (با ذکر دلیل)")
    def revoke(self, request: HttpRequest, queryset: QuerySet[IssuedDocument]) -> HttpResponse | None:
        form = RevokeForm(request.POST if "apply" in request.POST else None)
        if form.is_valid():
            revoked = 0
            for document in queryset.filter(revoked_at__isnull=True):
                verification.document_revoke(
                    document=document, reason=form.cleaned_data["reason"], by=request.user.get_username()
                )
                revoked += 1
            self.message_user(request, f"{revoked} سند باطل شد.", messages.SUCCESS)
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": "ابطال اسناد",
            "documents": queryset,
            "form": form,
            "opts": self.model._meta,
            "action_checkbox_name": ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/applications/revoke_documents.html", context)


@admin.register(DocumentKey)
class DocumentKeyAdmin(ReadOnlyAdmin):
    list_display = ["key_id", "created_at", "retired_at", "revoked_at"]
    actions = ["rotate", "revoke_keys"]

    @admin.action(description="ساخت کلید امضای تازه (کلیدهای پیشین بازنشسته می‌شوند)")
    def rotate(self, request: HttpRequest, queryset: QuerySet[DocumentKey]) -> None:
        key = signing.key_rotate()
        self.message_user(request, f"کلید تازه ساخته شد: {key.key_id}", messages.SUCCESS)

    @admin.action(description="ابطال کلیدهای انتخاب‌شده (اسنادی که امضا کرده‌اند نامعتبر می‌شوند)")
    def revoke_keys(self, request: HttpRequest, queryset: QuerySet[DocumentKey]) -> None:
        for key in queryset:
            verification.key_revoke(key_id=key.key_id)
        self.message_user(request, f"{queryset.count()} کلید باطل شد.", messages.WARNING)
