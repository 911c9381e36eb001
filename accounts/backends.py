from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Permission

from accounts.roles import ROLE_PERMISSIONS, Role


class RoleBackend(ModelBackend):
    """Username/password login; permissions come from the user's role (and any explicit grants)."""

    def get_all_permissions(self, user_obj, obj=None):
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return set()
        perms = set(super().get_all_permissions(user_obj))
        if user_obj.is_superuser or user_obj.role == Role.ADMIN:
            if not hasattr(user_obj, "_role_all_perms"):
                user_obj._role_all_perms = {
                    f"{app}.{code}"
                    for app, code in Permission.objects.values_list("content_type__app_label", "codename")
                }
            return perms | user_obj._role_all_perms
        return perms | ROLE_PERMISSIONS.get(user_obj.role, set())

    def has_module_perms(self, user_obj, app_label):
        return any(p.startswith(app_label + ".") for p in self.get_all_permissions(user_obj))
