"""Root URLconf: pages, admin, the REST API and its documentation."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerView

from hotgigs import dashboard, views
from hotgigs.accounts import api as accounts_api

api_patterns = [
    path("auth/token/", accounts_api.TokenObtainView.as_view(), name="token_obtain"),
    path("auth/token/refresh/", accounts_api.TokenRefreshView.as_view(), name="token_refresh"),
    path("auth/me/", accounts_api.MeView.as_view(), name="me"),
    path("resumes/", include("candidates.urls_api")),
    path("resumes/", include("resumes.urls_api")),
    path("", include("matching.urls_api")),
    path("google-drive/", include("drive_sync.urls_api")),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
]

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("", dashboard.dashboard, name="dashboard"),
    path("admin/", admin.site.urls),
    path("login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("api/", include(api_patterns)),
    path("docs", SpectacularSwaggerView.as_view(url_name="schema"), name="swagger-ui"),
    path("redoc", SpectacularRedocView.as_view(url_name="schema"), name="redoc"),
    path("", include("candidates.urls")),
    path("", include("resumes.urls")),
    path("", include("matching.urls")),
    path("", include("drive_sync.urls")),
]
