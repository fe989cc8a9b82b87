"""Authentication endpoints for API clients (JWT)."""

from __future__ import annotations

from rest_framework import serializers
from rest_framework.generics import RetrieveAPIView
from rest_framework_simplejwt import views as jwt_views

from .models import User


class AuthThrottleMixin:
    """Token endpoints are open to anonymous callers, so they get the stricter 'auth' rate."""

    throttle_scope = "auth"

    def get_throttles(self):
        from rest_framework.throttling import ScopedRateThrottle

        return [ScopedRateThrottle()]


class TokenObtainView(AuthThrottleMixin, jwt_views.TokenObtainPairView):
    """Exchange username and password for an access and a refresh token."""


class TokenRefreshView(AuthThrottleMixin, jwt_views.TokenRefreshView):
    """Exchange a refresh token for a new access token."""


class UserSerializer(serializers.ModelSerializer):
    class Meta:
        model = User
        fields = ["id", "username", "email", "role"]


class MeView(RetrieveAPIView):
    """The signed-in user, with their role."""

    serializer_class = UserSerializer

    def get_object(self) -> User:
        return self.request.user
