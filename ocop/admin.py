"""The back office of third-party apps, made as sturdy as ours (ocop sits above every app)."""

from axes.admin import AccessAttemptAdmin, AccessFailureLogAdmin, AccessLogAdmin
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin

from ocop.admin_helpers import SafeDateHierarchyMixin

for model, model_admin in [(AccessAttempt, AccessAttemptAdmin), (AccessLog, AccessLogAdmin),
                           (AccessFailureLog, AccessFailureLogAdmin)]:
    if admin.site.is_registered(model):
        admin.site.unregister(model)
        admin.site.register(model, type(model_admin.__name__, (SafeDateHierarchyMixin, model_admin), {}))
