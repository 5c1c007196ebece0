"""The task queue, the workers and the periodic jobs in the admin: for superusers only.

The Redaktion edits content; what the background machinery does is the operators' business (and a task's
arguments or traceback may show things an editor need not see). So these pages check `is_superuser`, not model
permissions: a staff user who was given „view“ on them still gets 403.
"""

from django.contrib import admin, messages
from django.tasks import TaskResultStatus
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_tasks_db.admin import DBTaskResultAdmin
from django_tasks_db.models import DBTaskResult

from emscher_portal.core.models import PeriodicJob, TaskWorker


class SuperuserOnlyMixin:
    # Machinery, not content: the Redaktion rule (core.permissions) grants nothing here.
    redaktion_permissions = ()

    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class TaskResultAdmin(SuperuserOnlyMixin, DBTaskResultAdmin):
    """django-tasks-db's list of tasks, with attempts and the reason a task failed (a lost worker included)."""

    list_display = ["task_name", "status", "attempts", "failure", "enqueued_at"]
    list_display_links = ["task_name"]
    list_filter = ["status", "queue_name"]
    search_fields = ["task_path", "exception_class_path"]
    actions = ["requeue"]

    @admin.display(description=_("Versuche"))
    def attempts(self, obj):
        return len(obj.worker_ids)

    @admin.display(description=_("Fehler"))
    def failure(self, obj):
        return obj.exception_class_path.rsplit(".", 1)[-1] if obj.exception_class_path else ""

    # The library's admin allows no change; re-queueing a failed task is the one write (and only superusers get here).
    @admin.action(description=_("Fehlgeschlagene Tasks erneut einreihen"))
    def requeue(self, request, queryset):
        # With fresh attempts: the count of lost workers starts again.
        count = queryset.filter(status=TaskResultStatus.FAILED).update(
            status=TaskResultStatus.READY,
            started_at=None,
            finished_at=None,
            worker_ids=[],
            exception_class_path="",
            traceback="",
        )
        self.message_user(
            request,
            ngettext("%(count)d Task erneut eingereiht.", "%(count)d Tasks erneut eingereiht.", count)
            % {"count": count},
            messages.SUCCESS,
        )


class TaskWorkerAdmin(SuperuserOnlyMixin, admin.ModelAdmin):
    list_display = ["worker_id", "hostname", "pid", "started_at", "seen_at", "picked_up_at"]


class PeriodicJobAdmin(SuperuserOnlyMixin, admin.ModelAdmin):
    list_display = ["name", "last_started_at", "last_succeeded", "running_worker_id"]
    list_filter = [("last_succeeded", admin.BooleanFieldListFilter)]
    readonly_fields = [
        "name", "running_worker_id", "last_started_at", "last_finished_at", "last_succeeded", "last_result",
    ]  # fmt: skip


def register(site):
    """Put these pages on the admin site, replacing the library's task list (registered when its admin module
    was imported above)."""
    if site.is_registered(DBTaskResult):
        site.unregister(DBTaskResult)
    site.register(DBTaskResult, TaskResultAdmin)
    site.register(TaskWorker, TaskWorkerAdmin)
    site.register(PeriodicJob, PeriodicJobAdmin)
