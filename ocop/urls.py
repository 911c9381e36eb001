from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path, register_converter
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csrf import csrf_exempt
from django.views.i18n import set_language

from accounts.forms import LoginForm
from accounts.views import ProfileView
from ocop.converters import IdConverter
from opendata.api import api
from products.views import HomeView

# The back office speaks of the registry, not of "Django administration".
admin.site.site_header = _("OCOP registry — back office")
admin.site.site_title = _("Back office")
admin.site.index_title = _("Overview")

register_converter(IdConverter, "id")  # <id:pk> in the apps' URLs, registered before they are included

urlpatterns = [
    path("", HomeView.as_view(), name="home"),
    path("", include("products.urls")),
    path("", include("evaluation.urls")),
    path("", include("certificates.urls")),
    path("", include("exchange.urls")),
    path("", include("stats.urls")),
    path("", include("opendata.urls")),
    path("", include("programme.urls")),
    path("api/v1/", api.urls),
    path("", include("portal.urls")),
    path("accounts/", include("accounts.urls")),
    path("my/profile/", ProfileView.as_view(), name="profile"),
    path("login/", auth_views.LoginView.as_view(authentication_form=LoginForm), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    # Exempt from CSRF: a language choice touches no data, and the switch on every page then needs no token, which
    # would make each public page personal (ocop/page_cache.py keeps them whole for visitors).
    path("i18n/setlang/", csrf_exempt(set_language), name="set_language"),
    path("admin/", admin.site.urls),
]
if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
