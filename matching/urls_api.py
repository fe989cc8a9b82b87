"""REST API routes of the matching app."""

urlpatterns: list = []
