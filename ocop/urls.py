from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from accounts.forms import LoginForm
from products.views import HomeView

# The back office speaks of the registry, not of "Django administration".
admin.site.site_header = _("OCOP registry — back office")
admin.site.site_title = _("Back office")
admin.site.index_title = _("Overview")

urlpatterns = [
    path("", HomeView.as_view(), name="home"),
    path("", include("products.urls")),
    path("", include("evaluation.urls")),
    path("", include("certificates.urls")),
    path("", include("portal.urls")),
    path("accounts/", include("accounts.urls")),
    path("login/", auth_views.LoginView.as_view(authentication_form=LoginForm), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]
if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
